package ai.brevetti.data.split;

import ai.brevetti.data.generator.Seeds;
import ai.brevetti.data.samples.SampleException;
import ai.brevetti.data.samples.Samples;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.codec.digest.MurmurHash3;
import org.slf4j.Logger;

/**
 * One run of the split over a table: samples joined into groups (same uniqueness key or same etag), each
 * group placed in a stratum, and whole groups drawn per stratum until the stratum's share is met. Works on
 * primitive arrays: a million samples split in about a second.
 */
final class Assignment {
    private final int n;
    private final String[] purposes;
    private final Logger log;
    /** Group of each row; groups are numbered in an order that does not depend on the rows' order. */
    private final int[] groupOf;
    private final int[] groupSize;
    private final String[] groupKey;
    private final int groups;
    /** Stratum of each group (an index into {@link #strata}). */
    private final int[] groupStratum;
    /** The strata's names, sorted. */
    private final String[] strata;

    Assignment(Samples samples, Grouping uniqueness, Optional<Grouping> stratification, String[] purposes, Logger log) {
        this.n = samples.size();
        this.purposes = purposes.clone();
        this.log = log;
        String[] keys = uniquenessKeys(samples, uniqueness);
        UnionFind sets = new UnionFind(n);
        joinEqual(sets, keys);
        boolean byEtag = uniqueness instanceof Grouping.Columns c && c.columns().equals(List.of("etag"));
        if (!byEtag && samples.has("etag")) {
            joinEqual(sets, samples.columnArray("etag"));
        }
        // provisional groups in row order, each named by its smallest key
        int[] provisional = new int[n];
        int[] groupOfRoot = new int[n];
        Arrays.fill(groupOfRoot, -1);
        String[] names = new String[n];
        int count = 0;
        for (int r = 0; r < n; r++) {
            int root = sets.find(r);
            int g = groupOfRoot[root];
            if (g < 0) {
                g = count++;
                groupOfRoot[root] = g;
                names[g] = keys[r];
            } else if (keys[r].compareTo(names[g]) < 0) {
                names[g] = keys[r];
            }
            provisional[r] = g;
        }
        this.groups = count;
        // final numbering: by a hash of the name (ties by the name), so it does not depend on the rows' order
        int[] order = orderByName(names, count);
        int[] rank = new int[count];
        this.groupKey = new String[count];
        for (int i = 0; i < count; i++) {
            rank[order[i]] = i;
            groupKey[i] = names[order[i]];
        }
        this.groupOf = new int[n];
        this.groupSize = new int[count];
        for (int r = 0; r < n; r++) {
            groupOf[r] = rank[provisional[r]];
            groupSize[groupOf[r]]++;
        }
        String[][] strataOut = new String[1][];
        this.groupStratum = strata(samples, stratification, strataOut);
        this.strata = strataOut[0];
    }

    private static int[] orderByName(String[] names, int count) {
        long[] packed = new long[count];
        for (int g = 0; g < count; g++) {
            packed[g] = ((long) (int) (stableHash(names[g]) >>> 32) << 32) | g;
        }
        Arrays.sort(packed);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = (int) packed[i];
        }
        // equal hashes (rare): order those runs by name
        for (int i = 0; i < count; ) {
            int j = i + 1;
            while (j < count && (packed[j] >>> 32) == (packed[i] >>> 32)) {
                j++;
            }
            if (j - i > 1) {
                Integer[] run = new Integer[j - i];
                for (int k = i; k < j; k++) {
                    run[k - i] = order[k];
                }
                Arrays.sort(run, (a, b) -> names[a].compareTo(names[b]));
                for (int k = i; k < j; k++) {
                    order[k] = run[k - i];
                }
            }
            i = j;
        }
        return order;
    }

    private String[] uniquenessKeys(Samples samples, Grouping uniqueness) {
        String[] keys = uniqueness.keys(samples).clone();
        if (uniqueness instanceof Grouping.PathRegex regex) {
            int unmatched = 0;
            String example = null;
            for (int r = 0; r < n; r++) {
                if (keys[r] == null) {
                    unmatched++;
                    example = example == null ? samples.get(r, "path") : example;
                    keys[r] = "\u0000" + samples.get(r, "path");
                }
            }
            if (unmatched == n) {
                throw new SampleException("The uniqueness regex '" + regex.regex().pattern() + "' matches none of the "
                        + n + " sample paths, e.g. '" + example + "'; its first group should name the physical item");
            }
            if (unmatched > 0) {
                log.warn("{} of {} sample paths do not match the uniqueness regex '{}' (e.g. '{}'); each is its own item",
                        unmatched, n, regex.regex().pattern(), example);
            }
        }
        for (int r = 0; r < n; r++) {
            if (keys[r] == null) {
                keys[r] = "";
            }
        }
        return keys;
    }

    private void joinEqual(UnionFind sets, String[] keys) {
        Map<String, Integer> first = new HashMap<>(n * 2);
        for (int r = 0; r < n; r++) {
            if (keys[r] == null || keys[r].isEmpty()) {
                continue;
            }
            Integer seen = first.putIfAbsent(keys[r], r);
            if (seen != null) {
                sets.union(seen, r);
            }
        }
    }

    /** Each group's stratum: the one most of its rows are in (ties: the first by name). */
    private int[] strata(Samples samples, Optional<Grouping> stratification, String[][] names) {
        int[] stratum = new int[groups];
        if (stratification.isEmpty()) {
            names[0] = new String[] {""};
            return stratum;
        }
        String[] rowStratum = stratification.get().keys(samples);
        Map<String, Integer> index = new HashMap<>();
        for (String s : rowStratum) {
            index.putIfAbsent(s == null ? "" : s, 0);
        }
        String[] sorted = index.keySet().toArray(String[]::new);
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            index.put(sorted[i], i);
        }
        names[0] = sorted;
        int[] rowIndex = new int[n];
        for (int r = 0; r < n; r++) {
            rowIndex[r] = index.get(rowStratum[r] == null ? "" : rowStratum[r]);
        }
        // members of each group (counting sort), then a vote within the groups of several rows
        int[] start = new int[groups + 1];
        for (int r = 0; r < n; r++) {
            start[groupOf[r] + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        int[] fill = Arrays.copyOf(start, groups);
        int[] members = new int[n];
        for (int r = 0; r < n; r++) {
            members[fill[groupOf[r]]++] = r;
        }
        int[] votes = new int[sorted.length];
        for (int g = 0; g < groups; g++) {
            if (start[g + 1] - start[g] == 1) {
                stratum[g] = rowIndex[members[start[g]]];
                continue;
            }
            int best = -1;
            for (int k = start[g]; k < start[g + 1]; k++) {
                int s = rowIndex[members[k]];
                votes[s]++;
                if (best < 0 || votes[s] > votes[best] || (votes[s] == votes[best] && s < best)) {
                    best = s;
                }
            }
            stratum[g] = best;
            for (int k = start[g]; k < start[g + 1]; k++) {
                votes[rowIndex[members[k]]] = 0;
            }
        }
        return stratum;
    }

    /** The purposes after the draw. */
    String[] assign(String purpose, String remainder, double split, long seed, SampleSplit.Mode mode) {
        String[] fixed = new String[groups];
        boolean[] mixed = new boolean[groups];
        for (int r = 0; r < n; r++) {
            String p = purposes[r];
            if (p.isEmpty()) {
                continue;
            }
            int g = groupOf[r];
            if (fixed[g] != null && !fixed[g].equals(p)) {
                mixed[g] = true;
            }
            fixed[g] = fixed[g] == null ? p : Purposes.winner(fixed[g], p);
        }
        int straddling = 0;
        for (boolean m : mixed) {
            straddling += m ? 1 : 0;
        }
        if (straddling > 0) {
            log.warn("{} groups of duplicates already had several purposes; their assigned samples keep them, the others join the first by priority",
                    straddling);
        }
        // per stratum: rows, rows already with the purpose, and the groups still to draw (in group order)
        int s = strata.length;
        long[] rows = new long[s];
        long[] withPurpose = new long[s];
        int[] openCount = new int[s];
        for (int g = 0; g < groups; g++) {
            rows[groupStratum[g]] += groupSize[g];
            if (fixed[g] == null) {
                openCount[groupStratum[g]]++;
            }
        }
        for (int r = 0; r < n; r++) {
            int g = groupOf[r];
            String p = purposes[r].isEmpty() ? fixed[g] : purposes[r];
            if (purpose.equals(p)) {
                withPurpose[groupStratum[g]]++;
            }
        }
        int[][] open = new int[s][];
        for (int k = 0; k < s; k++) {
            open[k] = new int[openCount[k]];
        }
        int[] filled = new int[s];
        for (int g = 0; g < groups; g++) {
            if (fixed[g] == null) {
                open[groupStratum[g]][filled[groupStratum[g]]++] = g;
            }
        }
        boolean[] chosen = new boolean[groups];
        for (int k = 0; k < s; k++) {
            if (open[k].length == 0) {
                continue;
            }
            long stratumSeed = Seeds.mix(seed, stableHash(strata[k]));
            if (mode == SampleSplit.Mode.SORTED_PERMUTATION) {
                drawPermutation(open[k], split * rows[k] - withPurpose[k], new SplittableRandom(stratumSeed), chosen);
            } else {
                drawByHash(open[k], split, (int) stratumSeed, chosen);
            }
        }
        String[] out = purposes.clone();
        for (int r = 0; r < n; r++) {
            if (!out[r].isEmpty()) {
                continue;
            }
            int g = groupOf[r];
            out[r] = fixed[g] != null ? fixed[g] : chosen[g] ? purpose : remainder == null ? "" : remainder;
        }
        return out;
    }

    /** Shuffles the groups, then takes them in order while the stratum's count gets closer to the target. */
    private void drawPermutation(int[] candidates, double target, SplittableRandom random, boolean[] chosen) {
        int[] order = candidates.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double taken = 0;
        for (int g : order) {
            double over = taken + groupSize[g] - target;
            if (over <= 1e-9) {
                chosen[g] = true;
                taken += groupSize[g];
                continue;
            }
            double under = target - taken;
            if (over < under || (over == under && random.nextBoolean())) {
                chosen[g] = true;
            }
            break;
        }
    }

    /** Each group by the unsigned MurmurHash3 of its key: below {@code split} of the hash range takes the purpose. */
    private void drawByHash(int[] candidates, double split, int hashSeed, boolean[] chosen) {
        double threshold = split * 0xFFFFFFFFL;
        for (int g : candidates) {
            byte[] key = groupKey[g].getBytes(StandardCharsets.UTF_8);
            long hash = MurmurHash3.hash32x86(key, 0, key.length, hashSeed) & 0xFFFFFFFFL;
            chosen[g] = split >= 1 || hash < threshold;
        }
    }

    static long stableHash(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash128x64(bytes, 0, bytes.length, 0)[0];
    }

    /** Disjoint sets of row indices, with path halving and union by size. */
    static final class UnionFind {
        private final int[] parent;
        private final int[] size;

        UnionFind(int n) {
            parent = new int[n];
            size = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                size[i] = 1;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (size[ra] < size[rb]) {
                int t = ra;
                ra = rb;
                rb = t;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
        }
    }
}
