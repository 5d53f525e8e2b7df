package ai.brevetti.data.split;

import ai.brevetti.data.samples.Samples;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Synthetic sample tables for split tests and benchmarks. */
final class SplitFixtures {
    private SplitFixtures() {}

    /** A row of a synthetic table. */
    record Row(String folder, String path, String etag) {
    }

    static Samples table(List<Row> rows) {
        Table t = Table.create("samples",
                StringColumn.create("category", rows.stream().map(Row::folder).toList()),
                StringColumn.create("folder", rows.stream().map(Row::folder).toList()),
                StringColumn.create("path", rows.stream().map(Row::path).toList()),
                StringColumn.create("etag", rows.stream().map(Row::etag).toList()));
        return Samples.of(t);
    }

    /**
     * {@code n} rows in {@code strata} folders; about {@code duplicateShare} of them copy the etag of an
     * earlier row (in the same stratum unless {@code crossShare} says otherwise).
     */
    static Samples random(Random random, int n, int strata, double duplicateShare, double crossShare) {
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String folder = "class" + random.nextInt(strata);
            String etag = String.format("%032x", random.nextLong() & Long.MAX_VALUE);
            if (i > 0 && random.nextDouble() < duplicateShare) {
                Row earlier = rows.get(random.nextInt(i));
                etag = earlier.etag();
                if (random.nextDouble() >= crossShare) {
                    folder = earlier.folder();
                }
            }
            rows.add(new Row(folder, "/data/" + folder + "/" + i + "_0.bmp", etag));
        }
        return table(rows);
    }

    static Samples shuffled(Samples samples, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        return new Samples(samples.table().rows(order.stream().mapToInt(Integer::intValue).toArray()), samples.io());
    }
}
