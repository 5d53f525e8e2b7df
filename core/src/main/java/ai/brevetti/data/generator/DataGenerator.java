package ai.brevetti.data.generator;

import ai.brevetti.data.samples.NamedValues;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.OptionSpec;
import com.google.errorprone.annotations.CheckReturnValue;
import ai.brevetti.internal.Seeds;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Batches of samples, sampled, shuffled and mapped through steps (image loading, augmentation, one-hot…),
 * reproducibly: Python's {@code DataGenerator}. Immutable: every option and {@link #map} return a new
 * generator, the original unchanged.
 *
 * <pre>{@code
 * DataGenerator ds = new DataGenerator(samples).batchSize(8).shuffle(true).seed(42).outputStructure("img", "onehot")
 *         .map(new ImagePipeline().targetSize(64, 64).antialias(true).rescale("imagenet"))
 *         .map(new OneHotEncoder(samples.unique("folder")));
 * for (Batch batch : ds) { Tensor img = batch.tensor("img"); … }
 * }</pre>
 *
 * <p><b>Determinism.</b> An epoch's sample order is a function of the seed and the epoch; every step's seed
 * is derived when the batches are made, from the generator's seed and the step's position, and each
 * sample's randomness in a step comes from (step seed, epoch, sample position). Iterating twice, or two
 * generators with the same seed and steps, give identical batches, whatever the number of workers and
 * whether {@link #seed} was set before or after {@link #map}.
 * Epochs are reshuffled (differently, reproducibly) when {@code shuffle} is on.
 *
 * <p><b>Parallelism.</b> Batches are made by {@code workers} threads (default: the CPU count), a bounded
 * number ahead of the consumer ({@link #prefetch}).
 *
 * <p><b>Several instances.</b> In a SageMaker training job on several instances, a new generator yields
 * this instance's {@link #shard} (from {@code resourceconfig.json}: the position of {@code current_host} among
 * the {@code hosts}); {@code .shard(0, 1)} takes all samples again (docs/deployment.md).
 *
 * <p>Every option returns a new generator, so its result must be used (a discarded one fails the build,
 * decision 44).
 */
@CheckReturnValue
public final class DataGenerator implements Iterable<Batch> {
    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        int batchSize = 32;
        boolean shuffle;
        long epochs = 1;
        List<String> samplingGroupBy = List.of();
        GroupWeighing weighing = GroupWeighing.UNIFORM;
        long seed = randomSeed();
        List<String> outputStructure; // null: the whole batch
        long maxEpochSamples = Long.MAX_VALUE;
        int workers = Runtime.getRuntime().availableProcessors();
        int prefetch; // 0: sized by memory (BatchIterator)
        int shardIndex = InstanceShard.defaults()[0];
        int shardCount = InstanceShard.defaults()[1];
    }

    private final Samples samples;
    private final Options o;
    private final List<BatchStep> steps;

    /**
     * A generator over {@code samples}: batch size 32, no shuffle, one epoch, a random seed; this instance's
     * shard in a multi-instance SageMaker training job.
     */
    public DataGenerator(Samples samples) {
        this(samples, new Options(), List.of());
    }

    private DataGenerator(Samples samples, Options options, List<BatchStep> steps) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.o = options;
        this.steps = List.copyOf(steps);
    }

    private static long randomSeed() {
        return new SecureRandom().nextLong() & Long.MAX_VALUE;
    }

    /** A generator whose options are these with {@code change} applied (the same samples and steps). */
    private DataGenerator with(Consumer<Options> change) {
        return new DataGenerator(samples, o.with(change), steps);
    }

    public DataGenerator batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, not " + batchSize);
        }
        return with(o -> o.batchSize = batchSize);
    }

    public DataGenerator shuffle(boolean shuffle) {
        return with(o -> o.shuffle = shuffle);
    }

    /** {@code true}: epochs without end; {@code false}: one epoch. */
    public DataGenerator repeat(boolean repeat) {
        return repeat(repeat ? -1 : 1);
    }

    /** This many epochs ({@code -1}: without end). */
    public DataGenerator repeat(int epochs) {
        if (epochs == 0 || epochs < -1) {
            throw new IllegalArgumentException("repeat must be a positive number of epochs or -1 (forever), not " + epochs);
        }
        return with(o -> o.epochs = epochs < 0 ? Long.MAX_VALUE : epochs);
    }

    /** Sample groups (e.g. {@code category}) with weights instead of rows uniformly. */
    public DataGenerator samplingGroupBy(List<String> columns) {
        columns.forEach(samples::column);
        return with(o -> o.samplingGroupBy = List.copyOf(columns));
    }

    public DataGenerator samplingGroupBy(String... columns) {
        return samplingGroupBy(List.of(columns));
    }

    /** How groups weigh: {@code uniform}, {@code count}, {@code square root}, {@code log}, {@code logx+1}. */
    public DataGenerator groupWeighing(String weighing) {
        return groupWeighing(GroupWeighing.parse(weighing));
    }

    public DataGenerator groupWeighing(GroupWeighing weighing) {
        return with(o -> o.weighing = weighing);
    }

    /**
     * The seed of everything random: the sampling, the shuffles and every mapped step, also those mapped
     * before (a negative seed: a random one, fixed for this generator).
     */
    public DataGenerator seed(long seed) {
        return with(o -> o.seed = seed < 0 ? randomSeed() : seed);
    }

    /** What {@link #getDataset()} yields: one key (that column), several (a list of columns), none (the whole batch). */
    public DataGenerator outputStructure(String... keys) {
        return with(o -> o.outputStructure = keys.length == 0 ? null : List.of(keys));
    }

    /** At most this many samples per epoch. */
    public DataGenerator maxEpochSamples(long max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxEpochSamples must be positive, not " + max);
        }
        return with(o -> o.maxEpochSamples = max);
    }

    /** How many threads make batches (the output does not depend on it). */
    public DataGenerator workers(int workers) {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive, not " + workers);
        }
        return with(o -> o.workers = workers);
    }

    /**
     * How many batches may be in flight at once (being made or made, not yet taken; the one being waited for
     * included). Default: sized by memory, as many batches as fit in 64 MB of arrays (measured on the first
     * batch), at least twice the workers and at most 16: 16 batches of 16 images of 64×64×3 (0.8 MB each),
     * 4 batches of 32 of 224×224×3 (19 MB each) on 2 cores. A deeper window lets the workers run further ahead
     * of a consumer whose steps vary, or whose cores other processes take in bursts (a trainer on a shared
     * machine), at the memory of that many batches. The output does not depend on it.
     */
    public DataGenerator prefetch(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("prefetch must be a positive number of batches, not " + batches);
        }
        return with(o -> o.prefetch = batches);
    }

    /**
     * Part {@code index} of {@code count} disjoint parts of the samples (in path order, every
     * {@code count}-th sample), so several job containers can share a dataset. The default is this
     * instance's part in a multi-instance SageMaker training job, else all samples; {@code shard(0, 1)}: all.
     */
    public DataGenerator shard(int index, int count) {
        if (count <= 0 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard(index, count) needs 0 <= index < count, not (" + index + ", " + count + ")");
        }
        return with(o -> {
            o.shardIndex = index;
            o.shardCount = count;
        });
    }

    /**
     * A new generator with {@code step} appended. Its randomness comes from the generator's seed (whenever
     * that is set) and its position: {@link #stepSeed}. A {@link SamplesAware} step is first bound to this
     * generator's samples and the steps mapped before it.
     */
    public DataGenerator map(BatchStep step) {
        Objects.requireNonNull(step, "step");
        List<BatchStep> next = new ArrayList<>(steps);
        next.add(step instanceof SamplesAware aware ? aware.bind(samples, steps) : step);
        return new DataGenerator(samples, o, next);
    }

    /** The seed of the step at {@code position} (0 for the first mapped) of a generator seeded with {@code seed}. */
    static long stepSeed(long seed, int position) {
        return Seeds.mix(seed, 1000 + position);
    }

    /** Several steps in order ({@code null}s skipped). */
    public DataGenerator map(BatchStep... steps) {
        DataGenerator g = this;
        for (BatchStep s : steps) {
            if (s != null) {
                g = g.map(s);
            }
        }
        return g;
    }

    /** A step written as a function of the batch alone (no randomness). */
    public DataGenerator map(Function<Batch, Batch> step) {
        return map((batch, random) -> step.apply(batch));
    }

    public Samples samples() {
        return samples;
    }

    public int batchSize() {
        return o.batchSize;
    }

    public long seed() {
        return o.seed;
    }

    public List<String> outputStructure() {
        return o.outputStructure;
    }

    /** The mapped steps in order, as bound to the samples (e.g. to find the one-hot encoder's classes). */
    public List<BatchStep> steps() {
        return steps;
    }

    /** Batches per epoch. */
    public int length() {
        int n = plan().epochLength();
        return (n + o.batchSize - 1) / o.batchSize;
    }

    // ---- iteration

    /** The mapped batches, whole. */
    @Override
    public Iterator<Batch> iterator() {
        return batches(true);
    }

    /** The sampled batches without the mapped steps. */
    public Iterable<Batch> getSamples() {
        return () -> batches(false);
    }

    /** The mapped batches in the output structure. */
    public Iterable<Object> getDataset() {
        return getDataset(o.outputStructure == null ? new String[0] : o.outputStructure.toArray(String[]::new));
    }

    /** The mapped batches in {@code structure} (one key: that column; several: a list; none: the batch). */
    public Iterable<Object> getDataset(String... structure) {
        List<String> keys = List.of(structure);
        return () -> new Iterator<>() {
            final Iterator<Batch> inner = batches(true);

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public Object next() {
                return inner.next().select(keys);
            }
        };
    }

    /** Python's name: the same as {@link #getDataset()} (values are plain Java arrays and {@link Tensor}s). */
    public Iterator<Object> getDatasetNumpy(String... structure) {
        return (structure.length == 0 ? getDataset() : getDataset(structure)).iterator();
    }

    /** Python's name: the sampled batches' iterator. */
    public Iterator<Batch> getSamplesNumpy() {
        return getSamples().iterator();
    }

    /** The first mapped batch. */
    public Batch first() {
        BatchIterator it = batches(true);
        try {
            return it.next();
        } finally {
            it.close();
        }
    }

    private BatchIterator batches(boolean mapped) {
        EpochPlan plan = plan();
        List<String> columns = samples.columnNames();
        String[][] values = new String[columns.size()][];
        for (int c = 0; c < values.length; c++) {
            values[c] = samples.column(columns.get(c)).toArray(String[]::new);
        }
        String[] groupColumn = o.samplingGroupBy.isEmpty() ? null : groupLabels();
        return new BatchIterator((epoch, index) -> {
            int[] rows = plan.rows(epoch);
            int from = index * o.batchSize;
            int to = Math.min(rows.length, from + o.batchSize);
            Map<String, Object> cols = new LinkedHashMap<>();
            for (int c = 0; c < values.length; c++) {
                String[] column = new String[to - from];
                for (int i = from; i < to; i++) {
                    column[i - from] = values[c][rows[i]];
                }
                cols.put(columns.get(c), column);
            }
            if (groupColumn != null) {
                String[] g = new String[to - from];
                for (int i = from; i < to; i++) {
                    g[i - from] = groupColumn[rows[i]];
                }
                cols.put("_sampling_group", g);
            }
            long[] positions = new long[to - from];
            Arrays.setAll(positions, i -> from + i);
            Batch batch = new Batch(cols, to - from, epoch, positions);
            if (mapped) {
                for (int s = 0; s < steps.size(); s++) {
                    BatchStep step = steps.get(s);
                    try {
                        batch = step.apply(batch, new StepRandom(stepSeed(o.seed, s), batch));
                    } catch (RuntimeException e) {
                        throw new GeneratorException("Batch " + index + " of epoch " + epoch + ": step " + (s + 1) + " ("
                                + step + ") failed: " + e.getMessage(), e);
                    }
                }
            }
            return batch;
        }, length(), o.epochs, o.workers, o.prefetch);
    }

    private volatile EpochPlan plan;

    private EpochPlan plan() {
        EpochPlan p = plan;
        if (p == null) {
            p = buildPlan();
            plan = p;
        }
        return p;
    }

    private int[] shardRows() {
        List<String> paths = samples.has("path") ? samples.column("path") : null;
        Integer[] order = new Integer[samples.size()];
        Arrays.setAll(order, i -> i);
        if (paths != null && o.shardCount > 1) {
            Arrays.sort(order, (a, b) -> paths.get(a).compareTo(paths.get(b)));
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = o.shardIndex; i < order.length; i += o.shardCount) {
            kept.add(order[i]);
        }
        int[] rows = kept.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(rows);
        return rows;
    }

    /** Each row's group key text (the columns' values joined by '/'). */
    private String[] groupLabels() {
        List<List<String>> cols = o.samplingGroupBy.stream().map(samples::column).toList();
        String[] labels = new String[samples.size()];
        for (int r = 0; r < labels.length; r++) {
            int row = r;
            labels[r] = String.join("/", cols.stream().map(c -> c.get(row)).toList());
        }
        return labels;
    }

    private EpochPlan buildPlan() {
        int[] rows = shardRows();
        if (o.samplingGroupBy.isEmpty()) {
            return new EpochPlan(rows, null, null, o.shuffle, o.seed, o.maxEpochSamples);
        }
        List<List<String>> cols = o.samplingGroupBy.stream().map(samples::column).toList();
        Map<List<String>, Integer> index = new LinkedHashMap<>();
        int[] groupOfRow = new int[rows.length];
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            List<String> key = cols.stream().map(c -> c.get(row)).toList();
            Integer g = index.get(key);
            if (g == null) {
                g = index.size();
                index.put(key, g);
                counts.add(0);
            }
            counts.set(g, counts.get(g) + 1);
            groupOfRow[i] = g;
        }
        double[] weights = new double[index.size()];
        index.forEach((key, g) -> weights[g] = o.weighing.weight(counts.get(g), key));
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("Group weights must be finite and not negative; got " + Arrays.toString(weights));
            }
        }
        if (Arrays.stream(weights).sum() <= 0) {
            throw new IllegalArgumentException("All sampling groups weigh 0 (e.g. 'log' of groups of 1 sample); choose another weighing");
        }
        return new EpochPlan(rows, groupOfRow, weights, o.shuffle, o.seed, o.maxEpochSamples);
    }

    /**
     * Python's {@code get_debug_info()}: each group's share of the draws, a read-only map that shows as a table
     * ({@code group}, {@code weight}); empty without sampling groups.
     */
    public NamedValues<Double> sampleWeights() {
        if (o.samplingGroupBy.isEmpty()) {
            return new NamedValues<>("Sample weights", "group", "weight", Map.of());
        }
        String[] labels = groupLabels();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int r : shardRows()) {
            counts.merge(labels[r], 1, Integer::sum);
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        counts.forEach((k, n) -> weights.put(k, o.weighing.weight(n, List.of(k.split("/", -1)))));
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        weights.replaceAll((k, w) -> w / total);
        return new NamedValues<>("Sample weights by " + String.join(", ", o.samplingGroupBy), "group", "weight", weights);
    }

    @Override
    public String toString() {
        return "DataGenerator[" + samples.size() + " samples" + (o.shardCount > 1 ? " (shard " + o.shardIndex + "/" + o.shardCount + ")" : "")
                + ", batch " + o.batchSize + (o.shuffle ? ", shuffled" : "") + (o.prefetch > 0 ? ", prefetch " + o.prefetch : "")
                + (o.epochs == Long.MAX_VALUE ? ", repeated" : o.epochs > 1 ? ", " + o.epochs + " epochs" : "")
                + (o.samplingGroupBy.isEmpty() ? "" : ", groups " + o.samplingGroupBy) + ", seed " + o.seed
                + (o.outputStructure == null ? "" : ", output " + o.outputStructure)
                + (steps.isEmpty() ? "" : ", steps " + steps.stream().map(String::valueOf).toList()) + "]";
    }
}
