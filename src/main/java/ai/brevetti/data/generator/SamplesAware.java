package ai.brevetti.data.generator;

import ai.brevetti.data.samples.Samples;

/**
 * A step that adapts to the samples it will see when it is mapped onto a generator: e.g. a one-hot encoder
 * that takes its classes from the samples, an image loader that reads through the samples' storage.
 * {@link DataGenerator#map} calls {@link #bind} with the generator's samples.
 */
public interface SamplesAware {
    /** The step to use for these samples. */
    BatchStep bind(Samples samples);
}
