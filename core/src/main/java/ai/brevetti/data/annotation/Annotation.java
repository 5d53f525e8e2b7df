package ai.brevetti.data.annotation;

import java.util.Map;

/**
 * One entry of an annotation file's {@code annotations} list (Python's {@code Annotation}): a shape with
 * points ({@link PointsAnnotation}) or an image-level class ({@link ClassAnnotation}). Both carry their
 * {@code label} and every other field of the entry as it was ({@link #extras}: {@code color}, {@code uuid},
 * {@code severity}, {@code visibility}, {@code features}, fields unknown to us).
 */
public sealed interface Annotation permits PointsAnnotation, ClassAnnotation {
    /** The entry's {@code type} as the JSON names it ({@code polygon}, …, {@code class}). */
    String type();

    String label();

    /** The entry's other fields, unchanged (parsed JSON values). */
    Map<String, Object> extras();
}
