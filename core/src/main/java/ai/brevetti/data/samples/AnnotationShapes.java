package ai.brevetti.data.samples;

import ai.brevetti.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The little of an annotation file that expanding samples needs: each entry's type, label and points.
 * Read tolerantly: a JSON object with an {@code annotations} list, or a list on its own; points as
 * {@code {"x": …, "y": …}} objects or {@code [x, y]} pairs; an entry without points is an image-level
 * class. The annotation format itself (docs/annotations.md) is the rasteriser's; this reader only checks
 * what makes a box: a polygon needs 3 points, a rectangle and a line 2, a point 1, coordinates are finite
 * numbers and every entry has a label.
 */
final class AnnotationShapes {
    private AnnotationShapes() {}

    /** One entry: its type ({@code polygon}, {@code rectangle}, {@code line}, {@code point}, {@code class}, …), label and box. */
    record Shape(String type, String label, Optional<double[]> bbox) {
    }

    /**
     * The entries of an annotation file's text.
     *
     * @throws IllegalArgumentException saying which entry is wrong and how
     */
    static List<Shape> read(String json) {
        Object root;
        try {
            root = Json.parse(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("it is not valid JSON (" + Json.describe(e) + ")");
        }
        List<?> entries;
        if (root instanceof List<?> list) {
            entries = list;
        } else if (root instanceof Map<?, ?> map && map.get("annotations") instanceof List<?> list) {
            entries = list;
        } else if (root instanceof Map<?, ?> map && !map.containsKey("annotations")) {
            throw new IllegalArgumentException("it is a JSON object without an \"annotations\" list");
        } else {
            throw new IllegalArgumentException("its \"annotations\" is not a list; an annotation file is {\"annotations\": [...]} or a list of entries");
        }
        List<Shape> shapes = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            shapes.add(shape(entries.get(i), i));
        }
        return shapes;
    }

    private static Shape shape(Object entry, int index) {
        String at = "entry " + index;
        if (!(entry instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(at + " is not a JSON object");
        }
        Object label = m.get("label");
        if (!(label instanceof String l) || l.isBlank()) {
            throw new IllegalArgumentException(at + " has no \"label\"");
        }
        Object points = m.get("points");
        String type = m.get("type") instanceof String t ? t.toLowerCase(Locale.ROOT) : points == null ? "class" : "polygon";
        if (points == null) {
            return new Shape(type, l, Optional.empty());
        }
        if (!(points instanceof List<?> list)) {
            throw new IllegalArgumentException(at + " (" + type + " '" + l + "'): \"points\" is not a list");
        }
        int needed = switch (type) {
            case "polygon" -> 3;
            case "rectangle", "line", "polyline" -> 2;
            default -> 1;
        };
        if (list.size() < needed) {
            throw new IllegalArgumentException(at + " (" + type + " '" + l + "') has " + list.size() + " point" + (list.size() == 1 ? "" : "s")
                    + "; a " + type + " needs at least " + needed);
        }
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < list.size(); p++) {
            double[] xy = point(list.get(p));
            if (xy == null) {
                throw new IllegalArgumentException(at + " (" + type + " '" + l + "'): point " + p + " is " + Json.write(list.get(p))
                        + ", not {\"x\": number, \"y\": number} or [x, y]");
            }
            x0 = Math.min(x0, xy[0]);
            y0 = Math.min(y0, xy[1]);
            x1 = Math.max(x1, xy[0]);
            y1 = Math.max(y1, xy[1]);
        }
        return new Shape(type, l, Optional.of(new double[] {x0, y0, x1, y1}));
    }

    private static double[] point(Object p) {
        Object x = null;
        Object y = null;
        if (p instanceof Map<?, ?> m) {
            x = m.get("x");
            y = m.get("y");
        } else if (p instanceof List<?> l && l.size() == 2) {
            x = l.get(0);
            y = l.get(1);
        }
        if (x instanceof Number nx && y instanceof Number ny && Double.isFinite(nx.doubleValue()) && Double.isFinite(ny.doubleValue())) {
            return new double[] {nx.doubleValue(), ny.doubleValue()};
        }
        return null;
    }
}
