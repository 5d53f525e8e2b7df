package ai.brevetti.data.split;

import ai.brevetti.data.samples.SampleException;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.OptionSpec;
import ai.brevetti.io.IoTools;
import com.google.errorprone.annotations.CheckReturnValue;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits samples into purposes (train / devel) so that duplicates never straddle two purposes, stratified,
 * and stable across runs (Python's {@code sample_integrity.SampleSplit}).
 *
 * <ul>
 *   <li><b>uniqueness</b> (default {@code ["etag"]}): columns, or a regex on the path whose first group
 *       names the physical item ({@code /(\d*)_\d*.bmp} groups the views of one item). Samples of one
 *       stratum with the same key are one item (as in the SDK: class folders may number their own items);
 *       samples with the same etag (the same bytes) are joined too, across strata, and a group always gets
 *       one purpose, even when its members fall in different strata.</li>
 *   <li><b>stratification</b>: columns, or a regex on the path (its first group); the split fraction is met
 *       in every stratum, to within one of its groups.</li>
 *   <li><b>split</b> (default 0.8): the share of each stratum's rows that gets the purpose.</li>
 *   <li><b>seed</b> (default -1 = unseeded): the same seed gives the same assignment, whatever the rows'
 *       order.</li>
 *   <li><b>mode</b>: {@code sorted_permutation} (exact shares) or {@code murmurhash3} (each group decided by
 *       a hash of its key, so it keeps its purpose when other samples come and go).</li>
 * </ul>
 * Samples that already have a purpose keep it; the rest of their group joins them.
 *
 * <pre>{@code
 * Samples split = new SampleSplit().stratification(List.of("folder")).uniqueness("/(\\d*)_\\d*.bmp")
 *         .split(0.8).seed(42).assign(samples, "train", "devel");
 * Samples same = new SampleSplit().updateUnassigned(samples, job.artifactPath("sample_identification.csv"));
 * }</pre>
 * Immutable; every option returns a new split, so its result must be used (decision 44).
 */
@CheckReturnValue
public final class SampleSplit {
    private static final Logger LOG = LoggerFactory.getLogger(SampleSplit.class);
    public static final String PURPOSE = "purpose";

    /** How groups are drawn. */
    public enum Mode {
        SORTED_PERMUTATION, MURMURHASH3;

        /** {@code "sorted_permutation"} or {@code "murmurhash3"}, any case. */
        public static Mode parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown split mode '" + name + "'; use sorted_permutation or murmurhash3");
            }
        }
    }

    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        Optional<Grouping> stratification = Optional.empty();
        Grouping uniqueness = new Grouping.Columns(List.of("etag"));
        double split = 0.8;
        long seed = -1;
        Mode mode = Mode.SORTED_PERMUTATION;
    }

    private final Options o;

    /** The defaults: no stratification, uniqueness by etag, split 0.8, unseeded, sorted permutation. */
    public SampleSplit() {
        this(new Options());
    }

    private SampleSplit(Options options) {
        if (Double.isNaN(options.split) || options.split < 0 || options.split > 1) {
            throw new IllegalArgumentException("split must be between 0 and 1 (the share of each stratum for the purpose), not "
                    + options.split);
        }
        this.o = options;
    }

    /** A split whose options are these with {@code change} applied. */
    private SampleSplit with(Consumer<Options> change) {
        return new SampleSplit(o.with(change));
    }

    /** Stratify by these columns (none: one stratum). */
    public SampleSplit stratification(List<String> columns) {
        return with(o -> o.stratification = columns.isEmpty() ? Optional.empty() : Optional.of(new Grouping.Columns(columns)));
    }

    /**
     * Stratify by a regex on the path (its first group names the stratum), or by the columns of a JSON list.
     *
     * @throws IllegalArgumentException when the regex does not compile or has no group
     */
    public SampleSplit stratification(String regexOrJson) {
        Grouping strata = Grouping.parse(regexOrJson, "stratification", "the stratum", "/(good|bad)/");
        return with(o -> o.stratification = Optional.of(strata));
    }

    /** Samples with equal values in these columns are one item. */
    public SampleSplit uniqueness(List<String> columns) {
        return with(o -> o.uniqueness = new Grouping.Columns(columns));
    }

    /**
     * Samples of one stratum whose paths give the same first regex group are one item (or the columns of a
     * JSON list).
     *
     * @throws IllegalArgumentException when the regex does not compile or has no group
     */
    public SampleSplit uniqueness(String regexOrJson) {
        return with(o -> o.uniqueness = Grouping.parse(regexOrJson, "uniqueness", "the physical item", "/(\\d*)_\\d*.bmp"));
    }

    public SampleSplit split(double fraction) {
        return with(o -> o.split = fraction);
    }

    /** A negative seed means a fresh random one on every assignment. */
    public SampleSplit seed(long seed) {
        return with(o -> o.seed = seed);
    }

    public SampleSplit mode(Mode mode) {
        return with(o -> o.mode = mode);
    }

    public SampleSplit mode(String mode) {
        return mode(Mode.parse(mode));
    }

    public Optional<Grouping> stratification() {
        return o.stratification;
    }

    public Grouping uniqueness() {
        return o.uniqueness;
    }

    public double split() {
        return o.split;
    }

    public long seed() {
        return o.seed;
    }

    public Mode mode() {
        return o.mode;
    }

    /** Assigns {@code train} to the split's share of the unassigned samples. */
    public Samples assign(Samples samples) {
        return assign(samples, "train", null);
    }

    /**
     * Assigns {@code purpose} to the split's share of the unassigned samples (per stratum, whole groups),
     * and {@code remainder} (when not null) to the rest; samples with a purpose keep it.
     */
    public Samples assign(Samples samples, String purpose, String remainder) {
        if (samples.isEmpty()) {
            throw new SampleException("There are no samples to split");
        }
        String[] purposes = samples.has(PURPOSE) ? samples.columnArray(PURPOSE) : new String[samples.size()];
        for (int i = 0; i < purposes.length; i++) {
            if (purposes[i] == null) {
                purposes[i] = "";
            }
        }
        long effectiveSeed = o.seed >= 0 ? o.seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        String[] result = new Assignment(samples, o.uniqueness, o.stratification, purposes, LOG)
                .assign(purpose, remainder, o.split, effectiveSeed, o.mode);
        return samples.withColumn(PURPOSE, Arrays.asList(result));
    }

    /** {@link #updateUnassigned(Samples, String, String, String)} with train and devel. */
    public Samples updateUnassigned(Samples samples, String idPath) {
        return updateUnassigned(samples, idPath, "train", "devel");
    }

    /**
     * Reuses the split saved at {@code idPath} ({@code sample_identification.csv}) when there is one,
     * assigns the samples it does not know, and saves the result (known ids of samples no longer present
     * are kept). Read and written through the samples' {@link IoTools}.
     */
    public Samples updateUnassigned(Samples samples, String idPath, String purpose, String remainder) {
        IoTools io = samples.io();
        SampleIdentification ids = SampleIdentification.forSplit(o.uniqueness, o.stratification);
        LOG.info("Looking for previous train / development split");
        Samples start = samples;
        List<List<String>> extra = List.of();
        if (io.exists(idPath)) {
            SampleIdentification.Loaded loaded = ids.read(io, idPath);
            ids = loaded.format();
            SampleIdentification.Merged merged = ids.merge(samples, loaded);
            start = merged.samples();
            extra = merged.unknownRows();
            LOG.info("Using train / development split from run cached in artifacts");
        } else {
            LOG.info("No initial sample identification file found");
        }
        Samples assigned = assign(start, purpose, remainder);
        ids.write(io, idPath, assigned, extra);
        return assigned;
    }

    @Override
    public String toString() {
        return "SampleSplit[stratification=" + o.stratification.map(Object::toString).orElse("none") + ", uniqueness=" + o.uniqueness
                + ", split=" + o.split + ", seed=" + o.seed + ", mode=" + o.mode.name().toLowerCase(Locale.ROOT) + "]";
    }
}
