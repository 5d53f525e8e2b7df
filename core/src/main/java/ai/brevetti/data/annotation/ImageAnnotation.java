package ai.brevetti.data.annotation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One annotation file (Python's {@code ImageAnnotation}): its {@code annotations} (shapes and image-level
 * classes, in file order), the {@code image} entry ({@code height}, {@code width}, …), the {@code source}
 * entry, and any other top-level fields ({@code extras}, e.g. {@code metrics}), all kept as parsed.
 * Read one with {@link AnnotationParser}.
 */
public record ImageAnnotation(List<Annotation> annotations, Map<String, Object> image, Map<String, Object> source,
                              Map<String, Object> extras) {
    public ImageAnnotation {
        annotations = List.copyOf(annotations);
        image = copy(image);
        source = copy(source);
        extras = copy(extras);
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** An annotation of these entries and nothing else. */
    public static ImageAnnotation of(List<? extends Annotation> annotations) {
        return new ImageAnnotation(List.copyOf(annotations), Map.of(), Map.of(), Map.of());
    }

    /** The shapes, in file order. */
    public List<PointsAnnotation> shapes() {
        return annotations.stream().filter(PointsAnnotation.class::isInstance).map(PointsAnnotation.class::cast).toList();
    }

    /** The labels of the image-level class entries, in file order. */
    public List<String> classLabels() {
        return annotations.stream().filter(ClassAnnotation.class::isInstance).map(Annotation::label).toList();
    }

    /** The image's {@code {height, width}} from the {@code image} entry, when it gives both as positive numbers. */
    public Optional<int[]> imageSize() {
        if (image.get("height") instanceof Number h && image.get("width") instanceof Number w && h.doubleValue() >= 1 && w.doubleValue() >= 1) {
            return Optional.of(new int[] {(int) Math.ceil(h.doubleValue()), (int) Math.ceil(w.doubleValue())});
        }
        return Optional.empty();
    }
}
