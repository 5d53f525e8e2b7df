package ai.brevetti.data.split;

import ai.brevetti.data.samples.SampleException;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.io.IoTools;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 */
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

    private final Optional<Grouping> stratification;
    private final Grouping uniqueness;
    private final double split;
    private final long seed;
    private final Mode mode;

    /** The defaults: no stratification, uniqueness by etag, split 0.8, unseeded, sorted permutation. */
    public SampleSplit() {
        this(Optional.empty(), new Grouping.Columns(List.of("etag")), 0.8, -1, Mode.SORTED_PERMUTATION);
    }

    private SampleSplit(Optional<Grouping> stratification, Grouping uniqueness, double split, long seed, Mode mode) {
        if (Double.isNaN(split) || split < 0 || split > 1) {
            throw new IllegalArgumentException("split must be between 0 and 1 (the share of each stratum for the purpose), not " + split);
        }
        this.stratification = stratification;
        this.uniqueness = uniqueness;
        this.split = split;
        this.seed = seed;
        this.mode = mode;
    }

    /** Stratify by these columns (none: one stratum). */
    public SampleSplit stratification(List<String> columns) {
        return new SampleSplit(columns.isEmpty() ? Optional.empty() : Optional.of(new Grouping.Columns(columns)), uniqueness,
                split, seed, mode);
    }

    /**
     * Stratify by a regex on the path (its first group names the stratum), or by the columns of a JSON list.
     *
     * @throws IllegalArgumentException when the regex does not compile or has no group
     */
    public SampleSplit stratification(String regexOrJson) {
        return new SampleSplit(Optional.of(Grouping.parse(regexOrJson, "stratification", "the stratum", "/(good|bad)/")), uniqueness,
                split, seed, mode);
    }

    /** Samples with equal values in these columns are one item. */
    public SampleSplit uniqueness(List<String> columns) {
        return new SampleSplit(stratification, new Grouping.Columns(columns), split, seed, mode);
    }

    /**
     * Samples of one stratum whose paths give the same first regex group are one item (or the columns of a
     * JSON list).
     *
     * @throws IllegalArgumentException when the regex does not compile or has no group
     */
    public SampleSplit uniqueness(String regexOrJson) {
        return new SampleSplit(stratification, Grouping.parse(regexOrJson, "uniqueness", "the physical item", "/(\\d*)_\\d*.bmp"),
                split, seed, mode);
    }

    public SampleSplit split(double fraction) {
        return new SampleSplit(stratification, uniqueness, fraction, seed, mode);
    }

    /** A negative seed means a fresh random one on every assignment. */
    public SampleSplit seed(long seed) {
        return new SampleSplit(stratification, uniqueness, split, seed, mode);
    }

    public SampleSplit mode(Mode mode) {
        return new SampleSplit(stratification, uniqueness, split, seed, mode);
    }

    public SampleSplit mode(String mode) {
        return mode(Mode.parse(mode));
    }

    public Optional<Grouping> stratification() {
        return stratification;
    }

    public Grouping uniqueness() {
        return uniqueness;
    }

    public double split() {
        return split;
    }

    public long seed() {
        return seed;
    }

    public Mode mode() {
        return mode;
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
        long effectiveSeed = seed >= 0 ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        String[] result = new Assignment(samples, uniqueness, stratification, purposes, LOG)
                .assign(purpose, remainder, split, effectiveSeed, mode);
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
        SampleIdentification ids = SampleIdentification.forSplit(uniqueness, stratification);
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
        return "SampleSplit[stratification=" + stratification.map(Object::toString).orElse("none") + ", uniqueness=" + uniqueness
                + ", split=" + split + ", seed=" + seed + ", mode=" + mode.name().toLowerCase(Locale.ROOT) + "]";
    }
}
