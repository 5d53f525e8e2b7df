package ai.brevetti.data.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.data.split.SplitFixtures.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class folders that number their own items ({@code good/0001_0.bmp} and {@code missing_cap/0001_0.bmp}
 * are different vials): a uniqueness regex groups the views of an item within its stratum, as the SDK
 * does, while content duplicates still never straddle purposes, across strata too.
 */
class UniquenessWithinStratumTest {
    @TempDir
    Path dir;
    private static final String REGEX = "/(\\d*)_\\d*.bmp";

    /**
     * {@code images} images over {@code folders} folders, each numbering its items from 1, each item
     * photographed 1 to {@code maxViews} times; {@code crossShare} of the images are byte copies of an image
     * in another folder.
     */
    static Samples perFolderNumbering(Random random, int images, int folders, int maxViews, double crossShare) {
        List<Row> rows = new ArrayList<>();
        int[] nextItem = new int[folders];
        while (rows.size() < images) {
            int f = random.nextInt(folders);
            int item = ++nextItem[f];
            int views = Math.min(1 + random.nextInt(maxViews), images - rows.size());
            for (int v = 0; v < views; v++) {
                String folder = "class" + f;
                String etag = String.format("%032x", random.nextLong() & Long.MAX_VALUE);
                if (folders > 1 && !rows.isEmpty() && random.nextDouble() < crossShare) {
                    Row other = rows.get(random.nextInt(rows.size()));
                    if (!other.folder().equals(folder)) {
                        etag = other.etag();
                    }
                }
                rows.add(new Row(folder, String.format("/data/%s/%04d_%d.bmp", folder, item, v), etag));
            }
        }
        return SplitFixtures.table(rows);
    }

    /**
     * Per folder: rows, devel rows, the largest group's rows in it (groups as the split defines them: the
     * views of an item within its folder, joined with their byte copies), and the purposes of the groups
     * that lie wholly inside it.
     */
    record Stratum(int rows, int devel, int largestGroup, Set<String> ownGroupPurposes) {
    }

    static Map<String, Stratum> strata(Samples out) {
        int n = out.size();
        String[] folder = out.columnArray("folder");
        String[] path = out.columnArray("path");
        String[] etag = out.columnArray("etag");
        String[] purpose = out.columnArray("purpose");
        Assignment.UnionFind sets = new Assignment.UnionFind(n);
        Map<String, Integer> firstItem = new HashMap<>();
        Map<String, Integer> firstEtag = new HashMap<>();
        for (int r = 0; r < n; r++) {
            Integer a = firstItem.putIfAbsent(item(folder[r], path[r]), r);
            if (a != null) {
                sets.union(a, r);
            }
            Integer b = firstEtag.putIfAbsent(etag[r], r);
            if (b != null) {
                sets.union(b, r);
            }
        }
        Map<Integer, Map<String, Integer>> rowsPerFolder = new HashMap<>();
        for (int r = 0; r < n; r++) {
            rowsPerFolder.computeIfAbsent(sets.find(r), g -> new HashMap<>()).merge(folder[r], 1, Integer::sum);
        }
        Map<String, int[]> counts = new HashMap<>();
        Map<String, Set<String>> ownPurposes = new HashMap<>();
        for (int r = 0; r < n; r++) {
            int[] c = counts.computeIfAbsent(folder[r], f -> new int[3]);
            c[0]++;
            c[1] += purpose[r].equals("devel") ? 1 : 0;
            Map<String, Integer> group = rowsPerFolder.get(sets.find(r));
            c[2] = Math.max(c[2], group.get(folder[r]));
            if (group.size() == 1) {
                ownPurposes.computeIfAbsent(folder[r], f -> new HashSet<>()).add(purpose[r]);
            }
        }
        Map<String, Stratum> strata = new HashMap<>();
        counts.forEach((f, c) -> strata.put(f, new Stratum(c[0], c[1], c[2], ownPurposes.getOrDefault(f, Set.of()))));
        return strata;
    }

    private static String item(String folder, String path) {
        return folder + path.substring(path.lastIndexOf('/'), path.lastIndexOf('_'));
    }

    /** Every item (folder and number) and every etag has one purpose, train or devel. */
    static void assertNothingStraddles(Samples out) {
        String[] folder = out.columnArray("folder");
        String[] path = out.columnArray("path");
        String[] etag = out.columnArray("etag");
        String[] purpose = out.columnArray("purpose");
        Map<String, Set<String>> byItem = new HashMap<>();
        Map<String, Set<String>> byEtag = new HashMap<>();
        for (int r = 0; r < out.size(); r++) {
            assertTrue(purpose[r].equals("train") || purpose[r].equals("devel"), path[r] + ": '" + purpose[r] + "'");
            byItem.computeIfAbsent(item(folder[r], path[r]), k -> new HashSet<>()).add(purpose[r]);
            byEtag.computeIfAbsent(etag[r], k -> new HashSet<>()).add(purpose[r]);
        }
        byItem.forEach((item, p) -> assertEquals(1, p.size(), "item " + item + " has " + p));
        byEtag.forEach((e, p) -> assertEquals(1, p.size(), "etag " + e + " has " + p));
    }

    /**
     * Every folder's devel rows are within {@code slack} of its largest group of {@code (1 - split) × rows},
     * unless byte copies shared with other folders decided more than its own groups could make up for (then
     * its own groups all went one way).
     */
    private static void assertShares(Samples out, double split, double slack, String context) {
        strata(out).forEach((folder, s) -> {
            double target = (1 - split) * s.rows();
            boolean within = Math.abs(s.devel() - target) <= slack * s.largestGroup() + 1e-9;
            assertTrue(within || s.ownGroupPurposes().size() < 2, context + ", " + folder + ": " + s.devel() + " devel of "
                    + s.rows() + " (target " + target + ", largest group " + s.largestGroup() + ")");
        });
    }

    @Test
    void theReportedCaseSplitsEveryFolder() {
        // 23 images, two folders numbering their own vials from 0001, two views each
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String folder = i < 12 ? "good" : "missing_cap";
            int item = (i < 12 ? i : i - 12) / 2 + 1;
            rows.add(new Row(folder, String.format("/d/%s/%04d_%d.bmp", folder, item, i % 2), String.format("%032d", i)));
        }
        Samples out = new SampleSplit().stratification(List.of("folder")).uniqueness(REGEX).split(0.8).seed(42)
                .assign(SplitFixtures.table(rows), "train", "devel");
        assertNothingStraddles(out);
        Map<String, Stratum> strata = strata(out);
        assertTrue(strata.get("good").devel() >= 2 && strata.get("good").devel() <= 3, strata.toString());
        assertTrue(strata.get("missing_cap").devel() >= 2 && strata.get("missing_cap").devel() <= 3, strata.toString());
    }

    /**
     * Small datasets (23 images over 2 or 3 folders), many seeds and splits: every folder within half its
     * largest group (the boundary group is taken or left, whichever is closer).
     */
    @RepeatedTest(40)
    void smallDatasetsMeetEveryFoldersShareWithinOneGroup(RepetitionInfo repetition) {
        Random random = new Random(7000 + repetition.getCurrentRepetition());
        Samples samples = perFolderNumbering(random, 23, 2 + random.nextInt(2), 1 + random.nextInt(3), 0.0);
        double split = random.nextBoolean() ? 0.8 : 0.5 + 0.4 * random.nextDouble();
        long seed = random.nextInt(1_000_000);
        Samples out = new SampleSplit().stratification(List.of("folder")).uniqueness(REGEX).split(split).seed(seed)
                .assign(samples, "train", "devel");
        assertNothingStraddles(out);
        assertShares(out, split, 0.5, "seed " + seed + ", split " + split);
    }

    /** Large datasets (thousands of images over many folders). */
    @RepeatedTest(6)
    void largeDatasetsMeetEveryFoldersShareWithinOneGroup(RepetitionInfo repetition) {
        Random random = new Random(8000 + repetition.getCurrentRepetition());
        Samples samples = perFolderNumbering(random, 2000 + random.nextInt(6000), 5 + random.nextInt(20), 1 + random.nextInt(4), 0.0);
        double split = 0.5 + 0.45 * random.nextDouble();
        for (String stratification : List.of("[\"folder\"]", "/data/(class\\d+)/")) {
            long seed = random.nextInt(1_000_000);
            Samples out = new SampleSplit().stratification(stratification).uniqueness(REGEX).split(split).seed(seed)
                    .assign(samples, "train", "devel");
            assertNothingStraddles(out);
            assertShares(out, split, 0.5, "stratification " + stratification + ", seed " + seed + ", split " + split);
        }
    }

    /** With byte copies across folders: those never straddle, and the folders' shares stay close. */
    @RepeatedTest(20)
    void contentDuplicatesAcrossFoldersNeverStraddle(RepetitionInfo repetition) {
        Random random = new Random(9000 + repetition.getCurrentRepetition());
        boolean small = repetition.getCurrentRepetition() % 2 == 0;
        Samples samples = small ? perFolderNumbering(random, 23, 2 + random.nextInt(2), 1 + random.nextInt(3), 0.2)
                : perFolderNumbering(random, 2000 + random.nextInt(3000), 5 + random.nextInt(10), 1 + random.nextInt(3), 0.05);
        double split = 0.5 + 0.45 * random.nextDouble();
        long seed = random.nextInt(1_000_000);
        Samples out = new SampleSplit().stratification(List.of("folder")).uniqueness(REGEX).split(split).seed(seed)
                .assign(samples, "train", "devel");
        assertNothingStraddles(out);
        assertShares(out, split, 1, "seed " + seed + ", split " + split);
    }

    private static Map<String, String> purposeByPath(Samples s) {
        Map<String, String> out = new HashMap<>();
        String[] path = s.columnArray("path");
        String[] purpose = s.columnArray("purpose");
        for (int r = 0; r < s.size(); r++) {
            out.put(path[r], purpose[r]);
        }
        return out;
    }

    /** New views of known items, and new items, on a second run: nothing known moves, new views join their item. */
    @Test
    void theIdentificationFileIsKeyedByEtagAndNewViewsJoinTheirItem() {
        Random random = new Random(11);
        Samples first = perFolderNumbering(random, 300, 3, 2, 0.02);
        String csv = dir.resolve("sample_identification.csv").toString();
        SampleSplit split = new SampleSplit().stratification(List.of("folder")).uniqueness(REGEX);
        Map<String, String> before = purposeByPath(split.updateUnassigned(first, csv));

        // every known item gets a new view (new bytes), and every folder new items
        List<Row> more = new ArrayList<>();
        for (int r = 0; r < first.size(); r++) {
            String path = first.get(r, "path");
            if (path.endsWith("_0.bmp")) {
                more.add(new Row(first.get(r, "folder"), path.replace("_0.bmp", "_9.bmp"), String.format("%032x", random.nextLong() & Long.MAX_VALUE)));
            }
        }
        Samples newItems = perFolderNumbering(new Random(12), 60, 3, 2, 0.0);
        Samples second = Samples.concat(List.of(first, SplitFixtures.table(more), newItems.withColumn("path",
                newItems.column("path").stream().map(p -> p.replace("/data/", "/data2/")).toList())));
        Samples out = split.updateUnassigned(second, csv);
        Map<String, String> after = purposeByPath(out);
        before.forEach((path, purpose) -> assertEquals(purpose, after.get(path), "an assigned sample never moves: " + path));
        for (Row row : more) {
            assertEquals(before.get(row.path().replace("_9.bmp", "_0.bmp")), after.get(row.path()), "a new view joins its item");
        }
        assertNothingStraddles(out.where(r -> !r.path().contains("/data2/")));
        try {
            List<String> lines = Files.readAllLines(Path.of(csv));
            assertEquals("etag,purpose", lines.get(0));
            assertEquals(new HashSet<>(second.column("etag")).size(), lines.size() - 1, "one line per etag");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Column uniqueness with a stratification the columns do not include: items are unique within their
     * stratum, so the file is keyed by etag (one line per item key would give two items one purpose); a file
     * keyed by the uniqueness columns (the SDK's, or an earlier run's) is still read and kept in its format.
     */
    @Test
    void columnUniquenessWithinStrataIsSavedByEtagAndOldFilesAreStillRead() throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String folder = i < 20 ? "good" : "bad";
            rows.add(new Row(folder, "/d/" + folder + "/" + i + ".bmp", String.format("%032d", i)));
            items.add("item" + (i % 20) / 2);
        }
        Samples samples = SplitFixtures.table(rows).withColumn("item", items);
        SampleSplit split = new SampleSplit().stratification(List.of("folder")).uniqueness(List.of("item")).split(0.5).seed(4);
        Path csv = dir.resolve("ids.csv");
        Samples out = split.updateUnassigned(samples, csv.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("etag,purpose", lines.get(0));
        assertEquals(41, lines.size());
        Map<String, String> first = purposeByPath(out);
        assertEquals(first, purposeByPath(split.seed(5).updateUnassigned(samples, csv.toString())), "reused exactly");
        Map<String, Integer> develPerFolder = new HashMap<>();
        for (int r = 0; r < out.size(); r++) {
            develPerFolder.merge(out.get(r, "folder"), out.get(r, "purpose").equals("devel") ? 1 : 0, Integer::sum);
        }
        assertEquals(Map.of("good", 10, "bad", 10), develPerFolder, "items of 2 rows, half of every folder");

        // an old file keyed by item
        String legacy = "item,purpose\nitem0,devel\nitem1,train\nitem2,devel\ngone,test\n";
        Files.writeString(csv, legacy);
        Samples reused = split.updateUnassigned(samples, csv.toString());
        for (int r = 0; r < reused.size(); r++) {
            String item = reused.get(r, "item");
            if (item.equals("item0") || item.equals("item2")) {
                assertEquals("devel", reused.get(r, "purpose"), item);
            } else if (item.equals("item1")) {
                assertEquals("train", reused.get(r, "purpose"), item);
            }
        }
        List<String> rewritten = Files.readAllLines(csv);
        assertEquals("item,purpose", rewritten.get(0), "kept in its format");
        assertTrue(rewritten.contains("gone,test"), "history is kept");
    }
}
