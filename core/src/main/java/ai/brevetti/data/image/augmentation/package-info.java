/**
 * Image augmentation (spec §6.4): {@link ai.brevetti.data.image.augmentation.ImageAugmenter}, a generator
 * step built from {@link ai.brevetti.data.image.augmentation.RandomTransformer} (affine geometry),
 * {@link ai.brevetti.data.image.augmentation.ImageDeformation} (elastic),
 * {@link ai.brevetti.data.image.augmentation.ImageFiltering} (emboss / blur),
 * {@link ai.brevetti.data.image.augmentation.ImageNoise} (colour, contrast, brightness, Gaussian noise) and
 * {@link ai.brevetti.data.image.augmentation.ImageSaltAndPepper}. Plain Java on
 * {@link ai.brevetti.data.image.FloatImage}s; options are immutable records with fluent withers.
 * <p>
 * Where this differs from the Python original, on purpose:
 * <ul>
 *   <li>The image centre is {@code ((width-1)/2, (height-1)/2)} in pixel-index coordinates, so a flip maps
 *       column {@code x} to exactly {@code width-1-x}.</li>
 *   <li>Every random decision has its own uniform draw (the original drew the flip, rotate and translate
 *       masks from one op seed, so they were correlated), and each component has its own stream derived
 *       from the sample's seed, so switching one off keeps the others' draws.</li>
 *   <li>Quarter-turn rotations use exact sines and cosines, so a drawn 90° is an exact pixel permutation.</li>
 *   <li>Filters reflect at the edges; the deformation clamps; the affine warp fills with a constant.</li>
 *   <li>Noise is not clipped; brightness and the noise's stddev are in the image's own units (the
 *       defaults assume 0–1 images).</li>
 * </ul>
 */
package ai.brevetti.data.image.augmentation;
