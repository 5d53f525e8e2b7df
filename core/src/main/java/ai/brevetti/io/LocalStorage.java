package ai.brevetti.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
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
        List<StorageObject> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return excludeHidden && !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    BasicFileAttributes a = attrs;
                    if (a.isSymbolicLink()) {
                        try {
                            a = Files.readAttributes(file, BasicFileAttributes.class);
                        } catch (IOException dangling) {
                            return FileVisitResult.CONTINUE;
                        }
                    }
                    if (a.isRegularFile() && !(excludeHidden && file.getFileName().toString().startsWith("."))) {
                        found.add(describe(prefix, root, file, a));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw failure("list", prefix, e);
        }
        found.sort(Comparator.comparing(StorageObject::path));
        return found.stream();
    }

    /** Describes {@code file} with a path spelled from the caller's {@code prefix}, so listings join back onto it. */
    private static StorageObject describe(String prefix, Path root, Path file, BasicFileAttributes attrs) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String path = relative.isEmpty() ? prefix : IoTools.join(prefix, relative);
        return new StorageObject(path, attrs.size(), Optional.empty(), attrs.lastModifiedTime().toInstant());
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

    /** A reusable read buffer and digest per thread: hashing many small files allocates nothing. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[256 * 1024]);
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    });

    @Override
    public String md5(String path) {
        byte[] buffer = BUFFER.get();
        MessageDigest md5 = MD5.get();
        md5.reset();
        try (InputStream in = Files.newInputStream(toPath(path))) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (IOException e) {
            throw failure("compute the MD5 of", path, e);
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
