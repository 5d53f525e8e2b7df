package ai.brevetti.data.generator;

import ai.brevetti.internal.Seeds;
import java.util.SplittableRandom;

/**
 * The randomness of one step on one batch: every sample gets its own stream, a pure function of the
 * step's seed, the epoch and the sample's position in the epoch.
 */
public final class StepRandom {
    private final long stepSeed;
    private final Batch batch;

    public StepRandom(long stepSeed, Batch batch) {
        this.stepSeed = stepSeed;
        this.batch = batch;
    }

    /** Sample {@code i}'s random stream (a new one each call, starting from the same state). */
    public SplittableRandom forSample(int i) {
        return new SplittableRandom(Seeds.mix(Seeds.mix(stepSeed, batch.epoch()), batch.position(i)));
    }

    /** One seed for sample {@code i} (for code that takes a seed). */
    public long seed(int i) {
        return forSample(i).nextLong();
    }

    public long stepSeed() {
        return stepSeed;
    }
}
