package ai.brevetti.data.generator;

/**
 * One step of a generator's {@code map}: a batch in, a batch out (Python's {@code DataGeneratorMap}).
 * Randomness must come from {@code random}, which derives each sample's stream from the step's seed,
 * the epoch and the sample's position, so the output is the same however many threads run the steps.
 */
@FunctionalInterface
public interface BatchStep {
    Batch apply(Batch batch, StepRandom random);
}
