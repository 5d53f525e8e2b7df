package ai.brevetti.data.annotation;

import ai.brevetti.internal.Json;
import ai.brevetti.io.IoTools;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the platform's annotation JSON (Python's {@code annotation_parser} and {@code ImageAnnotation}
 * parsing) into an {@link ImageAnnotation} ({@link #read}, {@link #parse}); the format, with its sources, is in
 * docs/annotations.md. An instance is the generator step of the seed's name: an {@link AnnotationLoader}
 * ({@code new AnnotationParser("cap", "defect")}), which parses each sample's file and draws its masks.
 *
 * <p>Tolerant where the file is usable: unknown fields anywhere are kept ({@code extras}), points are
 * {@code {"x": …, "y": …}} objects or {@code [x, y]} pairs, a missing {@code annotations} list is an empty
 * one. A shape that cannot be drawn is left out and reported in {@link Parsed#skipped()}, each line naming
 * the file, the shape's index and type and why: no or unknown {@code type} (such as {@code ellipse}), no
 * text {@code label}, {@code points} not a list of numeric points, a polygon of fewer than 3 points, a
 * rectangle or line of fewer than 2, a point shape without points. A file that cannot be used at all
 * (unreadable, not JSON, not an object, {@code annotations} not a list) is an {@link AnnotationException}
 * naming it.
 */
public final class AnnotationParser extends AnnotationLoader {
    private static final Set<String> SHAPE_FIELDS = Set.of("type", "label", "points", "is_hole");
    private static final Set<String> FILE_FIELDS = Set.of("annotations", "image", "source");

    /**
     * The generator step under the seed's name ("premade functions … ImagePipeline, ImageAugmenter,
     * OneHotEncoder and AnnotationParser"): an {@link AnnotationLoader} of {@code classes}, one mask channel each
     * in this order; its options return {@code AnnotationLoader}s.
     */
    public AnnotationParser(List<String> classes) {
        super(classes);
    }

    /** {@link #AnnotationParser(List)} of {@code classes}. */
    public AnnotationParser(String... classes) {
        super(classes);
    }

    /** A parsed file and the shapes left out of it, one line each (empty when every entry was used). */
    public record Parsed(ImageAnnotation annotation, List<String> skipped) {
        public Parsed {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Reads and parses the file at {@code path} through {@code io}.
     *
     * @throws AnnotationException naming the file when it cannot be read or is not an annotation file
     */
    public static Parsed read(IoTools io, String path) {
        byte[] bytes;
        try {
            bytes = io.readFile(path);
        } catch (RuntimeException e) {
            throw new AnnotationException("Cannot read annotation file '" + path + "': " + e.getMessage(), e);
        }
        return parse(path, bytes);
    }

    /** Parses the UTF-8 bytes of the file {@code source} (its name, for messages). */
    public static Parsed parse(String source, byte[] json) {
        return parse(source, new String(json, StandardCharsets.UTF_8));
    }

    /**
     * Parses the text of the file {@code source} (its name, for messages).
     *
     * @throws AnnotationException naming {@code source} when the text is not JSON, not an object, or its
     *     {@code annotations} is not a list
     */
    @SuppressWarnings("unchecked")
    public static Parsed parse(String source, String json) {
        Object root;
        try {
            root = Json.parse(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (JsonProcessingException e) {
            throw new AnnotationException("Annotation file '" + source + "' is not valid JSON (" + Json.describe(e) + ")", e);
        }
        if (!(root instanceof Map<?, ?> rootMap)) {
            throw new AnnotationException("Annotation file '" + source + "' holds " + kind(root)
                    + ", not a JSON object with an \"annotations\" list");
        }
        Map<String, Object> file = (Map<String, Object>) rootMap;
        Object list = file.get("annotations");
        if (list != null && !(list instanceof List<?>)) {
            throw new AnnotationException("Annotation file '" + source + "': \"annotations\" is " + kind(list) + ", not a list of shapes");
        }
        List<Annotation> annotations = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (list != null) {
            List<?> entries = (List<?>) list;
            for (int i = 0; i < entries.size(); i++) {
                try {
                    annotations.add(entry(entries.get(i)));
                } catch (IllegalArgumentException e) {
                    skipped.add("'" + source + "': shape " + i + describe(entries.get(i)) + ": " + e.getMessage() + "; left out");
                }
            }
        }
        Map<String, Object> extras = new LinkedHashMap<>(file);
        FILE_FIELDS.forEach(extras::remove);
        return new Parsed(new ImageAnnotation(annotations, object(file.get("image")), object(file.get("source")), extras), skipped);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** " (polygon, label 'cap')" for messages: what the entry says it is. */
    private static String describe(Object entry) {
        if (!(entry instanceof Map<?, ?> m)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (m.get("type") != null) {
            parts.add(String.valueOf(m.get("type")));
        }
        if (m.get("label") instanceof String label) {
            parts.add("label '" + label + "'");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    @SuppressWarnings("unchecked")
    private static Annotation entry(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("it is " + kind(value) + ", not a JSON object");
        }
        Map<String, Object> fields = (Map<String, Object>) m;
        if (!(fields.get("type") instanceof String type) || type.isBlank()) {
            throw new IllegalArgumentException("it has no \"type\" text");
        }
        if (!(fields.get("label") instanceof String label)) {
            throw new IllegalArgumentException("it has no \"label\" text");
        }
        Map<String, Object> extras = new LinkedHashMap<>(fields);
        SHAPE_FIELDS.forEach(extras::remove);
        if (type.equalsIgnoreCase("class")) {
            return new ClassAnnotation(label, extras);
        }
        Optional<ShapeType> shape = ShapeType.of(type);
        if (shape.isEmpty()) {
            throw new IllegalArgumentException("type '" + type + "' is not one we draw (polygon, rectangle, line, point, class)");
        }
        List<Point> points = points(fields.get("points"));
        int least = switch (shape.get()) {
            case POLYGON -> 3;
            case RECTANGLE, LINE -> 2;
            case POINT -> 1;
        };
        if (points.size() < least) {
            throw new IllegalArgumentException("a " + shape.get().jsonName() + " needs at least " + least + " point" + (least == 1 ? "" : "s")
                    + ", it has " + points.size());
        }
        return new PointsAnnotation(shape.get(), label, points, Boolean.TRUE.equals(fields.get("is_hole")), extras);
    }

    private static List<Point> points(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("\"points\" is " + kind(value) + ", not a list of points");
        }
        List<Point> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object p = list.get(i);
            double[] xy = null;
            if (p instanceof Map<?, ?> m && m.get("x") instanceof Number x && m.get("y") instanceof Number y) {
                xy = new double[] {x.doubleValue(), y.doubleValue()};
            } else if (p instanceof List<?> pair && pair.size() >= 2 && pair.get(0) instanceof Number x && pair.get(1) instanceof Number y) {
                xy = new double[] {x.doubleValue(), y.doubleValue()};
            }
            if (xy == null || !Double.isFinite(xy[0]) || !Double.isFinite(xy[1])) {
                throw new IllegalArgumentException("point " + i + " is " + Json.write(p) + ", not {\"x\": number, \"y\": number} or [x, y]");
            }
            out.add(new Point(xy[0], xy[1]));
        }
        return out;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof String s) {
            return "the text \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        return "the value " + value;
    }
}
