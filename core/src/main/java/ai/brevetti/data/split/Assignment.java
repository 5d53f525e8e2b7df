package ai.brevetti.data.split;

import ai.brevetti.data.samples.SampleException;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Seeds;
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
 * One run of the split over a table: samples joined into groups, and whole groups drawn per stratum until
 * the stratum's share is met. Rows of one stratum with the same uniqueness key are one group (the SDK's
 * items, unique within their stratum); rows with the same etag (the same bytes) are joined too, across
 * strata, so content duplicates never get two purposes. Works on primitive arrays: a million samples split
 * in about a second.
 */
final class Assignment {
    /** The stratum of the paths a stratification regex does not match. */
    private static final String UNMATCHED = "\u0000unmatched";
    /** Salt of the random stream that orders the groups spanning several strata. */
    private static final long ACROSS_STRATA = 0x43524F5353L;

    private final int n;
    private final String[] purposes;
    private final Logger log;
    /** The strata's names, sorted, and the stratum of each row (an index into them). */
    private final String[] strata;
    private final int[] rowStratum;
    /** Group of each row; groups are numbered in an order that does not depend on the rows' order. */
    private final int[] groupOf;
    private final int[] groupSize;
    /** The smallest uniqueness key of each group (what {@code murmurhash3} hashes). */
    private final String[] groupKey;
    private final int groups;
    /** The rows of group g are {@code members[memberStart[g] .. memberStart[g + 1])}. */
    private final int[] memberStart;
    private final int[] members;
    /** Stratum of each group: its only one, or for a group spanning strata the one most of its rows are in. */
    private final int[] groupStratum;
    private final boolean[] spansStrata;

    Assignment(Samples samples, Grouping uniqueness, Optional<Grouping> stratification, String[] purposes, Logger log) {
        this.n = samples.size();
        this.purposes = purposes.clone();
        this.log = log;
        String[] rowStratumName = stratumNames(samples, stratification);
        this.strata = Arrays.stream(rowStratumName).distinct().sorted().toArray(String[]::new);
        Map<String, Integer> stratumIndex = new HashMap<>();
        for (int k = 0; k < strata.length; k++) {
            stratumIndex.put(strata[k], k);
        }
        this.rowStratum = new int[n];
        for (int r = 0; r < n; r++) {
            rowStratum[r] = stratumIndex.get(rowStratumName[r]);
        }

        String[] keys = uniquenessKeys(samples, uniqueness);
        UnionFind sets = new UnionFind(n);
        boolean byEtag = uniqueness instanceof Grouping.Columns c && c.columns().equals(List.of("etag"));
        joinEqual(sets, keys, byEtag ? null : rowStratum);
        if (!byEtag && samples.has("etag")) {
            joinEqual(sets, samples.columnArray("etag"), null);
        }
        // provisional groups in row order, each named by its smallest (key, stratum)
        int[] provisional = new int[n];
        int[] groupOfRoot = new int[n];
        Arrays.fill(groupOfRoot, -1);
        String[] nameKey = new String[n];
        int[] nameStratum = new int[n];
        int count = 0;
        for (int r = 0; r < n; r++) {
            int root = sets.find(r);
            int g = groupOfRoot[root];
            if (g < 0) {
                g = count++;
                groupOfRoot[root] = g;
                nameKey[g] = keys[r];
                nameStratum[g] = rowStratum[r];
            } else {
                int c = keys[r].compareTo(nameKey[g]);
                if (c < 0 || (c == 0 && rowStratum[r] < nameStratum[g])) {
                    nameKey[g] = keys[r];
                    nameStratum[g] = rowStratum[r];
                }
            }
            provisional[r] = g;
        }
        this.groups = count;
        // final numbering: by a hash of the key (ties by key and stratum), so it does not depend on the rows' order
        int[] order = orderByName(nameKey, nameStratum, count);
        int[] rank = new int[count];
        this.groupKey = new String[count];
        for (int i = 0; i < count; i++) {
            rank[order[i]] = i;
            groupKey[i] = nameKey[order[i]];
        }
        this.groupOf = new int[n];
        this.groupSize = new int[count];
        for (int r = 0; r < n; r++) {
            groupOf[r] = rank[provisional[r]];
            groupSize[groupOf[r]]++;
        }
        // members of each group (counting sort)
        this.memberStart = new int[count + 1];
        for (int g = 0; g < count; g++) {
            memberStart[g + 1] = memberStart[g] + groupSize[g];
        }
        int[] fill = Arrays.copyOf(memberStart, count);
        this.members = new int[n];
        for (int r = 0; r < n; r++) {
            members[fill[groupOf[r]]++] = r;
        }
        this.groupStratum = new int[count];
        this.spansStrata = new boolean[count];
        homeStrata();
    }

    private static int[] orderByName(String[] keys, int[] strata, int count) {
        long[] packed = new long[count];
        for (int g = 0; g < count; g++) {
            packed[g] = ((long) (int) (stableHash(keys[g]) >>> 32) << 32) | g;
        }
        Arrays.sort(packed);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = (int) packed[i];
        }
        // equal hashes (the same key in several strata, or rarely a collision): order those runs by key, then stratum
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
                Arrays.sort(run, (a, b) -> {
                    int c = keys[a].compareTo(keys[b]);
                    return c != 0 ? c : Integer.compare(strata[a], strata[b]);
                });
                for (int k = i; k < j; k++) {
                    order[k] = run[k - i];
                }
            }
            i = j;
        }
        return order;
    }

    /** Each row's stratum name; paths a stratification regex does not match form a stratum of their own. */
    private String[] stratumNames(Samples samples, Optional<Grouping> stratification) {
        String[] names = new String[n];
        if (stratification.isEmpty()) {
            Arrays.fill(names, "");
            return names;
        }
        String[] keys = stratification.get().keys(samples);
        int unmatched = 0;
        String example = null;
        for (int r = 0; r < n; r++) {
            if (keys[r] == null) {
                unmatched++;
                example = example == null ? samples.get(r, "path") : example;
            }
            names[r] = keys[r] == null ? UNMATCHED : keys[r];
        }
        if (stratification.get() instanceof Grouping.PathRegex regex && unmatched > 0) {
            if (unmatched == n) {
                throw new SampleException("The stratification regex '" + regex.regex().pattern() + "' matches none of the " + n
                        + " sample paths, e.g. '" + example + "'; its first group should name the stratum (e.g. '/(good|bad)/')");
            }
            log.warn("{} of {} sample paths do not match the stratification regex '{}' (e.g. '{}'); they form a stratum of their own",
                    unmatched, n, regex.regex().pattern(), example);
        }
        return names;
    }

    private String[] uniquenessKeys(Samples samples, Grouping uniqueness) {
        String[] keys = uniqueness.keys(samples);
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

    /** Joins rows with the same non-empty key; within their stratum when {@code stratumOfRow} is given. */
    private void joinEqual(UnionFind sets, String[] keys, int[] stratumOfRow) {
        // key -> the first row of each stratum it was seen in (nearly always one)
        Map<String, int[]> first = new HashMap<>(n * 2);
        for (int r = 0; r < n; r++) {
            if (keys[r] == null || keys[r].isEmpty()) {
                continue;
            }
            int[] seen = first.get(keys[r]);
            if (seen == null) {
                first.put(keys[r], new int[] {r});
                continue;
            }
            int match = -1;
            for (int row : seen) {
                if (stratumOfRow == null || stratumOfRow[row] == stratumOfRow[r]) {
                    match = row;
                    break;
                }
            }
            if (match >= 0) {
                sets.union(match, r);
            } else {
                int[] more = Arrays.copyOf(seen, seen.length + 1);
                more[seen.length] = r;
                first.put(keys[r], more);
            }
        }
    }

    /** Each group's stratum: its only one, or the one most of its rows are in (ties: the first by name). */
    private void homeStrata() {
        int[] votes = new int[strata.length];
        for (int g = 0; g < groups; g++) {
            int first = rowStratum[members[memberStart[g]]];
            int best = first;
            for (int k = memberStart[g]; k < memberStart[g + 1]; k++) {
                int s = rowStratum[members[k]];
                spansStrata[g] |= s != first;
                votes[s]++;
                if (votes[s] > votes[best] || (votes[s] == votes[best] && s < best)) {
                    best = s;
                }
            }
            groupStratum[g] = best;
            for (int k = memberStart[g]; k < memberStart[g + 1]; k++) {
                votes[rowStratum[members[k]]] = 0;
            }
        }
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
        boolean[] chosen = new boolean[groups];
        if (mode == SampleSplit.Mode.SORTED_PERMUTATION) {
            drawPermutations(purpose, split, seed, fixed, chosen);
        } else {
            int[][] open = openGroups(fixed, true);
            for (int k = 0; k < strata.length; k++) {
                drawByHash(open[k], split, (int) stratumSeed(seed, k), chosen);
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

    private long stratumSeed(long seed, int stratum) {
        return Seeds.mix(seed, stableHash(strata[stratum]));
    }

    /** Per stratum, the groups still to draw (in group order): all, or only those within one stratum. */
    private int[][] openGroups(String[] fixed, boolean withSpanning) {
        int[] count = new int[strata.length];
        for (int g = 0; g < groups; g++) {
            if (fixed[g] == null && (withSpanning || !spansStrata[g])) {
                count[groupStratum[g]]++;
            }
        }
        int[][] open = new int[strata.length][];
        for (int k = 0; k < strata.length; k++) {
            open[k] = new int[count[k]];
        }
        int[] filled = new int[strata.length];
        for (int g = 0; g < groups; g++) {
            if (fixed[g] == null && (withSpanning || !spansStrata[g])) {
                open[groupStratum[g]][filled[groupStratum[g]]++] = g;
            }
        }
        return open;
    }

    /**
     * {@code sorted_permutation}: first the open groups that span strata (content duplicates in several
     * strata), drawn together so that each stratum's share of their rows comes close to the split; then per
     * stratum its own groups, towards {@code split × rows − rows already with the purpose} (counting the
     * rows the first draw gave it), so every stratum meets its share to within one of its groups.
     */
    private void drawPermutations(String purpose, double split, long seed, String[] fixed, boolean[] chosen) {
        int s = strata.length;
        long[] rows = new long[s];
        long[] withPurpose = new long[s];
        for (int r = 0; r < n; r++) {
            rows[rowStratum[r]]++;
            String p = purposes[r].isEmpty() ? fixed[groupOf[r]] : purposes[r];
            if (purpose.equals(p)) {
                withPurpose[rowStratum[r]]++;
            }
        }
        drawAcrossStrata(purpose, split, seed, fixed, chosen, withPurpose);
        int[][] open = openGroups(fixed, false);
        for (int k = 0; k < s; k++) {
            if (open[k].length > 0) {
                drawPermutation(open[k], split * rows[k] - withPurpose[k], new SplittableRandom(stratumSeed(seed, k)), chosen);
            }
        }
    }

    /**
     * The open groups spanning strata, shuffled, each taken when that brings the rows with the purpose
     * closer to {@code split} of the spanning groups' rows, summed over the strata it touches. Adds the
     * taken rows to {@code withPurpose}.
     */
    private void drawAcrossStrata(String purpose, double split, long seed, String[] fixed, boolean[] chosen, long[] withPurpose) {
        int s = strata.length;
        double[] target = new double[s];
        int open = 0;
        for (int g = 0; g < groups; g++) {
            if (!spansStrata[g]) {
                continue;
            }
            open += fixed[g] == null ? 1 : 0;
            for (int m = memberStart[g]; m < memberStart[g + 1]; m++) {
                int r = members[m];
                String p = purposes[r].isEmpty() ? fixed[g] : purposes[r];
                target[rowStratum[r]] += split - (purpose.equals(p) ? 1 : 0);
            }
        }
        if (open == 0) {
            return;
        }
        int[] order = new int[open];
        int filled = 0;
        for (int g = 0; g < groups; g++) {
            if (spansStrata[g] && fixed[g] == null) {
                order[filled++] = g;
            }
        }
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, ACROSS_STRATA));
        shuffle(order, random);
        double[] taken = new double[s];
        int[] rowsIn = new int[s];
        int[] touched = new int[s];
        for (int g : order) {
            int t = 0;
            for (int m = memberStart[g]; m < memberStart[g + 1]; m++) {
                int k = rowStratum[members[m]];
                if (rowsIn[k]++ == 0) {
                    touched[t++] = k;
                }
            }
            double change = 0;
            for (int i = 0; i < t; i++) {
                int k = touched[i];
                change += Math.abs(taken[k] + rowsIn[k] - target[k]) - Math.abs(taken[k] - target[k]);
            }
            boolean take = change < -1e-9 || (change <= 1e-9 && random.nextBoolean());
            for (int i = 0; i < t; i++) {
                int k = touched[i];
                if (take) {
                    taken[k] += rowsIn[k];
                    withPurpose[k] += rowsIn[k];
                }
                rowsIn[k] = 0;
            }
            chosen[g] = take;
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Shuffles the groups, then takes them in order while the stratum's count gets closer to the target. */
    private void drawPermutation(int[] candidates, double target, SplittableRandom random, boolean[] chosen) {
        int[] order = candidates.clone();
        shuffle(order, random);
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
