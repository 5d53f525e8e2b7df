package ai.brevetti.data.samples;

import static ai.brevetti.testing.Folders.file;
import static ai.brevetti.testing.Folders.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.platform.Dataset;
import ai.brevetti.testing.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing local datasets into sample tables. */
class ImageSamplesTest {
    @TempDir
    Path dir;

    private Path vials() {
        Path root = dir.resolve("vials");
        file(root, "good/1.bmp", "good one");
        file(root, "good/2.PNG", "good two");
        file(root, "good/notes.txt", "not an image");
        file(root, "good/.hidden.bmp", "hidden");
        file(root, ".cache/3.bmp", "hidden folder");
        file(root, "missing_cap/4.jpeg", "missing one");
        file(root, "missing_cap/5.tiff", "good one");
        file(root, "root.tif", "at the root");
        return root;
    }

    @Test
    void listsImagesWithTheColumnsAndValuesOfThePythonSdk() throws Exception {
        Dataset dataset = Dataset.of("NeurIPS vials TRAIN", vials().toString());
        Captured<Samples> run = Captured.run(dataset::getImageSamples);
        Samples samples = run.value;
        assertEquals(List.of("category", "folder", "path", "etag", "bucket", "dataset", "dataset_id", "reference", "url"),
                samples.columnNames());
        assertEquals(5, samples.size());
        // a folder is on no platform: its page is the folder, no platform.brevetti.ai link
        assertTrue(run.err.contains("INFO ai.brevetti.platform.Dataset - Getting image samples from dataset 'NeurIPS vials TRAIN' ["
                + dataset.bucket() + "]"), run.err);
        assertFalse(run.err.contains("platform.brevetti.ai"), run.err);
        assertTrue(run.err.contains("Contents: {good: 2, missing_cap: 2, __root__: 1}"), run.err);

        Sample first = samples.get(0);
        assertEquals(List.of("good"), first.category());
        assertEquals("good", first.folder());
        assertEquals(dir.resolve("vials/good/1.bmp").toString(), first.path());
        assertEquals(md5("good one"), first.etag());
        assertEquals("N/A", first.get("reference"));
        assertEquals("NeurIPS vials TRAIN", first.get("dataset"));
        assertEquals(dataset.id(), first.get("dataset_id"));
        assertEquals(dataset.bucket(), first.get("bucket"));
        assertEquals(first.path(), first.get("url"), "a folder's file is its own link");
        assertEquals(first.path(), dataset.getSampleUri(first.path()));
        Dataset onPlatform = dataset.bind(dataset.io(), "https://platform.brevetti.ai");
        assertEquals("https://platform.brevetti.ai/data/" + dataset.id(), onPlatform.getUri(), "bound to a platform: its links");
        assertTrue(onPlatform.getSampleUri(first.path()).startsWith("https://platform.brevetti.ai/download?path=%2F"));
        assertEquals(List.of("__root__"), samples.where("folder", "__root__").get(0).category());
        assertEquals(samples.get(0).etag(), samples.where(s -> s.path().endsWith("5.tiff")).get(0).etag(),
                "the same bytes give the same etag");
    }

    @Test
    void classMappingWalksFromLeafToRootAndMayGiveSeveralClasses() {
        Path root = dir.resolve("mapped");
        file(root, "A/1/x.bmp", "x");
        file(root, "A/2/y.bmp", "y");
        file(root, "B/z.bmp", "z");
        file(root, "both/w.bmp", "w");
        file(root, "other/v.bmp", "v");
        Samples samples = Dataset.of("mapped", root.toString()).getImageSamples(ImageSamples.options()
                .classMapping(Map.of("A", List.of("Tilted"), "B", "Tilted", "1", List.of("Crimp"), "both", List.of("Crimp", "Tilted"))));
        Map<String, List<String>> byName = new java.util.HashMap<>();
        for (Sample s : samples) {
            byName.put(Path.of(s.path()).getFileName().toString(), s.category());
        }
        assertEquals(List.of("Crimp"), byName.get("x.bmp"), "the leaf folder's mapping wins");
        assertEquals(List.of("Tilted"), byName.get("y.bmp"));
        assertEquals(List.of("Tilted"), byName.get("z.bmp"));
        assertEquals(List.of("Crimp", "Tilted"), byName.get("w.bmp"));
        assertEquals(List.of("other"), byName.get("v.bmp"));
        assertEquals("Crimp|Tilted", samples.where(s -> s.path().endsWith("w.bmp")).get(0).get("category"));
        assertEquals(List.of("Crimp", "Tilted", "other"), samples.classes());

        Samples onlyTilted = Dataset.of("mapped", root.toString()).getImageSamples(ImageSamples.options()
                .classMapping(Map.of("both", List.of("Crimp", "Tilted"))).classes(List.of("Tilted", "other")));
        assertEquals(2, onlyTilted.size());
        assertEquals(List.of("Tilted"), onlyTilted.where(s -> s.path().endsWith("w.bmp")).get(0).category());

        Samples full = Dataset.of("mapped", root.toString()).getImageSamples(ImageSamples.options().fullPath(true));
        assertEquals("A/1", full.get(0).folder());
    }

    @Test
    void badDatasetsFailClearly() {
        Path empty = dir.resolve("empty");
        file(empty, "readme.txt", "no images");
        SampleException none = assertThrows(SampleException.class, () -> Dataset.of("empty one", empty.toString()).getImageSamples());
        assertTrue(none.getMessage().startsWith("Dataset 'empty one' [" + empty + "] holds no images (.bmp .png .jpg .jpeg .tif .tiff)"),
                none.getMessage());
        SampleException missing = assertThrows(SampleException.class,
                () -> Dataset.of("gone", dir.resolve("gone").toString()).getImageSamples());
        assertEquals("Dataset 'gone': its folder '" + dir.resolve("gone") + "' does not exist", missing.getMessage());
    }

    @Test
    void anUnreadableFileIsReportedAndTheListingContinues() throws Exception {
        Path root = vials();
        Files.createSymbolicLink(root.resolve("good/broken.bmp"), Path.of("/proc/self/mem"));
        Captured<Samples> run = Captured.run(() -> Dataset.of("vials", root.toString()).getImageSamples());
        assertEquals(5, run.value.size());
        assertTrue(run.err.contains("Skipping a sample that cannot be read: Cannot compute the MD5 of '" + root.resolve("good/broken.bmp")),
                run.err);
    }

    @Test
    void severalDatasetsListInParallelAndConcatenate() {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        file(a, "good/1.bmp", "1");
        file(b, "bad/2.bmp", "2");
        file(b, "bad/3.bmp", "3");
        Dataset da = Dataset.of("a", a.toString());
        Dataset db = Dataset.of("b", b.toString());
        Samples both = ImageSamples.options().list(List.of(da, db));
        assertEquals(3, both.size());
        assertEquals(Map.of("a", 1, "b", 2), both.counts("dataset"));
        List<String> ids = both.unique("dataset_id");
        assertEquals(ids.stream().sorted().toList(), ids, "datasets in id order");
    }

    @Test
    void samplesOperationsReturnNewSamples() {
        Samples samples = Dataset.of("vials", vials().toString()).getImageSamples();
        assertEquals(2, samples.head(2).size());
        assertEquals(5, samples.size());
        assertEquals(Map.of(List.of("good", "good"), 2, List.of("missing_cap", "missing_cap"), 2, List.of("__root__", "__root__"), 1),
                samples.counts("category", "folder"));
        assertEquals(List.of("good", "missing_cap", "__root__"), samples.unique("folder"));
        Samples sorted = samples.sortBy("folder");
        assertEquals("__root__", sorted.get(0).folder());
        Samples tagged = samples.withColumn("purpose", java.util.Collections.nCopies(5, "train"));
        assertFalse(samples.has("purpose"));
        assertEquals("train", tagged.get(3).purpose().orElseThrow());
        String text = samples.toString();
        assertTrue(text.startsWith("Samples[5 rows]\n"), text);
        assertTrue(text.contains("..."), "long paths are shortened");
        assertTrue(samples.toHtml(2).contains("<th>category</th>") && samples.toHtml(2).contains("5 rows"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> samples.column("nope"));
        assertTrue(e.getMessage().startsWith("No column 'nope' in the samples"), e.getMessage());
    }
}
