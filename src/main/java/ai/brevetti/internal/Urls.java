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
}
