package ai.brevetti.io;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks that an {@code s3://BUCKET/KEY} URL is well formed, so a typo is reported as a malformed URL and
 * not as a storage or credentials failure. The bucket must be a name S3 accepts: 3–63 characters of
 * lower-case letters, digits, '.' and '-', starting and ending with a letter or digit, no "..", not an IP
 * address. The key may hold any characters but control characters.
 */
public final class S3Url {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String FORM = "an S3 URL is s3://BUCKET/KEY";

    private S3Url() {}

    /** Whether {@code path} is meant as an S3 URL: it starts with "s3:" in any case, maybe after spaces. */
    public static boolean looksLikeS3(String path) {
        return path != null && path.strip().toLowerCase(Locale.ROOT).startsWith("s3:");
    }

    /** Why {@code path}, meant as an S3 URL, is malformed; empty when it is well formed. */
    public static Optional<String> problem(String path) {
        if (!path.equals(path.strip())) {
            return Optional.of("it has spaces around it");
        }
        if (!path.startsWith("s3://")) {
            return Optional.of(path.toLowerCase(Locale.ROOT).startsWith("s3://") ? "write the scheme s3:// in lower case"
                    : FORM + ", with two slashes after 's3:'");
        }
        String rest = path.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            return Optional.of(rest.startsWith("/") ? FORM + "; it has a third slash where the bucket's name goes" : FORM + "; it names no bucket");
        }
        if (bucket.length() < 3 || bucket.length() > 63) {
            return Optional.of("the bucket name '" + bucket + "' has " + bucket.length() + " characters; S3's have 3–63");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            return Optional.of("the bucket name '" + bucket + "' is not one S3 accepts: lower-case letters, digits, '.' and '-',"
                    + " starting and ending with a letter or digit");
        }
        if (bucket.contains("..") || IP.matcher(bucket).matches()) {
            return Optional.of("the bucket name '" + bucket + "' is not one S3 accepts (no \"..\", not an IP address)");
        }
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                return Optional.of("the key has a control character at position " + i);
            }
        }
        return Optional.empty();
    }

    /** Throws a {@link StorageException} naming the URL and what is wrong with it, when it is malformed. */
    public static void check(String path) {
        problem(path).ifPresent(why -> {
            throw new StorageException(path, "Malformed S3 URL '" + path + "': " + why + ".");
        });
    }
}
