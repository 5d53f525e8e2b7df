package ai.brevetti.data.samples;

import ai.brevetti.io.IoTools;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One sample per annotation (Python's {@code expand_samples_with_annotations(samples, key, how)}): each
 * sample's annotation file (column {@code key}) is read and the sample repeated once per entry, with the
 * entry's {@code label}, {@code type} and {@code bbox} ({@code [x0, y0, x1, y1]} of its points, JSON; empty
 * for an image-level class). {@code how}: {@code outer} (the SDK's default) also keeps samples without an
 * annotation file or without entries, once, with empty {@code label}, {@code type} and {@code bbox};
 * {@code inner} drops them.
 *
 * <p>Bad files are found before anything is returned, never mid-epoch: a missing or unreadable file, text
 * that is not JSON, an entry without a label, a polygon with fewer than 3 points, a rectangle or line with
 * fewer than 2, or a coordinate that is not a number fails the call with a {@link SampleException} naming
 * up to five such files and what is wrong with each.
 */
public final class AnnotationExpansion {
    private static final Logger LOG = LoggerFactory.getLogger(AnnotationExpansion.class);
    /** The columns added, in order. */
    public static final List<String> COLUMNS = List.of("label", "type", "bbox");
    private static final int SHOWN = 5;

    private AnnotationExpansion() {}

    /** Expands by {@code annotation_path} (or the older {@code segmentation_path} when only that is there), outer. */
    public static Samples expandSamplesWithAnnotations(Samples samples) {
        String key = samples.has("annotation_path") || !samples.has("segmentation_path") ? "annotation_path" : "segmentation_path";
        return expandSamplesWithAnnotations(samples, key, "outer");
    }

    /**
     * Expands by the annotation files in column {@code key}; {@code how} is {@code outer} or {@code inner}.
     *
     * @throws SampleException naming the files that cannot be read as annotations
     */
    public static Samples expandSamplesWithAnnotations(Samples samples, String key, String how) {
        if (!samples.has(key)) {
            throw new IllegalArgumentException("The samples have no column '" + key + "' of annotation files; they have "
                    + samples.columnNames() + " (list them with ImageSamples.options().annotations(true))");
        }
        if (!how.equals("outer") && !how.equals("inner")) {
            throw new IllegalArgumentException("how='" + how + "' is not one of [outer, inner]");
        }
        for (String c : COLUMNS) {
            if (samples.has(c)) {
                throw new IllegalArgumentException("The samples already have a '" + c + "' column; expand samples that are not expanded yet");
            }
        }
        IoTools io = samples.io();
        String[] files = samples.columnArray(key);
        @SuppressWarnings("unchecked")
        List<AnnotationShapes.Shape>[] shapes = new List[files.length];
        String[] problems = new String[files.length];
        IntStream.range(0, files.length).parallel().forEach(r -> {
            if (files[r].isEmpty()) {
                shapes[r] = List.of();
                return;
            }
            try {
                shapes[r] = AnnotationShapes.read(io.readText(files[r]));
            } catch (RuntimeException e) {
                problems[r] = "'" + files[r] + "': " + e.getMessage();
            }
        });
        List<String> bad = java.util.Arrays.stream(problems).filter(p -> p != null).distinct().toList();
        if (!bad.isEmpty()) {
            throw new SampleException(bad.size() + " annotation file" + (bad.size() == 1 ? "" : "s") + " of column '" + key
                    + "' cannot be expanded: " + String.join("; ", bad.subList(0, Math.min(SHOWN, bad.size())))
                    + (bad.size() > SHOWN ? "; …" : "") + ". Fix or remove them, or leave those samples out, and expand again");
        }
        List<Integer> order = new ArrayList<>();
        List<String> label = new ArrayList<>();
        List<String> type = new ArrayList<>();
        List<String> bbox = new ArrayList<>();
        for (int r = 0; r < files.length; r++) {
            if (shapes[r].isEmpty()) {
                if (how.equals("outer")) {
                    order.add(r);
                    label.add("");
                    type.add("");
                    bbox.add("");
                }
                continue;
            }
            for (AnnotationShapes.Shape s : shapes[r]) {
                order.add(r);
                label.add(s.label());
                type.add(s.type());
                bbox.add(s.bbox().map(AnnotationExpansion::box).orElse(""));
            }
        }
        Table table = samples.table();
        Table out = Table.create(table.name());
        int[] picks = order.stream().mapToInt(Integer::intValue).toArray();
        for (String name : table.columnNames()) {
            StringColumn c = StringColumn.create(name);
            for (int r : picks) {
                c.append(table.column(name).getString(r));
            }
            out.addColumns(c);
        }
        out.addColumns(StringColumn.create("label", label), StringColumn.create("type", type), StringColumn.create("bbox", bbox));
        LOG.info("Expanded {} samples into {} by the annotations of '{}' (how={})", samples.size(), out.rowCount(), key, how);
        return new Samples(out, io);
    }

    /** {@code [x0, y0, x1, y1]} as JSON, whole numbers without a fraction. */
    static String box(double[] b) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < b.length; i++) {
            out.append(i == 0 ? "" : ", ").append(b[i] == Math.rint(b[i]) && Math.abs(b[i]) < 1e15 ? String.valueOf((long) b[i]) : String.valueOf(b[i]));
        }
        return out.append(']').toString();
    }
}
