package ai.brevetti.data.samples;

import ai.brevetti.internal.Progress;
import ai.brevetti.internal.OptionSpec;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.LocalStorage;
import ai.brevetti.io.StorageObject;
import com.google.errorprone.annotations.CheckReturnValue;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How a dataset's images are listed into {@link Samples} (Python's {@code get_image_samples} and
 * {@code sample_walk}), and the listing itself. Immutable; each option returns a changed copy, so its result
 * must be used (decision 44).
 *
 * <ul>
 *   <li>Images are files whose lower-cased name matches the sample filter (default: .bmp .png .jpg .jpeg
 *       .tif .tiff); hidden files and folders are skipped.</li>
 *   <li>The category is the leaf folder ({@code __root__} at the dataset's root), or the first
 *       {@code classMapping} hit walking from the leaf folder towards the root; a mapping may give several
 *       classes. With {@code classes}, only those classes are kept (samples left without one are dropped).</li>
 *   <li>The etag is the storage's ETag when it is a plain MD5, else the MD5 of the content, computed in
 *       parallel and streamed.</li>
 * </ul>
 */
@CheckReturnValue
public final class ImageSamples {
    private static final Logger LOG = LoggerFactory.getLogger("ai.brevetti.platform.Dataset");
    /** Python's default sample filter, applied to the lower-cased file name. */
    public static final String DEFAULT_FILTER = "\\.(bmp|png|jpe?g|tiff?)$";

    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        Pattern sampleFilter = Pattern.compile(DEFAULT_FILTER);
        Map<String, List<String>> classMapping = Map.of();
        Optional<Set<String>> classes = Optional.empty();
        boolean calculateMd5 = true;
        boolean fullPath;
        Optional<AnnotationJoin> annotations = Optional.empty();
    }

    private final Options o;

    private ImageSamples(Options options) {
        this.o = options;
    }

    /** The defaults. */
    public static ImageSamples options() {
        return new ImageSamples(new Options());
    }

    /** Options whose values are these with {@code change} applied. */
    private ImageSamples with(Consumer<Options> change) {
        return new ImageSamples(o.with(change));
    }

    /** Which files are samples: a regex searched in the lower-cased file name. */
    public ImageSamples sampleFilter(String regex) {
        return with(o -> o.sampleFilter = Pattern.compile(regex));
    }

    /**
     * Folder name → class, or → list of classes (multi-class). Values are strings or lists of strings,
     * as the platform's {@code class_mapping} setting holds them.
     */
    public ImageSamples classMapping(Map<String, ?> mapping) {
        Map<String, List<String>> normalized = new LinkedHashMap<>();
        mapping.forEach((folder, value) -> {
            List<String> list = value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
            Samples.category(list);
            normalized.put(folder, list);
        });
        return with(o -> o.classMapping = Map.copyOf(normalized));
    }

    /** Keep only these classes. */
    public ImageSamples classes(List<String> keep) {
        return with(o -> o.classes = Optional.of(Set.copyOf(keep)));
    }

    /** Compute MD5s where the storage gives no plain-MD5 ETag (default true); else the etag is the path's SHA-1. */
    public ImageSamples calculateMd5(boolean calculate) {
        return with(o -> o.calculateMd5 = calculate);
    }

    /** The {@code folder} column holds the whole relative folder path instead of the leaf folder. */
    public ImageSamples fullPath(boolean full) {
        return with(o -> o.fullPath = full);
    }

    /**
     * Join each image with its annotation file (Python's {@code annotations=True}): adds
     * {@code annotation_path} and {@code annotation_etag} after {@code etag}, keeping only annotated images
     * (see {@link AnnotationJoin} for the files accepted and the other ways to join).
     */
    public ImageSamples annotations(boolean join) {
        return with(o -> o.annotations = join ? Optional.of(AnnotationJoin.options()) : Optional.empty());
    }

    /**
     * Join with annotations, with the join's options by name as Python's {@code annotations=dict} gives them:
     * {@code filter} (a regex, or a list of them), {@code duplicates} ({@code first}, {@code last}),
     * {@code how} ({@code inner}, {@code left}, {@code outer}), {@code prefix}.
     */
    public ImageSamples annotations(Map<String, ?> options) {
        AnnotationJoin join = AnnotationJoin.fromMap(options);
        return with(o -> o.annotations = Optional.of(join));
    }

    /** Join with the annotation files matching any of these regexes (Python's {@code annotations=list}). */
    public ImageSamples annotations(List<String> filters) {
        AnnotationJoin join = AnnotationJoin.options().filter(filters);
        return with(o -> o.annotations = Optional.of(join));
    }

    /** Join with annotations as {@code join} says. */
    public ImageSamples annotations(AnnotationJoin join) {
        return with(o -> o.annotations = Optional.of(join));
    }

    /** The samples of several datasets, listed in parallel and concatenated (datasets in id order). */
    public Samples list(List<? extends SampleSource> datasets) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("No datasets to list samples from");
        }
        List<? extends SampleSource> sorted = datasets.stream().sorted(Comparator.comparing(SampleSource::id)).toList();
        List<Samples> parts = sorted.parallelStream().map(this::list).toList();
        return Samples.concat(parts);
    }

    /** The samples of one dataset. */
    public Samples list(SampleSource dataset) {
        String root = dataset.bucket();
        LOG.info("Getting image samples from dataset '{}' [{}]", dataset.name(), dataset.getUri());
        IoTools io = dataset.io();
        if (io.backend(root) instanceof LocalStorage && !Files.isDirectory(LocalStorage.toPath(root))) {
            throw new SampleException("Dataset '" + dataset.name() + "': its folder '" + root + "' "
                    + (Files.exists(LocalStorage.toPath(root)) ? "is a file; a dataset is a folder of images" : "does not exist"));
        }
        List<Row> rows = new ArrayList<>();
        Set<String> files = new HashSet<>();
        try (Progress progress = Progress.start("Listing " + dataset.name() + " (files)", 0);
             Stream<StorageObject> objects = io.list(root, true)) {
            objects.forEach(object -> {
                RelativePaths.relative(root, object.path()).ifPresent(files::add);
                row(root, object).ifPresent(rows::add);
                progress.step();
            });
        }
        if (rows.isEmpty()) {
            throw new SampleException("Dataset '" + dataset.name() + "' [" + root + "] holds no images"
                    + (o.sampleFilter.pattern().equals(DEFAULT_FILTER) ? " (.bmp .png .jpg .jpeg .tif .tiff)" : " matching " + o.sampleFilter)
                    + (o.classes.isPresent() ? " of the classes " + new TreeSet<>(o.classes.get()) : "")
                    + "; check the folder, or that images were uploaded");
        }
        List<Row> withEtags = etags(io, rows);
        if (withEtags.isEmpty()) {
            throw new SampleException("Dataset '" + dataset.name() + "' [" + root + "]: none of its " + rows.size()
                    + " images could be read");
        }
        Samples samples = table(dataset, withEtags, io);
        if (o.annotations.isPresent()) {
            samples = o.annotations.get().join(dataset, samples, files, o.calculateMd5);
        }
        LOG.info("Contents: {}", contents(samples));
        return samples;
    }

    /** One listed image; its etag is null until known. */
    private record Row(String category, String folder, StorageObject object, String etag) {
        Row withEtag(String e) {
            return new Row(category, folder, object, e);
        }
    }

    private Optional<Row> row(String root, StorageObject object) {
        if (!o.sampleFilter.matcher(object.name().toLowerCase(Locale.ROOT)).find()) {
            return Optional.empty();
        }
        String folder = object.folder();
        String relative = folder.length() > root.length() ? folder.substring(root.length() + 1) : "";
        List<String> folders = new ArrayList<>();
        if (!relative.isEmpty()) {
            folders.add("__root__");
            folders.addAll(List.of(relative.split("/")));
        }
        List<String> category = folders.isEmpty() ? List.of("__root__") : List.of(folders.get(folders.size() - 1));
        for (int i = folders.size() - 1; i >= 0; i--) {
            List<String> mapped = o.classMapping.get(folders.get(i));
            if (mapped != null) {
                category = mapped;
                break;
            }
        }
        if (o.classes.isPresent()) {
            Set<String> keep = o.classes.get();
            category = category.stream().filter(keep::contains).toList();
            if (category.isEmpty()) {
                return Optional.empty();
            }
        }
        String folderColumn = folders.isEmpty() ? "__root__" : o.fullPath ? relative : folders.get(folders.size() - 1);
        return Optional.of(new Row(Samples.category(category), folderColumn, object, null));
    }

    /** Every row with its etag; unreadable files are reported and left out. */
    private List<Row> etags(IoTools io, List<Row> rows) {
        String[] etags = Etags.of(io, rows.stream().map(Row::object).toList(), o.calculateMd5, "sample");
        List<Row> kept = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (etags[i] != null) {
                kept.add(rows.get(i).withEtag(etags[i]));
            }
        }
        return kept;
    }

    private Samples table(SampleSource dataset, List<Row> rows, IoTools io) {
        int n = rows.size();
        String[] etag = new String[n];
        String[] category = new String[n];
        String[] folder = new String[n];
        String[] path = new String[n];
        String[] url = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            category[i] = r.category();
            etag[i] = r.etag();
            folder[i] = r.folder();
            path[i] = r.object().path();
            url[i] = dataset.getSampleUri(path[i]);
        }
        String reference = dataset.reference().isEmpty() ? "N/A" : dataset.reference();
        Table t = Table.create(dataset.name(),
                StringColumn.create("category", category),
                StringColumn.create("folder", folder),
                StringColumn.create("path", path),
                StringColumn.create("etag", etag),
                StringColumn.create("bucket", repeat(dataset.bucket(), n)),
                StringColumn.create("dataset", repeat(dataset.name(), n)),
                StringColumn.create("dataset_id", repeat(dataset.id(), n)),
                StringColumn.create("reference", repeat(reference, n)),
                StringColumn.create("url", url));
        return new Samples(t, io);
    }

    private static String[] repeat(String value, int n) {
        String[] out = new String[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** {@code {good: 20, missing_cap: 20, failed_cap: 19}}: rows per category, most frequent first. */
    static String contents(Samples samples) {
        StringBuilder out = new StringBuilder("{");
        samples.counts("category").forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append(": ").append(v));
        return out.append('}').toString();
    }

    @Override
    public String toString() {
        return "ImageSamples[filter=" + o.sampleFilter + (o.classMapping.isEmpty() ? "" : ", classMapping=" + o.classMapping)
                + o.classes.map(c -> ", classes=" + new TreeSet<>(c)).orElse("") + (o.calculateMd5 ? "" : ", no MD5")
                + o.annotations.map(a -> ", " + a).orElse("") + "]";
    }
}
