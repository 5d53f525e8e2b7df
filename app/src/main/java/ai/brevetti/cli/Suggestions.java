package ai.brevetti.cli;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The names a mistyped command or option most likely meant: those at the smallest edit distance (insertions,
 * deletions, substitutions and swaps of two neighbours each count 1, so {@code rnu} is 1 from {@code run}), if
 * that distance is small for the word's length (1 up to 4 letters, 2 up to 8, else 3), else those the word
 * begins (a unique start such as {@code dat} for {@code dataset}). Case does not count.
 */
final class Suggestions {
    private Suggestions() {}

    static List<String> nearest(String typed, Collection<String> names) {
        String word = typed.toLowerCase(Locale.ROOT);
        int allowed = word.length() <= 4 ? 1 : word.length() <= 8 ? 2 : 3;
        int best = Integer.MAX_VALUE;
        for (String name : names) {
            best = Math.min(best, distance(word, name.toLowerCase(Locale.ROOT)));
        }
        if (best <= allowed) {
            int min = best;
            return names.stream().filter(n -> distance(word, n.toLowerCase(Locale.ROOT)) == min).sorted().toList();
        }
        if (word.length() >= 2) {
            List<String> starting = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(word)).sorted().toList();
            if (starting.size() <= 3) {
                return starting;
            }
        }
        return List.of();
    }

    /** The optimal-string-alignment distance: Levenshtein's, with a swap of two neighbouring letters as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
