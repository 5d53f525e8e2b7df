package ai.brevetti.data.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.samples.SampleException;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.data.split.SplitFixtures.Row;
import ai.brevetti.testing.Captured;
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

/** The duplicate-safe, stratified, reproducible train/devel split. */
class SampleSplitTest {
    @TempDir
    Path dir;

    private static Map<String, String> purposeByPath(Samples s) {
        Map<String, String> out = new HashMap<>();
        for (int r = 0; r < s.size(); r++) {
            out.put(s.get(r, "path"), s.get(r, "purpose"));
        }
        return out;
    }

    private static Map<String, int[]> trainPerFolder(Samples s) {
        Map<String, int[]> out = new HashMap<>();
        for (int r = 0; r < s.size(); r++) {
            int[] c = out.computeIfAbsent(s.get(r, "folder"), f -> new int[2]);
            c[0]++;
            c[1] += s.get(r, "purpose").equals("train") ? 1 : 0;
        }
        return out;
    }

    @Test
    void splitsEachStratumAndKeepsDuplicatesTogether() {
        Samples samples = SplitFixtures.random(new Random(1), 1000, 4, 0.3, 0.0);
        Samples split = new SampleSplit().stratification(List.of("folder")).seed(42).assign(samples, "train", "devel");
        assertEquals(Set.of("train", "devel"), new HashSet<>(split.column("purpose")));
        trainPerFolder(split).forEach((folder, c) ->
                assertTrue(Math.abs(c[1] - 0.8 * c[0]) <= 4, folder + ": " + c[1] + " of " + c[0]));
        Map<String, String> byEtag = new HashMap<>();
        for (int r = 0; r < split.size(); r++) {
            String before = byEtag.putIfAbsent(split.get(r, "etag"), split.get(r, "purpose"));
            assertTrue(before == null || before.equals(split.get(r, "purpose")), "duplicates share a purpose");
        }
    }

    @Test
    void duplicatesInDifferentStrataNeverStraddle() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String etag = String.format("%032d", i);
            rows.add(new Row("good", "/d/good/" + i + ".bmp", etag));
            rows.add(new Row("bad", "/d/bad/" + i + ".bmp", etag));
        }
        for (long seed = 0; seed < 20; seed++) {
            Samples split = new SampleSplit().stratification(List.of("folder")).seed(seed).assign(SplitFixtures.table(rows), "train", "devel");
            for (int i = 0; i < 40; i++) {
                assertEquals(split.get(2 * i, "purpose"), split.get(2 * i + 1, "purpose"), "seed " + seed + " item " + i);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitWhateverTheRowOrder() {
        Samples samples = SplitFixtures.random(new Random(2), 500, 3, 0.2, 0.1);
        SampleSplit split = new SampleSplit().stratification(List.of("folder")).seed(7);
        Map<String, String> a = purposeByPath(split.assign(samples, "train", "devel"));
        Map<String, String> b = purposeByPath(split.assign(SplitFixtures.shuffled(samples, 99), "train", "devel"));
        assertEquals(a, b);
        assertNotEquals(a, purposeByPath(split.seed(8).assign(samples, "train", "devel")));
        for (String mode : List.of("sorted_permutation", "murmurhash3")) {
            SampleSplit m = split.mode(mode);
            assertEquals(purposeByPath(m.assign(samples, "train", "devel")), purposeByPath(m.assign(SplitFixtures.shuffled(samples, 5), "train", "devel")));
        }
    }

    @Test
    void uniquenessRegexGroupsTheViewsOfOneItem() {
        List<Row> rows = new ArrayList<>();
        for (int item = 0; item < 50; item++) {
            for (int view = 0; view < 2; view++) {
                rows.add(new Row("good", "/d/good/" + item + "_" + view + ".bmp", String.format("%032d", item * 2 + view)));
            }
        }
        Samples split = new SampleSplit().uniqueness("/(\\d*)_\\d*.bmp").split(0.8).seed(42).assign(SplitFixtures.table(rows), "train", "devel");
        for (int item = 0; item < 50; item++) {
            assertEquals(split.get(2 * item, "purpose"), split.get(2 * item + 1, "purpose"));
        }
        assertEquals(80, split.column("purpose").stream().filter("train"::equals).count());

        SampleException none = assertThrows(SampleException.class,
                () -> new SampleSplit().uniqueness("/item-(\\d+)\\.png").assign(SplitFixtures.table(rows)));
        assertEquals("The uniqueness regex '/item-(\\d+)\\.png' matches none of the 100 sample paths, e.g. '/d/good/0_0.bmp'; "
                + "its first group should name the physical item", none.getMessage());
    }

    @Test
    void stratificationByRegexAndColumnsFromJson() {
        Samples samples = SplitFixtures.random(new Random(3), 300, 3, 0.0, 0.0);
        Samples byRegex = new SampleSplit().stratification("/data/(class\\d)/").seed(1).assign(samples, "train", "devel");
        Samples byJson = new SampleSplit().stratification("[\"folder\"]").seed(1).assign(samples, "train", "devel");
        assertEquals(purposeByPath(byJson), purposeByPath(byRegex), "the same strata, the same draws");
    }

    @Test
    void aRegexWithoutAGroupOrThatDoesNotCompileIsRefusedNamingTheSetting() {
        IllegalArgumentException noGroup = assertThrows(IllegalArgumentException.class, () -> new SampleSplit().uniqueness("\\d+_"));
        assertEquals("The uniqueness regex '\\d+_' has no group: put ( ) around the part of the path that names the physical item,"
                + " e.g. '/(\\d*)_\\d*.bmp' (its first group is the key, as in Python's re.search(regex, path).group(1))",
                noGroup.getMessage());
        IllegalArgumentException nonCapturing = assertThrows(IllegalArgumentException.class,
                () -> new SampleSplit().stratification("/(?:good|bad)/"));
        assertTrue(nonCapturing.getMessage().startsWith("The stratification regex '/(?:good|bad)/' has no group: put ( ) around the part"
                + " of the path that names the stratum, e.g. '/(good|bad)/'"), nonCapturing.getMessage());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new SampleSplit().uniqueness("/(\\d*_"));
        assertTrue(bad.getMessage().startsWith("The uniqueness regex '/(\\d*_' does not compile: Unclosed group at index 6. Fix the regex"),
                bad.getMessage());
        IllegalArgumentException badStrata = assertThrows(IllegalArgumentException.class, () -> new SampleSplit().stratification("[a-"));
        assertTrue(badStrata.getMessage().startsWith("The stratification regex '[a-' does not compile: ")
                && badStrata.getMessage().contains("(nor is it a JSON list of columns)"), badStrata.getMessage());

        // a regex may start with a character class; a JSON list is still columns
        Samples samples = SplitFixtures.random(new Random(8), 100, 2, 0.0, 0.0);
        Samples byClass = new SampleSplit().stratification("[^/]+/(class\\d)/").seed(3).assign(samples, "train", "devel");
        assertEquals(purposeByPath(new SampleSplit().stratification("[\"folder\"]").seed(3).assign(samples, "train", "devel")),
                purposeByPath(byClass));
    }

    @Test
    void pathsAStratificationRegexDoesNotMatchAreAStratumOfTheirOwn() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String folder = i < 30 ? "good" : "other";
            rows.add(new Row(folder, "/d/" + folder + "/" + i + ".bmp", String.format("%032d", i)));
        }
        Samples samples = SplitFixtures.table(rows);
        Captured<Samples> run = Captured.run(() -> new SampleSplit().stratification("/(good)/").split(0.5).seed(1)
                .assign(samples, "train", "devel"));
        assertTrue(run.err.contains("10 of 40 sample paths do not match the stratification regex '/(good)/' (e.g. '/d/other/30.bmp');"
                + " they form a stratum of their own"), run.err);
        Map<String, int[]> perFolder = trainPerFolder(run.value);
        assertEquals(5, perFolder.get("other")[1], "the unmatched paths get the split's share of their own");
        assertEquals(15, perFolder.get("good")[1]);

        SampleException none = assertThrows(SampleException.class,
                () -> new SampleSplit().stratification("/(bad)/").assign(samples, "train", "devel"));
        assertEquals("The stratification regex '/(bad)/' matches none of the 40 sample paths, e.g. '/d/good/0.bmp';"
                + " its first group should name the stratum (e.g. '/(good|bad)/')", none.getMessage());
    }

    @Test
    void murmurhashKeepsEveryGroupsPurposeWhenSamplesComeAndGo() {
        Samples all = SplitFixtures.random(new Random(4), 600, 2, 0.1, 0.0);
        SampleSplit split = new SampleSplit().stratification(List.of("folder")).mode(SampleSplit.Mode.MURMURHASH3).seed(5);
        Map<String, String> full = purposeByPath(split.assign(all, "train", "devel"));
        Map<String, String> part = purposeByPath(split.assign(all.head(300), "train", "devel"));
        part.forEach((path, purpose) -> assertEquals(full.get(path), purpose, path));
        long train = full.values().stream().filter("train"::equals).count();
        assertTrue(train > 420 && train < 540, "about 80 %: " + train);
    }

    @Test
    void extremesAndBadSplits() {
        Samples samples = SplitFixtures.random(new Random(5), 50, 2, 0.2, 0.0);
        assertEquals(Set.of("devel"), new HashSet<>(new SampleSplit().split(0).assign(samples, "train", "devel").column("purpose")));
        assertEquals(Set.of("train"), new HashSet<>(new SampleSplit().split(1).assign(samples, "train", "devel").column("purpose")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SampleSplit().split(1.5));
        assertEquals("split must be between 0 and 1 (the share of each stratum for the purpose), not 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SampleSplit().split(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new SampleSplit().mode("random"));
    }

    @Test
    void assignedSamplesKeepTheirPurposeAndTheirGroupJoinsThem() {
        List<Row> rows = List.of(new Row("a", "/1.bmp", "e1"), new Row("a", "/2.bmp", "e1"), new Row("a", "/3.bmp", "e3"));
        Samples samples = SplitFixtures.table(rows).withColumn("purpose", List.of("devel", "", ""));
        Samples split = new SampleSplit().split(1).assign(samples, "train", null);
        assertEquals(List.of("devel", "devel", "train"), split.column("purpose"));
    }

    @Test
    void updateUnassignedSavesReusesAndExtendsTheIdentificationFile() throws Exception {
        Samples first = SplitFixtures.random(new Random(6), 200, 2, 0.1, 0.0);
        String csv = dir.resolve("artifacts/sample_identification.csv").toString();
        Captured<Samples> run1 = Captured.run(() -> new SampleSplit().stratification(List.of("folder")).updateUnassigned(first, csv));
        assertTrue(run1.err.contains("Looking for previous train / development split"), run1.err);
        assertTrue(run1.err.contains("No initial sample identification file found"), run1.err);
        List<String> lines = Files.readAllLines(Path.of(csv));
        assertEquals("etag,purpose", lines.get(0));
        assertEquals(new HashSet<>(first.column("etag")).size() + 1, lines.size(), "one line per etag");
        assertTrue(lines.get(1).matches("[0-9a-f]{32},(train|devel)"), lines.get(1));

        // a second run, unseeded, with the first half of the samples and 100 new ones
        Samples generated = SplitFixtures.random(new Random(60), 100, 2, 0.0, 0.0);
        Samples newOnes = generated.withColumn("path", generated.column("path").stream().map(p -> "/new" + p).toList());
        Samples second = Samples.concat(List.of(first.head(100), newOnes));
        Captured<Samples> run2 = Captured.run(() -> new SampleSplit().stratification(List.of("folder")).updateUnassigned(second, csv));
        assertTrue(run2.err.contains("Using train / development split from run cached in artifacts"), run2.err);
        Map<String, String> before = purposeByPath(run1.value);
        Map<String, String> after = purposeByPath(run2.value);
        for (int r = 0; r < 100; r++) {
            String path = second.get(r, "path");
            assertEquals(before.get(path), after.get(path), "an assigned sample never moves");
        }
        assertTrue(after.values().stream().allMatch(p -> p.equals("train") || p.equals("devel")));
        Set<String> saved = new HashSet<>();
        for (String line : Files.readAllLines(Path.of(csv)).subList(1, Files.readAllLines(Path.of(csv)).size())) {
            saved.add(line.split(",")[0]);
        }
        assertTrue(saved.containsAll(first.column("etag")), "ids of samples no longer present are kept");
        assertTrue(saved.containsAll(newOnes.column("etag")), "new samples are appended");
    }

    @Test
    void duplicateKeysInTheFileResolveByPriorityAndACorruptFileIsNotOverwritten() throws Exception {
        Path csv = dir.resolve("ids.csv");
        Files.writeString(csv, "etag,purpose\ne1,devel\ne1,train\ne2,test\n");
        Samples samples = SplitFixtures.table(List.of(new Row("a", "/1.bmp", "e1"), new Row("a", "/2.bmp", "e2"), new Row("a", "/3.bmp", "e3")));
        Samples out = new SampleSplit().split(0).updateUnassigned(samples, csv.toString());
        assertEquals(List.of("train", "test", "devel"), out.column("purpose"));

        String corrupt = "etag,purpose\ne1,train\ne2,devel,extra\n";
        Files.writeString(csv, corrupt);
        SampleException e = assertThrows(SampleException.class, () -> new SampleSplit().updateUnassigned(samples, csv.toString()));
        assertTrue(e.getMessage().startsWith("The sample identification file '" + csv + "' cannot be used: line 3: it has 3 fields"),
                e.getMessage());
        assertEquals(corrupt, Files.readString(csv), "not overwritten");
        Files.writeString(csv, "id,kind\n");
        SampleException header = assertThrows(SampleException.class, () -> new SampleSplit().updateUnassigned(samples, csv.toString()));
        assertTrue(header.getMessage().contains("line 1: the header is id,kind; expected etag,purpose"), header.getMessage());
    }

    /** Random datasets, random duplicate groups: no group has two purposes, every stratum gets its share. */
    @RepeatedTest(60)
    void propertyNoGroupStraddlesAndSharesHold(RepetitionInfo repetition) {
        Random random = new Random(1000 + repetition.getCurrentRepetition());
        int n = 50 + random.nextInt(400);
        double split = 0.05 + 0.9 * random.nextDouble();
        double cross = random.nextBoolean() ? 0.0 : 0.2;
        Samples samples = SplitFixtures.random(random, n, 1 + random.nextInt(6), random.nextDouble() * 0.6, cross);
        SampleSplit.Mode mode = SampleSplit.Mode.SORTED_PERMUTATION;
        Samples out = new SampleSplit().stratification(List.of("folder")).split(split).seed(random.nextInt(1000)).mode(mode)
                .assign(samples, "train", "devel");

        Map<String, Set<String>> purposesOfEtag = new HashMap<>();
        Map<String, Integer> groupSize = new HashMap<>();
        Map<String, Set<String>> foldersOfEtag = new HashMap<>();
        for (int r = 0; r < n; r++) {
            purposesOfEtag.computeIfAbsent(out.get(r, "etag"), e -> new HashSet<>()).add(out.get(r, "purpose"));
            groupSize.merge(out.get(r, "etag"), 1, Integer::sum);
            foldersOfEtag.computeIfAbsent(out.get(r, "etag"), e -> new HashSet<>()).add(out.get(r, "folder"));
        }
        purposesOfEtag.forEach((etag, p) -> assertEquals(1, p.size(), "group " + etag + " has " + p));

        int largest = groupSize.values().stream().max(Integer::compare).orElse(1);
        Map<String, Integer> crossRows = new HashMap<>();
        for (int r = 0; r < n; r++) {
            if (foldersOfEtag.get(out.get(r, "etag")).size() > 1) {
                crossRows.merge(out.get(r, "folder"), 1, Integer::sum);
            }
        }
        trainPerFolder(out).forEach((folder, c) -> {
            double miss = Math.abs(c[1] - split * c[0]);
            assertTrue(miss <= largest + crossRows.getOrDefault(folder, 0) + 1e-9,
                    folder + ": " + c[1] + " train of " + c[0] + " for split " + split + ", largest group " + largest);
        });
    }
}
