package ai.brevetti.data.generator;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.OptionSpec;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sampling options that make a {@link DataGenerator}: Python's {@code StratifiedSampler(batch_size=32,
 * groupby=None, group_weighing="uniform", max_epoch_samples=10**9, seed=-1).get(samples, shuffle, repeat)}.
 *
 * <pre>{@code
 * DataGenerator ds = new StratifiedSampler().batchSize(4).groupBy("folder").groupWeighing("logx+1").seed(3)
 *         .get(samples, true, true);
 * }</pre>
 * Immutable; every option returns a new sampler, so its result must be used (decision 44).
 */
@CheckReturnValue
public final class StratifiedSampler {
    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        int batchSize = 32;
        List<String> groupBy = List.of();
        GroupWeighing weighing = GroupWeighing.UNIFORM;
        long maxEpochSamples = 1_000_000_000L;
        long seed = -1;
    }

    private final Options o;

    public StratifiedSampler() {
        this(new Options());
    }

    private StratifiedSampler(Options options) {
        this.o = options;
    }

    /** A sampler whose options are these with {@code change} applied. */
    private StratifiedSampler with(Consumer<Options> change) {
        return new StratifiedSampler(o.with(change));
    }

    public StratifiedSampler batchSize(int n) {
        return with(o -> o.batchSize = n);
    }

    public StratifiedSampler groupBy(String... columns) {
        return with(o -> o.groupBy = List.of(columns));
    }

    public StratifiedSampler groupWeighing(String weighing) {
        return groupWeighing(GroupWeighing.parse(weighing));
    }

    public StratifiedSampler groupWeighing(GroupWeighing weighing) {
        return with(o -> o.weighing = weighing);
    }

    public StratifiedSampler maxEpochSamples(long n) {
        return with(o -> o.maxEpochSamples = n);
    }

    /** {@code -1}: unseeded. */
    public StratifiedSampler seed(long seed) {
        return with(o -> o.seed = seed);
    }

    /** A generator over {@code samples}. */
    public DataGenerator get(Samples samples, boolean shuffle, boolean repeat) {
        DataGenerator g = new DataGenerator(samples).batchSize(o.batchSize).shuffle(shuffle).repeat(repeat)
                .maxEpochSamples(o.maxEpochSamples).seed(o.seed).groupWeighing(o.weighing);
        return o.groupBy.isEmpty() ? g : g.samplingGroupBy(o.groupBy);
    }

    public DataGenerator get(Samples samples) {
        return get(samples, false, false);
    }

    @Override
    public String toString() {
        return "StratifiedSampler[batch " + o.batchSize + (o.groupBy.isEmpty() ? "" : ", groups " + o.groupBy) + ", seed " + o.seed + "]";
    }
}
