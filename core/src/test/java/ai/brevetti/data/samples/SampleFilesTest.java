package ai.brevetti.data.samples;

import static ai.brevetti.testing.Folders.file;
import static ai.brevetti.testing.Folders.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.platform.Dataset;
import ai.brevetti.testing.Captured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's sample files (.samples/<target>) on plain folders: its exact format, both ways, and bad files. */
class SampleFilesTest {
    /** A sample file as the Python SDK writes it: ';', a header, tuple categories, JSON arrays, a quoted field. */
    static final String PYTHON_WRITTEN = """
            path;category;etag;segmentation_path;size;bbox;reference;purpose
            good/0_1543413266626.bmp;('good',);4a8a08f09d37b73795649038408b5f33;.annotations/good/0_1543413266626.bmp/ann.json;[480, 640];[10, 20, 110, 220];N/A;train
            missing_cap/2_1.bmp;('missing_cap', 'tilted');8277e0910d750195b448797616e091ad;;[480, 640];;N/A;devel
            "odd;name/x.png";("it's",);e1671797c52e15f763380b45e841ec32;;;;N/A;train
            """;

    @TempDir
    Path dir;

    private Dataset dataset(String name) {
        return Dataset.of(name, dir.resolve(name).toString());
    }

    @Test
    void readsAFileAsThePythonSdkWritesIt() {
        Path root = dir.resolve("vials");
        file(root, ".samples/curated.csv", PYTHON_WRITTEN);
        Dataset dataset = dataset("vials");
        Samples samples = dataset.getSamples("curated.csv");
        assertEquals(List.of("category", "folder", "path", "etag", "segmentation_path", "bucket", "dataset", "dataset_id", "reference", "url",
                "size", "bbox", "purpose"), samples.columnNames());
        assertEquals(3, samples.size());
        assertEquals(List.of("good", "missing_cap|tilted", "it's"), samples.column("category"));
        assertEquals(List.of(List.of("missing_cap", "tilted")), List.of(samples.get(1).category()));
        assertEquals(List.of(root + "/good/0_1543413266626.bmp", root + "/missing_cap/2_1.bmp", root + "/odd;name/x.png"), samples.column("path"));
        assertEquals(List.of("good", "missing_cap", "odd;name"), samples.column("folder"));
        assertEquals(List.of(root + "/.annotations/good/0_1543413266626.bmp/ann.json", "", ""), samples.column("segmentation_path"));
        assertEquals(List.of("[480, 640]", "[480, 640]", ""), samples.column("size"));
        assertEquals(List.of("[10, 20, 110, 220]", "", ""), samples.column("bbox"));
        assertEquals(List.of("train", "devel", "train"), samples.column("purpose"));
        assertEquals(List.of("4a8a08f09d37b73795649038408b5f33", "8277e0910d750195b448797616e091ad", "e1671797c52e15f763380b45e841ec32"),
                samples.column("etag"));
        assertEquals(List.of(dataset.id()), samples.unique("dataset_id"));
        assertEquals(List.of("vials"), samples.unique("dataset"));
        assertEquals(List.of(dataset.bucket()), samples.unique("bucket"));
        assertEquals(dataset.getSampleUri(root + "/good/0_1543413266626.bmp"), samples.get(0).get("url"));
    }

    @Test
    void writesExactlyWhatThePythonSdkWrites() throws Exception {
        Path root = dir.resolve("vials");
        file(root, "good/1.bmp", "one");
        file(root, "missing_cap/2.bmp", "two");
        file(root, "a;b/3.png", "three");
        file(root, ".annotations/good/1.bmp/ann.json", "{\"annotations\": []}");
        Dataset dataset = dataset("vials");
        Samples listed = dataset.getImageSamples(ImageSamples.options().annotations(Map.of("how", "left")).classMapping(Map.of("a;b", List.of("it's", "x\"y"))));
        Samples split = listed.withColumn("purpose", List.of("train", "devel", "train"));
        Captured<String> run = Captured.run(() -> dataset.saveSamples("train.csv", split));
        assertEquals(root.resolve(".samples/train.csv").toString(), run.value);
        assertTrue(run.err.contains("Saved 3 samples of dataset 'vials' to " + run.value), run.err);
        String written = Files.readString(root.resolve(".samples/train.csv"), StandardCharsets.UTF_8);
        assertEquals("category;path;etag;annotation_path;annotation_etag;reference;purpose\n"
                + "\"(\"\"it's\"\", 'x\"\"y')\";\"a;b/3.png\";" + md5("three") + ";;;N/A;train\n"
                + "('good',);good/1.bmp;" + md5("one") + ";.annotations/good/1.bmp/ann.json;" + md5("{\"annotations\": []}") + ";N/A;devel\n"
                + "('missing_cap',);missing_cap/2.bmp;" + md5("two") + ";;;N/A;train\n", written);

        Samples back = dataset.getSamples("train.csv");
        for (String column : split.columnNames()) {
            assertEquals(split.column(column), back.column(column), "round trip of column " + column);
        }
        assertEquals(split.columnNames(), back.columnNames(), "the listing's column order comes back");
    }

    @Test
    void readsACommaSeparatedFileAndSimplerCategoriesAndKeepsUnknownColumns() {
        Path root = dir.resolve("plain");
        file(root, "good/1.bmp", "one");
        file(root, ".samples/simple.csv", "path,category,score,comment\ngood/1.bmp,good,0.5,\"fine, really\"\n"
                + "good/1.bmp,\"['a', \"\"b\"\"]\",0.25,\n" + "good/1.bmp,a|b,1,\n" + "good/1.bmp,\"(\"\"a\"\", 'b',)\",1,\n");
        Captured<Samples> run;
        try {
            run = Captured.run(() -> dataset("plain").getSamples("simple.csv"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Samples samples = run.value;
        assertEquals(List.of("good", "a|b", "a|b", "a|b"), samples.column("category"));
        assertEquals(List.of("0.5", "0.25", "1", "1"), samples.column("score"));
        assertEquals("fine, really", samples.get(0).get("comment"));
        assertEquals(md5("one"), samples.get(0).etag(), "no etag column: the file's MD5");
        assertTrue(run.err.contains("Read 4 samples of dataset 'plain' from " + root.resolve(".samples/simple.csv")), run.err);
    }

    @Test
    void pythonTupleLiterals() {
        assertEquals("('good',)", PythonTuples.format(List.of("good")));
        assertEquals("('a', 'b')", PythonTuples.format(List.of("a", "b")));
        assertEquals("()", PythonTuples.format(List.of()));
        assertEquals("(\"it's\",)", PythonTuples.format(List.of("it's")));
        assertEquals("('say \"hi\" it\\'s',)", PythonTuples.format(List.of("say \"hi\" it's")));
        assertEquals("('tab\\there', 'back\\\\slash', 'nul\\x00', 'æøå', 'zero\\u200bwidth')",
                PythonTuples.format(List.of("tab\there", "back\\slash", "nul\0", "æøå", "zero\u200bwidth")));
        for (List<String> classes : List.of(List.of("good"), List.of("a", "b"), List.of("it's", "x\"y", "tab\there", "back\\slash",
                "nul\0", "æøå", "zero\u200bwidth", "😀"))) {
            assertEquals(classes, PythonTuples.parse(PythonTuples.format(classes)), "round trip of " + classes);
        }
        assertEquals(List.of("good"), PythonTuples.parse("('good')"));
        assertEquals(List.of("a", "b"), PythonTuples.parse("[\"a\", \"b\"]"));
        assertEquals(List.of("a", "b"), PythonTuples.parse(" ( 'a' , 'b' , ) "));
        assertEquals(List.of("good"), PythonTuples.parse("good"));
        assertEquals(List.of(), PythonTuples.parse(""));
        for (String bad : List.of("('good'", "('a' 'b')", "(good,)", "('a',) x", "('\\q',)", "('\\x4',)")) {
            assertThrows(IllegalArgumentException.class, () -> PythonTuples.parse(bad), bad);
        }
    }

    /** A sample file with one bad line, and what its error must say. */
    record Bad(String what, String csv, String... says) {
    }

    @Test
    void malformedFilesNameTheFileAndLine() {
        Path root = dir.resolve("bad");
        file(root, "good/1.bmp", "one");
        String header = "path;category;etag;bbox;size\n";
        String ok = "good/1.bmp;('good',);" + md5("one") + ";;\n";
        List<Bad> cases = List.of(
                new Bad("too many fields", header + ok + "good/1.bmp;('good',);x;;;extra\n", "line 3", "6 fields, the header 5"),
                new Bad("unclosed tuple", header + ok + ok + "good/1.bmp;('good';x;;\n", "line 4", "no closing )"),
                new Bad("path leaving the dataset", header + "../other/1.bmp;('good',);x;;\n", "line 2", "'../other/1.bmp' is outside dataset 'bad'"),
                new Bad("absolute path elsewhere", header + "/etc/passwd;('good',);x;;\n", "line 2", "'/etc/passwd' is outside"),
                new Bad("another bucket", header + "s3://other-bucket/x.bmp;('good',);x;;\n", "line 2", "outside"),
                new Bad("empty path", header + ";('good',);x;;\n", "line 2", "its path is empty"),
                new Bad("bbox of negative size", header + "good/1.bmp;('good',);x;[10, 10, 5, 20];\n", "line 2", "negative size"),
                new Bad("bbox of 3 numbers", header + "good/1.bmp;('good',);x;[1, 2, 3];\n", "line 2", "3 numbers"),
                new Bad("bbox not JSON", header + "good/1.bmp;('good',);x;(1, 2, 3, 4);\n", "line 2", "not a JSON array"),
                new Bad("bbox with text", header + "good/1.bmp;('good',);x;[1, \"a\", 3, 4];\n", "line 2", "holds a, not a number"),
                new Bad("negative size", header + "good/1.bmp;('good',);x;;[-1, 4]\n", "line 2", "negative"),
                new Bad("class with a bar", header + "good/1.bmp;('a|b',);x;;\n", "line 2", "'|'"),
                new Bad("no path column", "file;category\ngood/1.bmp;('good',)\n", "line 1", "no 'path' column"),
                new Bad("empty", "", "line 1", "it is empty"),
                new Bad("column twice", "path;path\na;b\n", "line 1", "'path' twice"),
                new Bad("unclosed quote", header + "\"good/1.bmp;('good',);x;;\n" + ok, "line 2", "unclosed"),
                new Bad("blank lines before a bad one", header + "\n" + ok + "\n\ngood/1.bmp;x\n", "line 6", "2 fields"));
        Dataset dataset = dataset("bad");
        for (Bad c : cases) {
            file(root, ".samples/list.csv", c.csv());
            SampleException e = assertThrows(SampleException.class, () -> dataset.getSamples("list.csv"), c.what());
            assertTrue(e.getMessage().startsWith("Sample file " + root.resolve(".samples/list.csv")), c.what() + ": " + e.getMessage());
            for (String s : c.says()) {
                assertTrue(e.getMessage().contains(s), c.what() + " should say '" + s + "': " + e.getMessage());
            }
        }
    }

    @Test
    void aMissingFileNamesTheSavedOnesAndTargetsStayInsideSamples() {
        Path root = dir.resolve("ds");
        file(root, "good/1.bmp", "one");
        file(root, ".samples/train.csv", "path;category\ngood/1.bmp;('good',)\n");
        Dataset dataset = dataset("ds");
        SampleException e = assertThrows(SampleException.class, () -> dataset.getSamples("test.csv"));
        assertTrue(e.getMessage().contains("Dataset 'ds' has no sample file 'test.csv'") && e.getMessage().contains("only [train.csv]"), e.getMessage());
        for (String target : List.of("../escape.csv", "/abs.csv", "a/../../b.csv", "", "dir/")) {
            assertThrows(IllegalArgumentException.class, () -> dataset.saveSamples(target, dataset.getImageSamples()), target);
            assertThrows(IllegalArgumentException.class, () -> dataset.getSamples(target), target);
        }
        assertTrue(Files.notExists(dir.resolve("escape.csv")) && Files.notExists(root.resolve("escape.csv")));
    }

    @Test
    void savingWritesOnlyThisDatasetsRowsAndNeverOverwritesWithNothing() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        file(a, "good/1.bmp", "one");
        file(b, "good/2.bmp", "two");
        Dataset da = dataset("a");
        Dataset db = dataset("b");
        Samples both = ImageSamples.options().list(List.of(da, db));
        da.saveSamples("all.csv", both);
        assertEquals(List.of(a + "/good/1.bmp"), da.getSamples("all.csv").column("path"));
        String before = Files.readString(a.resolve(".samples/all.csv"));

        SampleException none = assertThrows(SampleException.class, () -> da.saveSamples("all.csv", db.getImageSamples()));
        assertTrue(none.getMessage().contains("None of the 1 samples is of dataset 'a'") && none.getMessage().contains("nothing was written"),
                none.getMessage());
        Samples outside = da.getImageSamples().withColumn("annotation_path", List.of(b + "/.annotations/good/2.bmp.json"));
        SampleException foreign = assertThrows(SampleException.class, () -> da.saveSamples("all.csv", outside));
        assertTrue(foreign.getMessage().contains("is not inside dataset 'a'"), foreign.getMessage());
        assertEquals(before, Files.readString(a.resolve(".samples/all.csv")), "a refused save leaves the file as it was");

        ai.brevetti.platform.Datasets datasets = new ai.brevetti.platform.Datasets(List.of(da, db));
        assertEquals(2, datasets.saveSamples("split.csv", both).size());
        assertEquals(both.column("path"), datasets.getSamples("split.csv").column("path"));
    }
}
