package ai.brevetti.localplatform;

import ai.brevetti.internal.UserDirs;
import ai.brevetti.platform.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's per-installation access token: 256 random bits, made at the first start and kept in
 * {@code <root>/access_token}, readable by its user only. The web API takes it as {@code Authorization:
 * Bearer <token>}; a browser gets a page cookie derived from it (so a leaked cookie is not the token).
 * Every comparison is in constant time.
 */
final class AccessToken {
    private static final Logger LOG = LoggerFactory.getLogger(AccessToken.class);
    static final String FILE = "access_token";
    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> USER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Secret token;
    private final String cookie;

    private AccessToken(String token) {
        this.token = Secret.of(token);
        this.cookie = hmac(token, "brevettiai local platform page session");
    }

    /** The token of the platform at {@code root}: read from {@code <root>/access_token}, made there at the first start. */
    static AccessToken loadOrCreate(Path root) throws IOException {
        Path file = root.resolve(FILE);
        if (!Files.exists(file)) {
            create(file);
        }
        tightenPermissions(file);
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!text.matches("[A-Za-z0-9_-]{43,}")) {
            throw new IOException("The platform's access token file " + file + " is damaged (not a token of 256 bits or more). "
                    + "Delete it and start the platform again: it makes a new token (log in again with the new link).");
        }
        return new AccessToken(text);
    }

    /**
     * Writes a new token, user-only from creation; a token another start on the same root wrote first wins
     * ({@link UserDirs#createPrivateOnce}: a rename would replace it, and that platform would answer to a token
     * no file holds).
     */
    private static void create(Path file) throws IOException {
        byte[] random = new byte[BYTES];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UserDirs.createPrivateOnce(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static FileAttribute<?>[] userOnly(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(USER_ONLY)} : new FileAttribute<?>[0];
    }

    /** A token file others may read is made user-only again (the token may have been seen: delete the file for a new one). */
    private static void tightenPermissions(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
        if (!now.equals(USER_ONLY)) {
            Files.setPosixFilePermissions(file, USER_ONLY);
            LOG.warn("The platform's access token file {} was {}; it is user-only (rw-------) now. Others may have read it: "
                    + "delete it and restart the platform for a new token.", file, PosixFilePermissions.toString(now));
        }
    }

    Secret secret() {
        return token;
    }

    /** True when {@code presented} is the token. */
    boolean matches(String presented) {
        return presented != null && equal(presented, token.reveal());
    }

    /** The value of the pages' session cookie. */
    String cookieValue() {
        return cookie;
    }

    /** True when {@code presented} is the pages' session cookie. */
    boolean matchesCookie(String presented) {
        return presented != null && equal(presented, cookie);
    }

    /** Constant time: compares digests, so neither the content nor the length of a guess shows in the timing. */
    private static boolean equal(String a, String b) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] da = sha.digest(a.getBytes(StandardCharsets.UTF_8));
            byte[] db = sha.digest(b.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(da, db);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "AccessToken[****]";
    }
}
