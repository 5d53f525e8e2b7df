package ai.brevetti.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/** Local files: plain paths and {@code file:} URIs. Writes are atomic (temporary file, then rename). */
public final class LocalStorage implements StorageBackend {

    @Override
    public boolean handles(String path) {
        return !path.contains("://") || path.startsWith("file:");
    }

    /** The local {@link Path} for a plain path or {@code file:} URI. */
    public static Path toPath(String path) {
        return path.startsWith("file:") ? Path.of(URI.create(path)) : Path.of(path);
    }

    @Override
    public byte[] read(String path) {
        try {
            return Files.readAllBytes(toPath(path));
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public InputStream open(String path) {
        try {
            return Files.newInputStream(toPath(path));
        } catch (IOException e) {
            throw failure("open", path, e);
        }
    }

    @Override
    public void write(String path, byte[] content) {
        write(path, new java.io.ByteArrayInputStream(content));
    }

    /** Streams into a temporary file next to the target, then renames it over the target. */
    @Override
    public void write(String path, InputStream content) {
        Path target = toPath(path).toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    content.transferTo(out);
                }
                moveAtomically(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw failure("write", path, e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(toPath(path));
    }

    @Override
    public boolean isFile(String path) {
        return Files.isRegularFile(toPath(path));
    }

    @Override
    public Stream<StorageObject> list(String prefix, boolean excludeHidden) {
        Path root = toPath(prefix);
        if (!Files.exists(root)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !excludeHidden || !isHidden(root, p))
                    .sorted()
                    .toList()
                    .stream()
                    .map(file -> describe(prefix, root, file));
        } catch (IOException e) {
            throw failure("list", prefix, e);
        }
    }

    private static boolean isHidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Describes {@code file} with a path spelled from the caller's {@code prefix}, so listings join back onto it. */
    private static StorageObject describe(String prefix, Path root, Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String path = relative.isEmpty() ? prefix : IoTools.join(prefix, relative);
        try {
            return new StorageObject(path, Files.size(file), Optional.empty(),
                    Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void copy(String source, String destination) {
        Path target = toPath(destination).toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            try {
                Files.copy(toPath(source), tmp, StandardCopyOption.REPLACE_EXISTING);
                moveAtomically(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw failure("copy", source, e);
        }
    }

    @Override
    public void remove(String path) {
        Path p = toPath(path);
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path each : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                        Files.delete(each);
                    }
                }
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw failure("remove", path, e);
        }
    }

    @Override
    public void makeDirs(String path) {
        try {
            Files.createDirectories(toPath(path));
        } catch (IOException e) {
            throw failure("create folder", path, e);
        }
    }

    @Override
    public String md5(String path) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(toPath(path)), MessageDigest.getInstance("MD5"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // the digest stream does the work
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw failure("compute the MD5 of", path, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    static StorageException failure(String action, String path, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "it does not exist";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NotDirectoryException) {
            why = "a parent is not a folder";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "something is already there";
        } else {
            why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new StorageException(path, "Cannot " + action + " '" + path + "': " + why, e);
    }
}
