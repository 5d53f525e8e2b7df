package ai.brevetti.internal;

import java.nio.charset.StandardCharsets;

/** URL helpers with Python's semantics. */
public final class Urls {
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

    private Urls() {}

    /** Python's {@code urllib.parse.quote(text, safe=safe)}: percent-encodes UTF-8 bytes except unreserved and safe characters. */
    public static String quote(String text, String safe) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (UNRESERVED.indexOf(c) >= 0 || safe.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** {@code quote(text, "/")}, Python's default. */
    public static String quote(String text) {
        return quote(text, "/");
    }

    /**
     * The {@code path=} value of a platform download link, as Python's {@code IoTools.get_uri}: the key within
     * the bucket ({@code <scheme>://<bucket>/} removed; a bare key is taken as it is), quoted with nothing kept
     * safe ({@code quote(key, safe="")}). The platform's {@code /download} decodes it back to the key.
     */
    public static String downloadPath(String path) {
        return quote(keyWithinBucket(path), "");
    }

    /** {@code <host>/download?path=<downloadPath(path)>}: the one form of a download link ({@code host} may be empty). */
    public static String downloadLink(String host, String path) {
        return host + "/download?path=" + downloadPath(path);
    }

    /** {@code s3://bucket/a/b} → {@code a/b}; a path without a scheme (a key) is returned as it is. */
    static String keyWithinBucket(String path) {
        int scheme = path.indexOf("://");
        if (scheme <= 0 || !isScheme(path.substring(0, scheme))) {
            return path;
        }
        String rest = path.substring(scheme + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash + 1);
    }

    /** RFC 3986: a letter, then letters, digits, '+', '-' or '.'. */
    private static boolean isScheme(String s) {
        if (!Character.isLetter(s.charAt(0)) || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }
}
