/**
 * Batches from samples (core): seeded sampling and shuffling, batches made in parallel, and the steps
 * mapped over them.
 * <p>
 * Start with {@link ai.brevetti.data.generator.DataGenerator} ({@code samples.generator()}),
 * {@link ai.brevetti.data.generator.Batch} (what it yields: named {@link ai.brevetti.data.generator.Tensor}s
 * and text columns) and {@link ai.brevetti.data.generator.OneHotEncoder}. A step of your own is a
 * {@link ai.brevetti.data.generator.BatchStep}. This package knows nothing of images: image steps
 * ({@code data.image}) plug into it. As DJL arrays: {@code ai.brevetti.training.NDBatches}.
 */
package ai.brevetti.data.generator;
