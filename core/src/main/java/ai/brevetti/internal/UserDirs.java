package ai.brevetti.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the user's brevettiai folders are, and how they are made: readable by the user only. The home
 * folder is {@code $HOME} when it is set (the JVM's {@code user.home} is the passwd entry's, whatever
 * {@code $HOME} says), else {@code user.home}; {@code bin/brevettiai} also passes {@code $HOME} as
 * {@code user.home}, so other libraries follow it too.
 */
public final class UserDirs {
    private UserDirs() {}

    /** {@code $HOME}, else the JVM's {@code user.home}. */
    public static Path home(Map<String, String> environment) {
        String home = environment.get("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }

    /** {@code $BREVETTIAI_CONFIG_DIR}, else {@code ~/.brevettiai}: the API key store's folder. */
    public static Path configDir(Map<String, String> environment) {
        String dir = environment.get("BREVETTIAI_CONFIG_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir) : home(environment).resolve(".brevettiai");
    }

    /** {@code $BREVETTIAI_PLATFORM_ROOT}, else {@code ~/.brevettiai/local-platform}: the local platform's folder. */
    public static Path platformRoot(Map<String, String> environment) {
        String root = environment.get("BREVETTIAI_PLATFORM_ROOT");
        return root != null && !root.isBlank() ? Path.of(root) : home(environment).resolve(".brevettiai").resolve("local-platform");
    }

    /**
     * Creates {@code dir} and its missing parents as folders only the user can enter (0700, whatever the
     * umask allows; folders that exist are left as they are) and returns it.
     */
    public static Path createPrivate(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return dir;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createPrivate(parent);
        }
        try {
            Files.createDirectory(absolute, privateFolder());
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(absolute);
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
        return dir;
    }

    /**
     * A new empty file in {@code dir} named {@code prefix…tmp}, readable by its owner only from creation (where
     * the file system has POSIX permissions): a temporary file to write, then move or link into place.
     */
    public static Path createPrivateTempFile(Path dir, String prefix) throws IOException {
        try {
            return Files.createTempFile(dir, prefix, ".tmp", privateFile());
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, prefix, ".tmp");
        }
    }

    /**
     * Replaces {@code file} with {@code content} whole or not at all, the file owner-only from creation: a private
     * temporary file in its folder (made private if new), forced to disk, then moved into place. No reader sees
     * half a file, and nobody else can read it.
     */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        Path dir = createPrivate(file.toAbsolutePath().getParent());
        Path tmp = createPrivateTempFile(dir, "." + file.getFileName());
        try {
            try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates {@code file} with {@code content}, owner-only from creation, unless it exists: the first writer
     * wins, also against another process at the same moment (a hard link of a finished private temporary file,
     * which fails when the name is taken; a rename would replace). Where the file system has no hard links, a
     * move that does not replace.
     *
     * @return true when this call created the file, false when it existed (its content is left as it is)
     */
    public static boolean createPrivateOnce(Path file, byte[] content) throws IOException {
        Path dir = createPrivate(file.toAbsolutePath().getParent());
        Path tmp = createPrivateTempFile(dir, "." + file.getFileName());
        try {
            Files.write(tmp, content);
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(tmp, file);
            }
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Owner read/write/execute only, from creation. */
    public static FileAttribute<?> privateFolder() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    }

    /** Owner read/write only, from creation. */
    public static FileAttribute<?> privateFile() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
