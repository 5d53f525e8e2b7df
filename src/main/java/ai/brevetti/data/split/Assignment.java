package ai.brevetti.data.split;

import ai.brevetti.data.samples.SampleException;
import ai.brevetti.data.generator.Seeds;
import ai.brevetti.data.samples.Samples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.codec.digest.MurmurHash3;
import org.slf4j.Logger;

/**
 * One run of the split over a table: samples joined into groups (same uniqueness key or same etag), each
 * group placed in a stratum, and whole groups drawn per stratum until the stratum's share is met.
 */
final class Assignment {
    private final int n;
    private final String[] purposes;
    private final Logger log;
    /** Group of each row, groups numbered 0..groups-1 in key order. */
    private final int[] groupOf;
    private final int[] groupSize;
    private final String[] groupKey;
    private final String[] groupStratum;
    private final int groups;

    Assignment(Samples samples, Grouping uniqueness, Optional<Grouping> stratification, String[] purposes, Logger log) {
        this.n = samples.size();
        this.purposes = purposes.clone();
        this.log = log;
        String[] keys = uniquenessKeys(samples, uniqueness);
        UnionFind sets = new UnionFind(n);
        joinEqual(sets, keys);
        boolean byEtag = uniqueness instanceof Grouping.Columns c && c.columns().equals(List.of("etag"));
        if (!byEtag && samples.has("etag")) {
            joinEqual(sets, samples.column("etag").toArray(String[]::new));
        }
        // a group is named by its smallest key, so numbering does not depend on the rows' order
        Map<Integer, String> nameOfRoot = new HashMap<>();
        for (int r = 0; r < n; r++) {
            nameOfRoot.merge(sets.find(r), keys[r], (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        List<Map.Entry<Integer, String>> named = new ArrayList<>(nameOfRoot.entrySet());
        named.sort(Map.Entry.comparingByValue());
        this.groups = named.size();
        Map<Integer, Integer> indexOfRoot = new HashMap<>(groups * 2);
        this.groupKey = new String[groups];
        for (int g = 0; g < groups; g++) {
            indexOfRoot.put(named.get(g).getKey(), g);
            groupKey[g] = named.get(g).getValue();
        }
        this.groupOf = new int[n];
        this.groupSize = new int[groups];
        for (int r = 0; r < n; r++) {
            groupOf[r] = indexOfRoot.get(sets.find(r));
            groupSize[groupOf[r]]++;
        }
        this.groupStratum = strata(samples, stratification);
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
    private String[] strata(Samples samples, Optional<Grouping> stratification) {
        String[] stratum = new String[groups];
        if (stratification.isEmpty()) {
            Arrays.fill(stratum, "");
            return stratum;
        }
        String[] rowStratum = stratification.get().keys(samples);
        Map<Integer, Map<String, Integer>> votes = new HashMap<>();
        for (int r = 0; r < n; r++) {
            String s = rowStratum[r] == null ? "" : rowStratum[r];
            int g = groupOf[r];
            if (groupSize[g] == 1) {
                stratum[g] = s;
            } else {
                votes.computeIfAbsent(g, x -> new HashMap<>()).merge(s, 1, Integer::sum);
            }
        }
        votes.forEach((g, v) -> stratum[g] = v.entrySet().stream()
                .max((a, b) -> !a.getValue().equals(b.getValue()) ? Integer.compare(a.getValue(), b.getValue())
                        : b.getKey().compareTo(a.getKey()))
                .orElseThrow().getKey());
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
        // per stratum: rows, rows already with the purpose, and the groups still to draw
        TreeMap<String, int[]> rowsAndFixed = new TreeMap<>();
        TreeMap<String, List<Integer>> open = new TreeMap<>();
        for (int g = 0; g < groups; g++) {
            int[] counts = rowsAndFixed.computeIfAbsent(groupStratum[g], s -> new int[2]);
            counts[0] += groupSize[g];
            if (fixed[g] == null) {
                open.computeIfAbsent(groupStratum[g], s -> new ArrayList<>()).add(g);
            }
        }
        for (int r = 0; r < n; r++) {
            int g = groupOf[r];
            String p = purposes[r].isEmpty() ? fixed[g] : purposes[r];
            if (purpose.equals(p)) {
                rowsAndFixed.get(groupStratum[g])[1]++;
            }
        }
        boolean[] chosen = new boolean[groups];
        for (Map.Entry<String, List<Integer>> e : open.entrySet()) {
            int[] counts = rowsAndFixed.get(e.getKey());
            long stratumSeed = Seeds.mix(seed, stableHash(e.getKey()));
            double target = split * counts[0] - counts[1];
            if (mode == SampleSplit.Mode.SORTED_PERMUTATION) {
                drawPermutation(e.getValue(), target, new SplittableRandom(stratumSeed), chosen);
            } else {
                drawByHash(e.getValue(), split, (int) stratumSeed, chosen);
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
    private void drawPermutation(List<Integer> candidates, double target, SplittableRandom random, boolean[] chosen) {
        int[] order = candidates.stream().mapToInt(Integer::intValue).toArray();
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
    private void drawByHash(List<Integer> candidates, double split, int hashSeed, boolean[] chosen) {
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
