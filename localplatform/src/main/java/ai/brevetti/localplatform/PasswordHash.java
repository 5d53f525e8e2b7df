package ai.brevetti.localplatform;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password kept as a salted slow hash: PBKDF2-HMAC-SHA256 (the JDK's), 600,000 iterations (OWASP's
 * figure for it), a random 128-bit salt, a 256-bit result, written as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64url). Checking costs what hashing costs (about
 * 0.1–0.3 s on one core), which is what makes guessing slow; the comparison is in constant time.
 */
final class PasswordHash {
    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** The stored form of {@code password} with a new salt. */
    static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, ITERATIONS));
    }

    /** True when {@code password} is the one {@code stored} was made from; false for a stored form that cannot be read. */
    static boolean verify(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[0-9]{1,9}")) {
            return false;
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] salt = b64.decode(parts[2]);
            byte[] expected = b64.decode(parts[3]);
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1 || salt.length == 0 || expected.length != HASH_BITS / 8) {
                return false;
            }
            return MessageDigest.isEqual(derive(password, salt, iterations), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code stored} has the form {@link #hash} writes. */
    static boolean wellFormed(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        return parts.length == 4 && parts[0].equals(SCHEME) && parts[1].matches("[0-9]{1,9}")
                && parts[2].matches("[A-Za-z0-9_-]+") && parts[3].matches("[A-Za-z0-9_-]{43}");
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A stored form no password matches, checked when the user name is wrong so that the timing does not tell. */
    static final String DECOY = hash("decoy password, never accepted".toCharArray());

    static void clear(char[] password) {
        Arrays.fill(password, '\0');
    }
}
