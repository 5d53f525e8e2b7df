/**
 * Annotations (core): the platform's annotation files (shapes with labels, image-level classes) read into
 * records, and drawn as masks aligned with the images, as generator steps.
 * <p>
 * Start with {@link ai.brevetti.data.annotation.AnnotationLoader} ({@code generator.map(new ImagePipeline()
 * .targetSize(64, 64)).map(new AnnotationLoader(List.of("cap")))}: masks under {@code annotation}),
 * {@link ai.brevetti.data.annotation.AnnotationParser} (one file as an
 * {@link ai.brevetti.data.annotation.ImageAnnotation}) and {@link ai.brevetti.data.annotation.MaskOverlay}
 * (images with their masks over them). The format and the drawing rules: docs/annotations.md.
 */
package ai.brevetti.data.annotation;
