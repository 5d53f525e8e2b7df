package ai.brevetti.data.samples;

import ai.brevetti.internal.OptionSpec;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.StorageObject;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * How images are joined with their annotation files (Python's {@code merge_annotations(samples,
 * filter=None, duplicates="last", how="inner", prefix="annotation_")}). Immutable; each option returns a
 * changed copy (decision 44).
 *
 * <p>A dataset keeps its annotations under {@code .annotations/}, by the image's path within the dataset.
 * An annotation file of the image {@code good/1.bmp} is either
 * <ul>
 *   <li>{@code .annotations/good/1.bmp/<any name>.json} (the platform's layout: a folder per image, which may
 *       hold several versions), or</li>
 *   <li>{@code .annotations/good/1.bmp.json} (one file beside where the image's folder would be).</li>
 * </ul>
 * Only {@code .json} files count; hidden ones are skipped. With several files for one image,
 * {@code duplicates} picks the {@code last} (default) or {@code first} in path order. The join adds
 * {@code <prefix>path} and {@code <prefix>etag} after the {@code etag} column ({@code prefix("segmentation_")}
 * gives the older SDK's {@code segmentation_path}, {@code segmentation_etag}). {@code how}: {@code inner}
 * (default) keeps only annotated images; {@code left} and {@code outer} keep every image, with {@code ""}
 * where it has no annotation. Annotation files of no image never become rows (a row without an image
 * would fail mid-epoch); they are counted in a warning that names one of them.
 */
@CheckReturnValue
public final class AnnotationJoin {
    private static final Logger LOG = LoggerFactory.getLogger("ai.brevetti.platform.Dataset");
    private static final List<String> DUPLICATES = List.of("first", "last");
    private static final List<String> HOW = List.of("inner", "left", "outer");

    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        Optional<Pattern> filter = Optional.empty();
        String duplicates = "last";
        String how = "inner";
        String prefix = "annotation_";
    }

    private final Options o;

    private AnnotationJoin(Options options) {
        this.o = options;
    }

    /** The defaults: every annotation file, the last of duplicates, inner join, prefix {@code annotation_}. */
    public static AnnotationJoin options() {
        return new AnnotationJoin(new Options());
    }

    /**
     * The options by name, as Python's {@code annotations=dict} passes them: {@code filter} (a regex or a
     * list of them), {@code duplicates}, {@code how}, {@code prefix}; an unknown name is an error.
     */
    public static AnnotationJoin fromMap(Map<String, ?> options) {
        AnnotationJoin join = options();
        for (Map.Entry<String, ?> e : options.entrySet()) {
            Object v = e.getValue();
            join = switch (e.getKey()) {
                case "filter" -> v == null ? join : v instanceof List<?> l ? join.filter(l.stream().map(String::valueOf).toList()) : join.filter(String.valueOf(v));
                case "duplicates" -> join.duplicates(String.valueOf(v));
                case "how" -> join.how(String.valueOf(v));
                case "prefix" -> join.prefix(String.valueOf(v));
                default -> throw new IllegalArgumentException("Unknown annotation option '" + e.getKey()
                        + "'; the options are filter, duplicates, how and prefix");
            };
        }
        return join;
    }

    private AnnotationJoin with(Consumer<Options> change) {
        return new AnnotationJoin(o.with(change));
    }

    /** Only annotation files whose path within {@code .annotations/} contains a match of {@code regex}. */
    public AnnotationJoin filter(String regex) {
        Pattern p = compile(regex);
        return with(o -> o.filter = Optional.of(p));
    }

    /** Only annotation files matching any of these regexes (Python's list of filters). */
    public AnnotationJoin filter(List<String> regexes) {
        if (regexes.isEmpty()) {
            return with(o -> o.filter = Optional.empty());
        }
        for (String r : regexes) {
            Pattern unused = compile(r); // each named in its own error
        }
        Pattern p = compile(regexes.stream().map(r -> "(?:" + r + ")").collect(Collectors.joining("|")));
        return with(o -> o.filter = Optional.of(p));
    }

    /** Which of several annotation files of one image: {@code last} (default) or {@code first}, in path order. */
    public AnnotationJoin duplicates(String keep) {
        String k = choice("duplicates", keep, DUPLICATES);
        return with(o -> o.duplicates = k);
    }

    /** {@code inner} (default): annotated images only; {@code left}, {@code outer}: every image. */
    public AnnotationJoin how(String how) {
        String h = choice("how", how, HOW);
        return with(o -> o.how = h);
    }

    /** The added columns' prefix (default {@code annotation_}; the older SDK's {@code segmentation_}). */
    public AnnotationJoin prefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || !prefix.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("The annotation column prefix '" + prefix
                    + "' must be letters, digits and '_' (e.g. annotation_ or segmentation_)");
        }
        return with(o -> o.prefix = prefix);
    }

    /** The column of the annotation files' paths ({@code annotation_path} by default). */
    public String pathColumn() {
        return o.prefix + "path";
    }

    /** The column of the annotation files' etags ({@code annotation_etag} by default). */
    public String etagColumn() {
        return o.prefix + "etag";
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("The annotation filter '" + regex + "' is not a valid regex: "
                    + e.getDescription(), e);
        }
    }

    private static String choice(String option, String value, List<String> allowed) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("Annotation option " + option + "='" + value + "' is not one of " + allowed);
        }
        return v;
    }

    /**
     * The dataset paths of the images an annotation file may belong to, from its path within
     * {@code .annotations/}: its folder ({@code good/1.bmp/a.json} → {@code good/1.bmp}), then its path without
     * {@code .json} ({@code good/1.bmp.json} → {@code good/1.bmp}). Empty for a file that is not {@code .json}.
     */
    public static List<String> imagesOf(String annotationPath) {
        if (!annotationPath.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return List.of();
        }
        List<String> images = new ArrayList<>(2);
        int slash = annotationPath.lastIndexOf('/');
        if (slash > 0) {
            images.add(annotationPath.substring(0, slash));
        }
        String stem = annotationPath.substring(0, annotationPath.length() - ".json".length());
        if (!stem.isEmpty() && !stem.endsWith("/")) {
            images.add(stem);
        }
        return images;
    }

    /** Joins {@code samples} of {@code dataset} (e.g. read from a sample file) with the dataset's annotations. */
    public Samples join(SampleSource dataset, Samples samples) {
        return join(dataset, samples, null, true);
    }

    /**
     * The join; {@code files} (every file of the dataset, by dataset path; null when unknown) tells an
     * annotation of an image left out by the listing's filters from one of no image at all.
     */
    Samples join(SampleSource dataset, Samples samples, Set<String> files, boolean calculateMd5) {
        LOG.info("Getting annotations from dataset '{}' [{}] with filter: {}", dataset.name(), dataset.getUri(),
                o.filter.map(Pattern::pattern).orElse("None"));
        String root = dataset.getLocation("annotations");
        IoTools io = dataset.io();
        String[] paths = samples.columnArray("path");
        Map<String, List<Integer>> rowsByImage = new HashMap<>();
        for (int r = 0; r < paths.length; r++) {
            int row = r;
            RelativePaths.relative(dataset.bucket(), paths[r]).ifPresent(rel -> rowsByImage.computeIfAbsent(rel, k -> new ArrayList<>()).add(row));
        }
        List<StorageObject> listed;
        try (Stream<StorageObject> objects = io.list(root, true)) {
            listed = objects.sorted(Comparator.comparing(StorageObject::path)).toList();
        }
        Map<String, StorageObject> chosen = new HashMap<>();
        int orphans = 0;
        int considered = 0;
        String orphanExample = null;
        for (StorageObject object : listed) {
            Optional<String> rel = RelativePaths.relative(root, object.path());
            if (rel.isEmpty() || imagesOf(rel.get()).isEmpty() || o.filter.isPresent() && !o.filter.get().matcher(rel.get()).find()) {
                continue;
            }
            considered++;
            Optional<String> image = imagesOf(rel.get()).stream().filter(rowsByImage::containsKey).findFirst();
            if (image.isPresent()) {
                if (o.duplicates.equals("last") || !chosen.containsKey(image.get())) {
                    chosen.put(image.get(), object);
                }
            } else if (files == null || imagesOf(rel.get()).stream().noneMatch(files::contains)) {
                orphans++;
                orphanExample = orphanExample == null ? rel.get() : orphanExample;
            }
        }
        if (orphans > 0) {
            LOG.warn("{} annotation file{} in '{}' belong{} to no {}image of dataset '{}' (e.g. '{}'); an image's annotation is"
                            + " .annotations/<image path>/<name>.json or .annotations/<image path>.json",
                    orphans, orphans == 1 ? "" : "s", root, orphans == 1 ? "s" : "", files == null ? "listed " : "", dataset.name(), orphanExample);
        }
        List<String> images = new ArrayList<>(chosen.keySet());
        images.sort(null);
        List<StorageObject> objects = images.stream().map(chosen::get).toList();
        String[] etags = objects.isEmpty() ? new String[0] : Etags.of(io, objects, calculateMd5, "annotation");
        String[] annotationPath = new String[paths.length];
        String[] annotationEtag = new String[paths.length];
        java.util.Arrays.fill(annotationPath, "");
        java.util.Arrays.fill(annotationEtag, "");
        for (int i = 0; i < images.size(); i++) {
            if (etags[i] == null) {
                continue; // unreadable: reported by Etags, joined as missing
            }
            for (int row : rowsByImage.get(images.get(i))) {
                annotationPath[row] = objects.get(i).path();
                annotationEtag[row] = etags[i];
            }
        }
        Selection keep = new BitmapBackedSelection();
        int missing = 0;
        for (int r = 0; r < paths.length; r++) {
            if (annotationPath[r].isEmpty()) {
                missing++;
                if (!o.how.equals("inner")) {
                    keep.add(r);
                }
            } else {
                keep.add(r);
            }
        }
        if (missing > 0) {
            LOG.info("{} of {} images of dataset '{}' have no annotation file{}", missing, paths.length, dataset.name(),
                    o.how.equals("inner") ? " and are left out (how=inner)" : ": their " + pathColumn() + " is empty");
        }
        if (keep.isEmpty()) {
            throw new SampleException("Dataset '" + dataset.name() + "': none of its " + paths.length + " images has an annotation file in '"
                    + root + "' (" + considered + " annotation files" + o.filter.map(f -> " matching " + f.pattern()).orElse("")
                    + "); an image's annotation is .annotations/<image path>/<name>.json or .annotations/<image path>.json;"
                    + " use how=left to keep images without annotations");
        }
        return insertAfterEtag(samples, keep, annotationPath, annotationEtag);
    }

    /** The kept rows with the two columns after {@code etag} (replacing columns of those names). */
    private Samples insertAfterEtag(Samples samples, Selection keep, String[] path, String[] etag) {
        Table table = samples.table();
        Table out = Table.create(table.name());
        StringColumn pathColumn = StringColumn.create(pathColumn(), path).where(keep);
        StringColumn etagColumn = StringColumn.create(etagColumn(), etag).where(keep);
        boolean added = false;
        for (String name : table.columnNames()) {
            if (name.equals(pathColumn()) || name.equals(etagColumn())) {
                continue;
            }
            out.addColumns(table.column(name).where(keep));
            if (name.equals("etag")) {
                out.addColumns(pathColumn, etagColumn);
                added = true;
            }
        }
        if (!added) {
            out.addColumns(pathColumn, etagColumn);
        }
        return new Samples(out, samples.io());
    }

    @Override
    public String toString() {
        return "AnnotationJoin[" + o.filter.map(f -> "filter=" + f.pattern() + ", ").orElse("") + "duplicates=" + o.duplicates
                + ", how=" + o.how + ", prefix=" + o.prefix + "]";
    }
}
