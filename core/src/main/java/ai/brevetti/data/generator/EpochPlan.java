package ai.brevetti.data.generator;

import ai.brevetti.internal.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which rows an epoch visits, in which order: a pure function of the seed and the epoch number. Without
 * sampling groups: all rows, shuffled or in order. With groups: each draw picks a group by weight
 * (randomly when shuffling, by smooth weighted round-robin otherwise) and takes that group's next row
 * (its rows shuffled per epoch when shuffling, cycling when used up).
 */
final class EpochPlan {
    private final int[] rows;
    private final int[][] groups;
    private final double[] weights;
    private final boolean shuffle;
    private final long seed;
    private final int epochLength;

    /**
     * @param rows the rows to sample from (after sharding)
     * @param groupOfRow each row's group index, or null for no groups
     */
    EpochPlan(int[] rows, int[] groupOfRow, double[] groupWeights, boolean shuffle, long seed, long maxEpochSamples) {
        this.rows = rows;
        this.shuffle = shuffle;
        this.seed = seed;
        this.epochLength = (int) Math.min(rows.length, maxEpochSamples);
        if (groupOfRow == null) {
            this.groups = null;
            this.weights = null;
        } else {
            Map<Integer, List<Integer>> members = new LinkedHashMap<>();
            for (int i = 0; i < rows.length; i++) {
                members.computeIfAbsent(groupOfRow[i], g -> new ArrayList<>()).add(rows[i]);
            }
            this.groups = new int[groupWeights.length][];
            for (int g = 0; g < groupWeights.length; g++) {
                this.groups[g] = members.getOrDefault(g, List.of()).stream().mapToInt(Integer::intValue).toArray();
            }
            double total = Arrays.stream(groupWeights).sum();
            this.weights = Arrays.stream(groupWeights).map(w -> w / total).toArray();
        }
    }

    int epochLength() {
        return epochLength;
    }

    /** The last epochs' orders: every batch of an epoch needs it, it is made once. */
    private final java.util.Map<Integer, int[]> recent = new java.util.LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Integer, int[]> eldest) {
            return size() > 3;
        }
    };

    /** The rows of epoch {@code epoch}, in visiting order (shared: do not change the array). */
    int[] rows(int epoch) {
        synchronized (recent) {
            int[] known = recent.get(epoch);
            if (known != null) {
                return known;
            }
        }
        int[] order = order(epoch);
        synchronized (recent) {
            recent.put(epoch, order);
        }
        return order;
    }

    private int[] order(int epoch) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, epoch));
        if (groups == null) {
            int[] order = rows.clone();
            if (shuffle) {
                shuffle(order, random);
            }
            return Arrays.copyOf(order, epochLength);
        }
        int[][] streams = new int[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            streams[g] = groups[g].clone();
            if (shuffle) {
                shuffle(streams[g], random);
            }
        }
        int[] next = new int[groups.length];
        double[] credit = new double[groups.length];
        int[] out = new int[epochLength];
        for (int i = 0; i < epochLength; i++) {
            int g = shuffle ? pick(random) : roundRobin(credit);
            int[] stream = streams[g];
            out[i] = stream[next[g] % stream.length];
            next[g]++;
        }
        return out;
    }

    private int pick(SplittableRandom random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int g = 0; g < weights.length; g++) {
            if (groups[g].length == 0) {
                continue;
            }
            last = g;
            cumulative += weights[g];
            if (u < cumulative) {
                return g;
            }
        }
        return last;
    }

    /** Smooth weighted round-robin: every group gains its weight, the richest is picked and pays 1. */
    private int roundRobin(double[] credit) {
        int best = -1;
        for (int g = 0; g < credit.length; g++) {
            if (groups[g].length == 0) {
                continue;
            }
            credit[g] += weights[g];
            if (best < 0 || credit[g] > credit[best]) {
                best = g;
            }
        }
        credit[best] -= 1;
        return best;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
