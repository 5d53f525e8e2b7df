package ai.brevetti.localplatform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.UserDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The local platform's one user, who logs in as on the real platform ({@code POST /api/account/token}):
 * a user name and a password set by its owner ({@code bin/brevettiai platform password}, or asked at the
 * first start at a terminal), kept in {@code <root>/user.json} (user-only) as a {@link PasswordHash}. There
 * is no default password: until one is set, logging in is refused with a message saying how to set one
 * (the access token still works).
 *
 * <pre>{"userName": "…", "firstName": "…", "lastName": "…", "passwordHash": "pbkdf2-sha256$600000$…$…"}</pre>
 */
public final class LocalUser {
    static final String FILE = "user.json";
    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    private static final Set<PosixFilePermission> USER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String userName;
    private final String firstName;
    private final String lastName;
    private final String passwordHash;

    private LocalUser(String userName, String firstName, String lastName, String passwordHash) {
        this.userName = userName;
        this.firstName = firstName;
        this.lastName = lastName;
        this.passwordHash = passwordHash;
    }

    /**
     * Sets the user of the platform at {@code root} (replacing the one set before: its login sessions end).
     * The password array is cleared.
     *
     * @throws IllegalArgumentException for an empty or odd user name or a password shorter than
     *         {@value #MIN_PASSWORD_LENGTH} characters, saying so
     */
    public static void set(Path root, String userName, char[] password, String firstName, String lastName) throws IOException {
        try {
            String name = checkName(userName);
            if (password.length < MIN_PASSWORD_LENGTH) {
                throw new IllegalArgumentException("The password is " + password.length + " characters long; give one of at least "
                        + MIN_PASSWORD_LENGTH);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("userName", name);
            json.put("firstName", firstName == null || firstName.isBlank() ? name : firstName.strip());
            json.put("lastName", lastName == null ? "" : lastName.strip());
            json.put("passwordHash", PasswordHash.hash(password));
            write(root.resolve(FILE), Json.writePretty(json));
        } finally {
            PasswordHash.clear(password);
        }
    }

    /** Whether a user is set on the platform at {@code root}. */
    public static boolean isSet(Path root) {
        return Files.isRegularFile(root.resolve(FILE));
    }

    /** The user set on the platform at {@code root}, if any. */
    static Optional<LocalUser> read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
                && !Files.getPosixFilePermissions(file).equals(USER_ONLY)) {
            Files.setPosixFilePermissions(file, USER_ONLY);
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("The local platform's user file " + file + " is damaged (not JSON); set the user again with "
                    + "bin/brevettiai platform password", e);
        }
        String hash = String.valueOf(json.get("passwordHash"));
        String name = String.valueOf(json.getOrDefault("userName", ""));
        if (!PasswordHash.wellFormed(hash) || name.isBlank()) {
            throw new IOException("The local platform's user file " + file + " is damaged (no user name or password hash); "
                    + "set the user again with bin/brevettiai platform password");
        }
        return Optional.of(new LocalUser(name, String.valueOf(json.getOrDefault("firstName", name)),
                String.valueOf(json.getOrDefault("lastName", "")), hash));
    }

    private static String checkName(String userName) {
        String name = userName == null ? "" : userName.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("The user name is empty; give one (e.g. your login name)");
        }
        if (name.length() > 100 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("The user name must be 1–100 characters without control characters");
        }
        return name;
    }

    /** Written whole or not at all, user-only from creation ({@link UserDirs#writePrivate}). */
    private static void write(Path file, String content) throws IOException {
        UserDirs.writePrivate(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code userName} and {@code password} are this user's. The password is always hashed (against a
     * decoy when the name is wrong) and the name compared in constant time, so the timing tells neither.
     */
    boolean matches(String userName, char[] password) {
        boolean name = MessageDigest.isEqual(digest(userName.strip()), digest(this.userName));
        boolean pass = PasswordHash.verify(password, name ? passwordHash : PasswordHash.DECOY);
        return name && pass;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String userName() {
        return userName;
    }

    /** What changes whenever the user is set again (the hash has a new salt): sessions made before end. */
    String stamp() {
        return passwordHash;
    }

    /** The login answer's user (the real platform's fields; the token is added by the route). */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", UUID.nameUUIDFromBytes(("brevettiai local user " + userName).getBytes(StandardCharsets.UTF_8)).toString());
        json.put("userName", userName);
        json.put("email", userName.contains("@") ? userName : "");
        json.put("firstName", firstName);
        json.put("lastName", lastName);
        return json;
    }

    @Override
    public String toString() {
        return "LocalUser[" + userName + "]";
    }
}
