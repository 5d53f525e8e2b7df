package ai.brevetti.data.generator;

import ai.brevetti.data.samples.Samples;
import java.util.List;

/**
 * A step that adapts to the generator it is mapped onto: e.g. a one-hot encoder that takes its classes from
 * the samples, an image loader that reads through the samples' storage, a mask loader that follows the
 * image pipeline mapped before it. {@link DataGenerator#map} calls {@link #bind(Samples, List)} with the
 * generator's samples and the steps already mapped.
 */
public interface SamplesAware {
    /** The step to use for these samples. */
    BatchStep bind(Samples samples);

    /**
     * The step to use for these samples after {@code before} (the steps mapped earlier, in order, as bound);
     * by default {@link #bind(Samples)}.
     */
    default BatchStep bind(Samples samples, List<BatchStep> before) {
        return bind(samples);
    }
}
