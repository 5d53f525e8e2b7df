package ai.brevetti.platform;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The name a downloaded file is saved under: the {@code Content-Disposition} header's {@code filename*} (RFC
 * 6266, UTF-8) or {@code filename}, else the URL path's last part. Only a plain file name is taken: any folder
 * part is dropped, and a name that is empty, {@code .}, {@code ..} or has control characters is not used, so
 * an answer cannot place a file outside the folder asked for.
 */
final class DownloadName {
    private DownloadName() {}

    /** The file name for an answer from {@code url} with this {@code Content-Disposition} (may be null). */
    static String of(String contentDisposition, String url) {
        return fromHeader(contentDisposition).or(() -> fromUrl(url)).orElse("download");
    }

    static Optional<String> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String plain = null;
        String extended = null;
        for (String part : header.split(";")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).strip();
            if (key.equals("filename*")) {
                int quote = value.indexOf("''");
                if (quote >= 0 && value.substring(0, quote).equalsIgnoreCase("utf-8")) {
                    extended = decode(value.substring(quote + 2));
                }
            } else if (key.equals("filename")) {
                plain = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1).replace("\\\"", "\"") : value;
            }
        }
        Optional<String> fromExtended = safe(extended);
        return fromExtended.isPresent() ? fromExtended : safe(plain);
    }

    static Optional<String> fromUrl(String url) {
        try {
            String path = URI.create(url).getRawPath();
            return path == null ? Optional.empty() : safe(decode(path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The last part of {@code name} when it is a plain file name; empty otherwise. */
    static Optional<String> safe(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (base.isEmpty() || base.equals(".") || base.equals("..") || base.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(base);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
