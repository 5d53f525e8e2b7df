package ai.brevetti.platform;

import ai.brevetti.data.samples.AnnotationJoin;
import ai.brevetti.data.samples.ImageSamples;
import ai.brevetti.data.samples.SampleFiles;
import ai.brevetti.data.samples.SampleSource;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Urls;
import ai.brevetti.io.IoTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A dataset: its id, name and root location ({@code bucket}: a local folder or an {@code s3://} prefix),
 * with the storage and platform it is read through. A job's datasets come from its info.json; a
 * standalone one wraps any folder or prefix ({@link #of}).
 *
 * <pre>{@code
 * Samples samples = job.datasets().get(0).getImageSamples();
 * Samples local = Dataset.of("vials", "/data/vials").getImageSamples();
 * }</pre>
 */
public final class Dataset implements SampleSource {
    private final String id;
    private final String name;
    private final String bucket;
    private final String reference;
    private final String notes;
    private final boolean locked;
    private final List<Tag> tags;
    private final IoTools io;
    /** The platform its links go to; empty for a dataset on none (a plain folder or S3 prefix): its links are its own locations. */
    private final Optional<String> hostName;

    private Dataset(String id, String name, String bucket, String reference, String notes, boolean locked, List<Tag> tags,
                    IoTools io, Optional<String> hostName) {
        this.id = id;
        this.name = name;
        this.bucket = stripSlash(bucket);
        this.reference = reference;
        this.notes = notes;
        this.locked = locked;
        this.tags = List.copyOf(tags);
        this.io = io;
        this.hostName = hostName;
    }

    /** A standalone dataset over any folder or {@code s3://} prefix, read through a plain {@link IoTools}. */
    public static Dataset of(String name, String bucket) {
        return of(name, bucket, new IoTools());
    }

    /**
     * A standalone dataset read through {@code io}. It is on no platform: its {@link #getUri()} is its folder
     * and its samples' {@code url} their own location (no {@code platform.brevetti.ai} links).
     */
    public static Dataset of(String name, String bucket, IoTools io) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("Dataset '" + name + "' needs a folder or an s3:// prefix, not an empty one");
        }
        return new Dataset(UUID.randomUUID().toString(), name, bucket, "", "", false, List.of(), io, Optional.empty());
    }

    /** A dataset from the platform's JSON (info.json's entry or the web API); {@code dataBucket} locates one that names no bucket. */
    @SuppressWarnings("unchecked")
    public static Dataset fromMap(Map<String, ?> map, String dataBucket) {
        String id = Objects.toString(map.get("id"), UUID.randomUUID().toString());
        String bucket = Optional.ofNullable(map.get("bucket")).map(String::valueOf)
                .orElseGet(() -> dataBucket + "/" + Objects.toString(map.get("folderName"), id));
        List<Tag> tags = new ArrayList<>();
        if (map.get("tags") instanceof List<?> list) {
            for (Object t : list) {
                if (t instanceof Map<?, ?> m) {
                    tags.add(Tag.fromMap((Map<String, ?>) m));
                }
            }
        }
        if (map.get("tagIds") instanceof List<?> ids) {
            for (Object tagId : ids) {
                tags.add(new Tag(String.valueOf(tagId), "<Unknown>", Optional.empty(), "", List.of()));
            }
        }
        return new Dataset(id, Objects.toString(map.get("name"), id), bucket, Objects.toString(map.get("reference"), ""),
                Objects.toString(map.get("notes"), ""), Boolean.TRUE.equals(map.get("locked")), tags, new IoTools(),
                Optional.of(JobBuilder.DEFAULT_HOST));
    }

    /**
     * The same dataset read through {@code io}, with links to the platform at {@code hostName}.
     */
    public Dataset bind(IoTools io, String hostName) {
        return new Dataset(id, name, bucket, reference, notes, locked, tags, io, Optional.of(hostName));
    }

    /** The same dataset read through {@code io}, on no platform: its links are its own locations. */
    public Dataset bindWithoutPlatform(IoTools io) {
        return new Dataset(id, name, bucket, reference, notes, locked, tags, io, Optional.empty());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    /** The dataset's root location, without a trailing '/'. */
    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public String reference() {
        return reference;
    }

    public String notes() {
        return notes;
    }

    public boolean locked() {
        return locked;
    }

    public List<Tag> tags() {
        return tags;
    }

    @Override
    public IoTools io() {
        return io;
    }

    /** The platform its links go to; empty when it is on none. */
    public Optional<String> hostName() {
        return hostName;
    }

    /** The dataset's page, {@code {host}/data/{id}}; for a dataset on no platform its folder ({@link #bucket()}). */
    @Override
    public String getUri() {
        return hostName.map(host -> host + "/data/" + id).orElse(bucket);
    }

    /** The dataset's page on {@code host}. */
    public String getUri(String host) {
        return host + "/data/" + id;
    }

    /**
     * A platform download link of one of its files: the key within the bucket, quoted as Python's
     * {@code quote(key, safe="")}; for a dataset on no platform the file's own location ({@code path}).
     */
    @Override
    public String getSampleUri(String path) {
        return hostName.map(host -> Urls.downloadLink(host, path)).orElse(path);
    }

    /** Lists the dataset's images with the default options (see {@link ImageSamples}). */
    public Samples getImageSamples() {
        return ImageSamples.options().list(this);
    }

    /** The dataset's images (the fluent name of {@link #getImageSamples()}). */
    public Samples samples() {
        return getImageSamples();
    }

    /** Lists the dataset's images with {@code options}. */
    public Samples getImageSamples(ImageSamples options) {
        return options.list(this);
    }

    /**
     * The path of one of the dataset's files relative to its root (the inverse of
     * {@code getLocation("data", path)}): {@code s3://bucket/ds/good/1.bmp} → {@code good/1.bmp}.
     *
     * @throws IllegalArgumentException for a path that is not inside the dataset
     */
    public String getDsPath(String path) {
        String prefix = bucket + "/";
        if (path == null || !path.startsWith(prefix) || path.length() == prefix.length()) {
            throw new IllegalArgumentException("'" + path + "' is not a file of dataset '" + name + "' [" + bucket + "]");
        }
        String relative = path.substring(prefix.length());
        getLocation("data", relative); // refuses '..' and the like
        return relative;
    }

    /**
     * Writes {@code data} to {@code path} within the dataset (relative to its root; e.g.
     * {@code getLocation("meta", "notes.json")} made relative, or {@code ".meta/notes.json"}) through its
     * storage, and returns the full path. A job's dataset is read-only: writing fails with the storage's
     * refusal; upload with the dataset's own credentials ({@code PlatformApi}).
     */
    public String upload(String path, byte[] data) {
        String target = getLocation("data", path);
        io.writeFile(target, data);
        return target;
    }

    /** {@link #upload(String, byte[])} of text as UTF-8. */
    public String upload(String path, String text) {
        return upload(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The samples saved in {@code .samples/<target>} (Python's {@code get_samples(target)}), with absolute
     * paths and the listing's columns rebuilt (see {@link SampleFiles}).
     */
    public Samples getSamples(String target) {
        return SampleFiles.read(this, target);
    }

    /**
     * Saves this dataset's rows of {@code samples} to {@code .samples/<target>} in the SDK's format
     * (Python's {@code save_samples(target, df)}); returns the path written.
     */
    public String saveSamples(String target, Samples samples) {
        return SampleFiles.write(this, target, samples);
    }

    /** Joins {@code samples} of this dataset (e.g. from {@link #getSamples}) with its annotation files. */
    public Samples joinAnnotations(Samples samples, AnnotationJoin join) {
        return join.join(this, samples);
    }

    private static String stripSlash(String s) {
        String out = s;
        while (out.endsWith("/") && !out.endsWith("://") && out.length() > 1) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && d.id.equals(id) && d.bucket.equals(bucket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, bucket);
    }

    @Override
    public String toString() {
        return "Dataset[" + name + " (" + id + ") at " + bucket + "]";
    }
}
