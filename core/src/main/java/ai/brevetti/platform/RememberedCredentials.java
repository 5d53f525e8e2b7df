package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.UserDirs;
import ai.brevetti.internal.UserJsonFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials a login with {@code rememberMe} keeps (Python's {@code remember_me}), one user per
 * platform address, encrypted with AES-256-GCM under a random key:
 *
 * <pre>
 * &lt;config dir&gt;/webapi_credentials.json   {"https://platform.brevetti.ai:443": "v1.&lt;nonce&gt;.&lt;ciphertext&gt;", …}
 * &lt;config dir&gt;/webapi_credentials.key    256 random bits (base64url), made when the first credentials are remembered
 * </pre>
 *
 * Both files are readable by the user only ({@code rw-------}; one found looser is made so again, with a
 * warning). The plaintext is {@code {"userName": …, "password": …}}; a fresh 96-bit nonce encrypts each
 * entry, and the entry's address is authenticated with it, so an entry copied to another address, or
 * changed, does not decrypt. The config dir is {@code $BREVETTIAI_CONFIG_DIR}, else {@code ~/.brevettiai}.
 *
 * <p>What this protects, honestly: the password never sits in a file as text, so showing, pasting,
 * committing or backing up the credentials file alone discloses nothing, and nobody who can change the
 * file but not read the key can make the client send one platform's password to another. It does not
 * protect against anyone or anything that can read both files as the user (their processes, root, a copy
 * of the whole folder): the key sits next to the secret. Python's SDK derives its key from the MAC address,
 * which anyone can learn; this key is random. No OS keyring is used (see docs/security.md).
 */
public final class RememberedCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(RememberedCredentials.class);
    static final String FILE = "webapi_credentials.json";
    static final String KEY_FILE = "webapi_credentials.key";
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> USER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Path keyFile;

    private RememberedCredentials(Path dir) {
        this.file = dir.resolve(FILE);
        this.keyFile = dir.resolve(KEY_FILE);
    }

    /** The credentials remembered in {@code configDir}. */
    public static RememberedCredentials in(Path configDir) {
        return new RememberedCredentials(configDir);
    }

    /** The user's remembered credentials, in the config dir the environment names. */
    public static RememberedCredentials forUser(Map<String, String> environment) {
        return in(UserDirs.configDir(environment));
    }

    /** The file of the encrypted credentials. */
    public Path file() {
        return file;
    }

    /** The file of the key. */
    public Path keyFile() {
        return keyFile;
    }

    /**
     * The credentials remembered for the platform at {@code host} (compared as an origin: scheme, host,
     * port), if any.
     *
     * @throws JobException when an entry exists but cannot be decrypted (the key file lost or replaced, the
     *         entry changed): the message says how to forget it
     */
    public Optional<Credentials> find(String host) {
        String origin = PlatformTokens.origin(host);
        String entry = read().get(origin);
        if (entry == null) {
            return Optional.empty();
        }
        Optional<byte[]> key = readKey();
        String forget = ". Log in again with rememberMe to replace them, or forget them (bin/brevettiai logout --host " + host
                + ", or delete the entry for " + origin + " in " + file + ")";
        if (key.isEmpty()) {
            throw new JobException("The credentials remembered for " + origin + " in " + file + " cannot be read: their key "
                    + keyFile + " is gone" + forget);
        }
        try {
            Map<String, Object> plain = Json.parseObject(new String(decrypt(key.get(), origin, entry), StandardCharsets.UTF_8));
            return Optional.of(new Credentials(String.valueOf(plain.get("userName")), Secret.of(String.valueOf(plain.get("password")))));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            // the message says nothing of the content: it may be half a password
            throw new JobException("The credentials remembered for " + origin + " in " + file + " cannot be read ("
                    + (e instanceof AEADBadTagException ? "they do not decrypt with the key in " + keyFile + ": changed, or the key was replaced"
                    : "the entry is damaged") + ")" + forget);
        }
    }

    /**
     * Remembers {@code credentials} for the platform at {@code host}, replacing what was remembered for it.
     * The key is made when there is none; entries that no longer decrypt with it are dropped.
     */
    public void remember(String host, Credentials credentials) {
        String origin = PlatformTokens.origin(host);
        try {
            byte[] key = readKey().orElseGet(this::createKey);
            Map<String, Object> plain = new LinkedHashMap<>();
            plain.put("userName", credentials.userName());
            plain.put("password", credentials.password().reveal());
            String entry = encrypt(key, origin, Json.write(plain).getBytes(StandardCharsets.UTF_8));
            UserJsonFile.update(file, this::read, entries -> {
                entries.entrySet().removeIf(e -> !decrypts(key, e.getKey(), e.getValue()));
                entries.put(origin, entry);
            });
        } catch (IOException | GeneralSecurityException e) {
            throw new JobException("Cannot remember the credentials for " + origin + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the credentials remembered for the platform at {@code host}; true when there were some. */
    public boolean forget(String host) {
        String origin = PlatformTokens.origin(host);
        if (!read().containsKey(origin)) {
            return false;
        }
        try {
            UserJsonFile.update(file, this::read, entries -> entries.remove(origin));
        } catch (IOException e) {
            throw new JobException("Cannot forget the credentials for " + origin + " in " + file + ": " + e.getMessage(), e);
        }
        return true;
    }

    // ---- the entries

    private Map<String, String> read() {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        tighten(file);
        try {
            Map<String, String> entries = new LinkedHashMap<>();
            Json.parseObject(Files.readString(file)).forEach((k, v) -> entries.put(k, String.valueOf(v)));
            return entries;
        } catch (IOException e) {
            throw new JobException("The remembered credentials file " + file + " is not valid JSON. Delete it (log in with "
                    + "rememberMe to remember credentials again).");
        }
    }

    static String encrypt(byte[] key, String origin, byte[] plain) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, origin);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return VERSION + "." + b64.encodeToString(nonce) + "." + b64.encodeToString(cipher.doFinal(plain));
    }

    static byte[] decrypt(byte[] key, String origin, String entry) throws GeneralSecurityException {
        String[] parts = entry.split("\\.");
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new IllegalArgumentException("not a " + VERSION + " entry");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        byte[] nonce = b64.decode(parts[1]);
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a nonce of " + nonce.length + " bytes");
        }
        return cipher(Cipher.DECRYPT_MODE, key, nonce, origin).doFinal(b64.decode(parts[2]));
    }

    private static boolean decrypts(byte[] key, String origin, String entry) {
        try {
            decrypt(key, origin, entry);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** AES-256-GCM with a 128-bit tag; the entry's address and the format's version are authenticated data. */
    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String origin) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("brevettiai remembered credentials " + VERSION + " " + origin).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    // ---- the key

    private Optional<byte[]> readKey() {
        if (!Files.isRegularFile(keyFile)) {
            return Optional.empty();
        }
        tighten(keyFile);
        try {
            byte[] key = Base64.getUrlDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            if (key.length != 32) {
                throw new IllegalArgumentException(key.length + " bytes");
            }
            return Optional.of(key);
        } catch (IOException | IllegalArgumentException e) {
            throw new JobException("The key of the remembered credentials, " + keyFile + ", is damaged (not 256 bits in base64url). "
                    + "Delete it and " + file + ", and log in with rememberMe again.");
        }
    }

    /** A new random key, written to a user-only temporary file and linked in place; a key another process made first wins. */
    private byte[] createKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try {
            // a key another process made first wins: both then use it
            UserDirs.createPrivateOnce(keyFile, (Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return readKey().orElseThrow();
        } catch (IOException e) {
            throw new JobException("Cannot make the key of the remembered credentials, " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** A file others may read is made user-only again, with a warning (what it holds may have been read). */
    private static void tighten(Path path) {
        try {
            if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return;
            }
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
            if (!now.equals(USER_ONLY)) {
                Files.setPosixFilePermissions(path, USER_ONLY);
                LOG.warn("{} was {}; it is user-only (rw-------) now. Others may have read it: forget the remembered credentials "
                        + "(bin/brevettiai logout) and change the password if they could also read the other file.", path,
                        PosixFilePermissions.toString(now));
            }
        } catch (IOException e) {
            throw new JobException("Cannot check the permissions of " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RememberedCredentials[" + file + "]";
    }
}
