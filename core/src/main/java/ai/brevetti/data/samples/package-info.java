/**
 * Sample tables (core): one row per image with its class, folder, path and dataset, read from datasets
 * and written as the platform's CSV files.
 * <p>
 * Start with {@link ai.brevetti.data.samples.Samples} ({@code dataset.samples()}, then {@code .split()}
 * and {@code .generator()}: the fluent chain into {@code data.split} and {@code data.generator}, the one
 * package cycle the project allows) and {@link ai.brevetti.data.samples.ImageSamples} (how images are
 * listed). Datasets come in as a {@link ai.brevetti.data.samples.SampleSource}, which the platform's
 * {@code Dataset} implements.
 */
package ai.brevetti.data.samples;
