package ai.brevetti.bench;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.data.split.SampleSplit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The duplicate-safe split of 1,000,000 synthetic samples (10 strata, ~20 % duplicates, some across
 * strata), next to Tablesaw's own {@code sampleSplit} of the same table (random, unseeded, no duplicate
 * or strata handling) in the same run. Target: the split under 2 s.
 * Usage: {@code bin/bench SplitBenchmark [--samples N] [--rounds R]}.
 */
public final class SplitBenchmark {
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        BenchOptions options = new BenchOptions(Map.of("samples", 1_000_000L, "rounds", 5L), args);
        int n = options.integer("samples");
        int rounds = options.integer("rounds");
        Samples samples = synthetic(n, new SplittableRandom(42));
        System.out.printf("SplitBenchmark: %,d samples, %,d distinct etags, 10 strata, %d rounds after 1 warm-up%n",
                n, new HashSet<>(samples.column("etag")).size(), rounds);

        SampleSplit split = new SampleSplit().stratification(List.of("folder")).seed(1);
        var unused = split.assign(samples, "train", "devel"); // warm-up
        samples.table().sampleSplit(0.8);
        double[] ours = new double[rounds];
        double[] tablesaw = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            Samples out = split.assign(samples, "train", "devel");
            ours[r] = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            Table[] parts = samples.table().sampleSplit(0.8);
            tablesaw[r] = (System.nanoTime() - t1) / 1e9;
            if (out.size() != n || parts[0].rowCount() + parts[1].rowCount() != n) {
                throw new IllegalStateException("lost rows");
            }
        }
        double a = BenchOptions.median(ours);
        double b = BenchOptions.median(tablesaw);
        System.out.printf("SampleSplit (stratified, duplicate-safe): %.3f s median  (%,.0f samples/s)  target < 2 s: %s%n",
                a, n / a, a < 2 ? "met" : "MISSED");
        System.out.printf("Tablesaw sampleSplit (random, no groups):  %.3f s median  (%,.0f samples/s)%n", b, n / b);
        System.out.printf("ratio: %.2fx the naive split's time%n", a / b);
    }

    /** Rows in 10 folders; every fifth row copies an earlier row's etag (one in ten of those from another folder). */
    static Samples synthetic(int n, SplittableRandom random) {
        String[] folder = new String[n];
        String[] path = new String[n];
        String[] etag = new String[n];
        for (int i = 0; i < n; i++) {
            folder[i] = "class" + random.nextInt(10);
            path[i] = "s3://bucket/data/" + folder[i] + "/" + i + "_0.bmp";
            etag[i] = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
            if (i > 0 && random.nextInt(5) == 0) {
                int j = random.nextInt(i);
                etag[i] = etag[j];
                if (random.nextInt(10) != 0) {
                    folder[i] = folder[j];
                }
            }
        }
        List<StringColumn> columns = new ArrayList<>();
        columns.add(StringColumn.create("category", folder));
        columns.add(StringColumn.create("folder", folder));
        columns.add(StringColumn.create("path", path));
        columns.add(StringColumn.create("etag", etag));
        return Samples.of(Table.create("synthetic", columns.toArray(StringColumn[]::new)));
    }
}
