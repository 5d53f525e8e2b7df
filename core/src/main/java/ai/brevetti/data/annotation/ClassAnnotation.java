package ai.brevetti.data.annotation;

import java.util.Map;
import java.util.Objects;

/** An image-level class ({@code {"type": "class", "label": …}}, Python's {@code ClassAnnotation}): no shape, nothing drawn. */
public record ClassAnnotation(String label, Map<String, Object> extras) implements Annotation {
    public ClassAnnotation {
        Objects.requireNonNull(label, "label");
        extras = extras == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }

    @Override
    public String type() {
        return "class";
    }
}
