package ai.brevetti.data.generator;

import ai.brevetti.data.samples.Samples;
import java.util.List;

/**
 * Sampling options that make a {@link DataGenerator}: Python's {@code StratifiedSampler(batch_size=32,
 * groupby=None, group_weighing="uniform", max_epoch_samples=10**9, seed=-1).get(samples, shuffle, repeat)}.
 *
 * <pre>{@code
 * DataGenerator ds = new StratifiedSampler().batchSize(4).groupBy("folder").groupWeighing("logx+1").seed(3)
 *         .get(samples, true, true);
 * }</pre>
 */
public final class StratifiedSampler {
    private final int batchSize;
    private final List<String> groupBy;
    private final GroupWeighing weighing;
    private final long maxEpochSamples;
    private final long seed;

    public StratifiedSampler() {
        this(32, List.of(), GroupWeighing.UNIFORM, 1_000_000_000L, -1);
    }

    private StratifiedSampler(int batchSize, List<String> groupBy, GroupWeighing weighing, long maxEpochSamples, long seed) {
        this.batchSize = batchSize;
        this.groupBy = List.copyOf(groupBy);
        this.weighing = weighing;
        this.maxEpochSamples = maxEpochSamples;
        this.seed = seed;
    }

    public StratifiedSampler batchSize(int n) {
        return new StratifiedSampler(n, groupBy, weighing, maxEpochSamples, seed);
    }

    public StratifiedSampler groupBy(String... columns) {
        return new StratifiedSampler(batchSize, List.of(columns), weighing, maxEpochSamples, seed);
    }

    public StratifiedSampler groupWeighing(String weighing) {
        return groupWeighing(GroupWeighing.parse(weighing));
    }

    public StratifiedSampler groupWeighing(GroupWeighing weighing) {
        return new StratifiedSampler(batchSize, groupBy, weighing, maxEpochSamples, seed);
    }

    public StratifiedSampler maxEpochSamples(long n) {
        return new StratifiedSampler(batchSize, groupBy, weighing, n, seed);
    }

    /** {@code -1}: unseeded. */
    public StratifiedSampler seed(long seed) {
        return new StratifiedSampler(batchSize, groupBy, weighing, maxEpochSamples, seed);
    }

    /** A generator over {@code samples}. */
    public DataGenerator get(Samples samples, boolean shuffle, boolean repeat) {
        DataGenerator g = new DataGenerator(samples).batchSize(batchSize).shuffle(shuffle).repeat(repeat)
                .maxEpochSamples(maxEpochSamples).seed(seed).groupWeighing(weighing);
        return groupBy.isEmpty() ? g : g.samplingGroupBy(groupBy);
    }

    public DataGenerator get(Samples samples) {
        return get(samples, false, false);
    }

    @Override
    public String toString() {
        return "StratifiedSampler[batch " + batchSize + (groupBy.isEmpty() ? "" : ", groups " + groupBy) + ", seed " + seed + "]";
    }
}
