package ai.brevetti.localplatform;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one rule for S3 keys (and listing prefixes) on the local platform, checked before any grant and
 * before any key reaches the filesystem store.
 *
 * <p>The store keeps object {@code k} at {@code <bucket dir>.resolve(k).normalize()}, so a key that
 * normalizes to another path names another object: {@code own/../other/info.json} is
 * {@code other/info.json}, {@code own//x} is {@code own/x}, and on Windows {@code own\..\other} is
 * {@code other}. A grant compares the key as sent. Keys are therefore refused when they have a {@code .} or
 * {@code ..} segment, an empty segment ({@code //}) other than a trailing '/', a leading '/', a backslash or
 * a NUL: what is left normalizes to itself, so the key a grant checks is the file the store touches (a
 * trailing '/' names a folder marker, which the store keeps as the folder itself: under the same prefix).
 * S3 keys decoded from a URL ({@code %2e%2e}, {@code ..%2f}) reach this check decoded.
 */
final class ObjectKey {
    /** S3's limit on a key's length, in UTF-8 bytes. */
    static final int MAX_BYTES = 1024;

    private ObjectKey() {}

    /** Why {@code key} is not a key of an object, or empty when it is one. */
    static Optional<String> problem(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("an object needs a non-empty key");
        }
        return prefixProblem(key);
    }

    /** Why {@code prefix} is not a listing prefix (null and "" list from the top), or empty when it is one. */
    static Optional<String> prefixProblem(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return Optional.empty();
        }
        String shown = "'" + printable(prefix) + "'";
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("the key " + shown + " is longer than " + MAX_BYTES + " bytes");
        }
        if (prefix.indexOf('\0') >= 0) {
            return Optional.of("the key " + shown + " has a NUL character");
        }
        if (prefix.indexOf('\\') >= 0) {
            return Optional.of("the key " + shown + " has a backslash; separate folders with '/'");
        }
        if (prefix.startsWith("/")) {
            return Optional.of("the key " + shown + " starts with '/'; keys are relative to the bucket");
        }
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".") || s.equals("..")) {
                return Optional.of("the key " + shown + " has a '" + s + "' segment; name the object by its own path");
            }
            if (s.isEmpty() && i < segments.length - 1) {
                return Optional.of("the key " + shown + " has an empty segment ('//')");
            }
        }
        return Optional.empty();
    }

    /** {@code key}, or an {@link IllegalArgumentException} saying what is wrong with it. */
    static String require(String key) {
        problem(key).ifPresent(p -> {
            throw new IllegalArgumentException("Not a valid S3 key: " + p + ".");
        });
        return key;
    }

    /** {@code prefix} (null as ""), or an {@link IllegalArgumentException} saying what is wrong with it. */
    static String requirePrefix(String prefix) {
        prefixProblem(prefix).ifPresent(p -> {
            throw new IllegalArgumentException("Not a valid S3 prefix: " + p + ".");
        });
        return prefix == null ? "" : prefix;
    }

    /** The key for messages: control characters as '?', at most 200 characters. */
    static String printable(String key) {
        String s = key.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
