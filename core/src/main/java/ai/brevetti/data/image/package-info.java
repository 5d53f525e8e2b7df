/**
 * Images (core): decoding (BMP, PNG, JPEG, TIFF), regions of interest, colour modes, TensorFlow-style
 * resizing, padding and rescaling, as a generator step.
 * <p>
 * Start with {@link ai.brevetti.data.image.ImagePipeline} ({@code generator.map(new ImagePipeline()
 * .targetSize(64, 64))}), {@link ai.brevetti.data.image.FloatImage} (one image; {@code FloatImage.of(batch, i)},
 * {@code FloatImage.stack(images)} convert to and from batch tensors) and
 * {@link ai.brevetti.data.image.Tiles} (a batch as one mosaic).
 */
package ai.brevetti.data.image;
