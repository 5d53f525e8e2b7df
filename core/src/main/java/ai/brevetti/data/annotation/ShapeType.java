package ai.brevetti.data.annotation;

import java.util.Locale;
import java.util.Optional;

/** The kinds of shape the platform's annotation JSON holds ({@code "type"}), each drawn its own way (docs/annotations.md). */
public enum ShapeType {
    /** A closed outline of at least 3 points, filled. */
    POLYGON,
    /** Two opposite corners (or any points: their bounding box), filled. */
    RECTANGLE,
    /** An open polyline of at least 2 points, stroked with the loader's line width. */
    LINE,
    /** One or more points, each a dot of the loader's point size. */
    POINT;

    /** The name in the JSON: {@code polygon}, {@code rectangle}, {@code line}, {@code point}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The shape type named {@code type} in the JSON (case-insensitive), if it is one. */
    public static Optional<ShapeType> of(String type) {
        for (ShapeType t : values()) {
            if (t.jsonName().equalsIgnoreCase(type)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
