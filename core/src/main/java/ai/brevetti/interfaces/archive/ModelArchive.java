package ai.brevetti.interfaces.archive;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.Progress;
import ai.brevetti.platform.Job;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model archives (Python's {@code brevettiai.utils.model_version}): a TensorFlow SavedModel folder as
 * {@code <name>.<version>.tar.gz} (the folder under {@code saved_model/} in the archive), the version
 * being the first 4 bytes of the archive's MD5 read as a little-endian unsigned number, so the name
 * tells whether the file is intact.
 *
 * <pre>{@code
 * Path archive = ModelArchive.packageSavedModel(savedModelDir, "saved_model", ModelArchive.modelMetadata(job));
 * job.completeJob(archive);
 * }</pre>
 */
public final class ModelArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ModelArchive.class);
    /** Where the metadata goes inside the SavedModel. */
    public static final String META_PATH = "assets.extra/criterion_model_meta.json";
    /** The folder name the SavedModel has inside the archive. */
    public static final String ARCNAME = "saved_model";

    private ModelArchive() {
    }

    /**
     * Packages {@code savedModelDir} as {@code <name>.<version>.tar.gz} next to it (in its parent folder).
     *
     * @param metadata written as {@code saved_model/assets.extra/criterion_model_meta.json} in the archive
     *                 (replacing one the folder has); null: none added. The folder itself is not changed.
     * @return the archive
     * @throws IllegalArgumentException when the folder holds no SavedModel ({@code saved_model.pb} or
     *                                  {@code saved_model.pbtxt})
     */
    public static Path packageSavedModel(Path savedModelDir, String name, Map<String, ?> metadata) {
        Path parent = savedModelDir.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("SavedModel folder '" + savedModelDir + "' has no parent folder to put the archive in; "
                    + "give an output folder");
        }
        return packageSavedModel(savedModelDir, name, metadata, parent);
    }

    /** As {@link #packageSavedModel(Path, String, Map)}, writing the archive into {@code outputDir} (created). */
    public static Path packageSavedModel(Path savedModelDir, String name, Map<String, ?> metadata, Path outputDir) {
        checkSavedModel(savedModelDir);
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("Model archive name '" + name + "' must be a plain file name, e.g. \"saved_model\"");
        }
        Path temp = null;
        try {
            Files.createDirectories(outputDir);
            temp = Files.createTempFile(outputDir, "." + name + ".", ".tar.gz.part");
            byte[] meta = metadata == null ? null : Json.writePython(metadata).getBytes(StandardCharsets.UTF_8);
            writeArchive(savedModelDir, meta, temp);
            long version = getModelVersion(temp);
            Path archive = outputDir.resolve(name + "." + version + ".tar.gz");
            try {
                Files.move(temp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, archive, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("SavedModel {} packaged as {}", savedModelDir, archive);
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot package the SavedModel '" + savedModelDir + "' into '" + outputDir + "': "
                    + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover .part file is harmless
                }
            }
        }
    }

    private static void checkSavedModel(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("SavedModel folder '" + dir + "' does not exist or is not a folder");
        }
        if (!Files.isRegularFile(dir.resolve("saved_model.pb")) && !Files.isRegularFile(dir.resolve("saved_model.pbtxt"))) {
            throw new IllegalArgumentException("'" + dir + "' holds no SavedModel (no saved_model.pb); give the folder a model was "
                    + "saved to (saved_model.pb and variables/)");
        }
    }

    /** A path inside the SavedModel ('/'-separated, "" for the folder itself) and where its bytes come from. */
    private record Item(List<String> segments, Path file, byte[] content, boolean directory) {
        String name() {
            return ARCNAME + (segments.isEmpty() ? "" : "/" + String.join("/", segments)) + (directory ? "/" : "");
        }
    }

    /** Depth first, each folder's entries by name, folders before their contents (Python's tarfile.add order). */
    private static final Comparator<Item> ORDER = (a, b) -> {
        List<String> x = a.segments();
        List<String> y = b.segments();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = x.get(i).compareTo(y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    };

    private static void writeArchive(Path dir, byte[] meta, Path target) throws IOException {
        List<Item> items = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                List<String> segments = new ArrayList<>();
                for (Path part : dir.relativize(p)) {
                    if (!part.toString().isEmpty()) {
                        segments.add(part.toString());
                    }
                }
                boolean directory = Files.isDirectory(p);
                if (!directory && !Files.isRegularFile(p)) {
                    continue; // sockets, broken links
                }
                items.add(new Item(List.copyOf(segments), p, null, directory));
            }
        }
        if (meta != null) {
            List<String> metaSegments = List.of(META_PATH.split("/"));
            items.removeIf(i -> i.segments().equals(metaSegments));
            if (items.stream().noneMatch(i -> i.segments().equals(metaSegments.subList(0, 1)))) {
                items.add(new Item(metaSegments.subList(0, 1), null, null, true));
            }
            items.add(new Item(metaSegments, null, meta, false));
        }
        items.sort(ORDER);

        long now = System.currentTimeMillis();
        long bytes = 0;
        for (Item item : items) {
            bytes += item.content() != null ? item.content().length : item.file() != null && !item.directory() ? Files.size(item.file()) : 0;
        }
        try (Progress progress = Progress.start("Packaging " + dir.getFileName() + " (bytes)", bytes);
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(target));
             GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (Item item : items) {
                TarArchiveEntry entry = new TarArchiveEntry(item.name());
                entry.setUserId(0);
                entry.setGroupId(0);
                entry.setUserName("");
                entry.setGroupName("");
                if (item.file() != null) {
                    entry.setModTime(Files.getLastModifiedTime(item.file()).toMillis());
                    entry.setMode(mode(item.file(), item.directory()));
                } else {
                    entry.setModTime(now);
                    entry.setMode(item.directory() ? 040755 : 0100644);
                }
                if (item.directory()) {
                    tar.putArchiveEntry(entry);
                } else if (item.content() != null) {
                    entry.setSize(item.content().length);
                    tar.putArchiveEntry(entry);
                    tar.write(item.content());
                    progress.stepBy(item.content().length);
                } else {
                    entry.setSize(Files.size(item.file()));
                    tar.putArchiveEntry(entry);
                    try (InputStream in = progress.counting(Files.newInputStream(item.file()))) {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    /** The file's permission bits (0644 / 0755 where the file system has none), with the tar type bits. */
    private static int mode(Path file, boolean directory) throws IOException {
        int perms = directory ? 0755 : 0644;
        try {
            Set<PosixFilePermission> set = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            perms = 0;
            for (PosixFilePermission p : set) {
                perms |= 1 << (8 - p.ordinal());
            }
        } catch (UnsupportedOperationException notPosix) {
            // the defaults above
        }
        return (directory ? 040000 : 0100000) | perms;
    }

    /**
     * Unpacks a model archive into {@code dir} and returns the SavedModel folder in it ({@code dir/saved_model}).
     * Entries that would land outside {@code dir} are refused.
     *
     * @throws UncheckedIOException when the archive cannot be read or holds no SavedModel
     */
    public static Path extract(Path archive, Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try (Progress progress = Progress.start("Extracting " + archive.getFileName() + " (bytes)", Files.size(archive));
             InputStream in = new java.io.BufferedInputStream(progress.counting(Files.newInputStream(archive)));
             org.apache.commons.compress.archivers.tar.TarArchiveInputStream tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                     new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("entry '" + entry.getName() + "' would be written outside " + root);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the model archive '" + archive + "': " + e.getMessage(), e);
        }
        Path savedModel = root.resolve(ARCNAME);
        if (!Files.isRegularFile(savedModel.resolve("saved_model.pb")) && !Files.isRegularFile(savedModel.resolve("saved_model.pbtxt"))) {
            throw new UncheckedIOException(new IOException("The model archive '" + archive + "' holds no " + ARCNAME + "/saved_model.pb"));
        }
        return savedModel;
    }

    /**
     * The version of a model archive: the first 4 bytes of its MD5, little-endian, unsigned.
     *
     * @throws UncheckedIOException when it cannot be read
     */
    public static long getModelVersion(Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
            return version(md5.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model archive '" + archive + "': " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long version(byte[] digest) {
        return (digest[0] & 0xffL) | (digest[1] & 0xffL) << 8 | (digest[2] & 0xffL) << 16 | (digest[3] & 0xffL) << 24;
    }

    /**
     * Whether the number in the archive's name ({@code <name>.<version>.tar.gz}: the third part from the
     * end) is the version of its content. False for a changed or truncated file, a name without a
     * version, or a file that cannot be read.
     */
    public static boolean checkModelVersion(Path archive) {
        try {
            String[] parts = archive.getFileName().toString().split("\\.");
            if (parts.length < 4) {
                return false;
            }
            long named = Long.parseLong(parts[parts.length - 3]);
            return named == getModelVersion(archive);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The metadata of a model trained by {@code job}: {@code id}, {@code run_id}, {@code name},
     * {@code producer} ({@code brevettiai-java}), {@code host_name} (the pydantic SDK's {@code ModelMetadata}).
     */
    public static Map<String, Object> modelMetadata(Job<?> job) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("id", job.id());
        meta.put("run_id", job.runId());
        meta.put("name", job.name());
        meta.put("producer", "brevettiai-java");
        meta.put("host_name", job.hostName());
        return meta;
    }
}
