package ai.brevetti.data.annotation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A shape (Python's {@code PolygonAnnotation}, {@code RectangleAnnotation}, {@code LineAnnotation},
 * {@code PointAnnotation}): its kind, label and points in full-image pixels. {@code isHole} marks a polygon
 * cut out of the shapes of its label ({@code "is_hole": true}); other fields are kept in {@code extras}.
 */
public record PointsAnnotation(ShapeType shape, String label, List<Point> points, boolean isHole,
                               Map<String, Object> extras) implements Annotation {
    public PointsAnnotation {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(label, "label");
        points = List.copyOf(points);
        extras = extras == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }

    /** A shape without extras. */
    public PointsAnnotation(ShapeType shape, String label, List<Point> points) {
        this(shape, label, points, false, Map.of());
    }

    @Override
    public String type() {
        return shape.jsonName();
    }
}
