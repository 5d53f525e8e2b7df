package ai.brevetti.dsl;

import static ai.brevetti.dsl.Brevetti.augmenter;
import static ai.brevetti.dsl.Brevetti.buildImageDataGenerator;
import static ai.brevetti.dsl.Brevetti.imagePipeline;
import static ai.brevetti.dsl.Brevetti.job;
import static ai.brevetti.dsl.Brevetti.oneHot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.demo.DemoData;
import ai.brevetti.platform.JobArgs;
import ai.brevetti.platform.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The design brief's chain, end to end on a local job with demo images. */
class FluentChainTest {
    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        Brevetti.resetJob();
        JobArgs.clear();
    }

    private Path jobWithDemoData() throws Exception {
        Path images = DemoData.builder().items(6).size(64).write(dir.resolve("vials"));
        Path folder = Files.createDirectories(dir.resolve("job"));
        Files.writeString(folder.resolve("info.json"), """
                {"id": "chain-job", "name": "chain", "settings": {},
                 "datasets": [{"id": "ds-1", "name": "demo vials", "bucket": "%s"}]}
                """.formatted(images));
        return folder;
    }

    @Test
    void jobDatasetsFirstSamplesSplitGeneratorMapImagePipelineMapOneHot() throws Exception {
        Path folder = jobWithDemoData();
        DataGenerator generator = job("--job_dir", folder.toString()).datasets().first().samples().split().generator()
                .batchSize(8).map(imagePipeline(48, 48)).map(oneHot());
        Batch batch = generator.first();
        assertEquals("Tensor[8, 48, 48, 3]", batch.tensor("img").toString());
        assertEquals("Tensor[8, 3]", batch.tensor("onehot").toString());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : batch.tensor("img").data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= -1 && max <= 1 && max > min, "imagenet rescale: [-1, 1], got " + min + ".." + max);
        assertEquals(5, generator.length(), "36 samples in batches of 8");
        assertEquals("chain-job", job().id(), "job() is the current job");
        Samples split = job().datasets().first().samples().split();
        assertEquals(36, split.size());
        assertTrue(split.counts("purpose").get("train") > split.counts("purpose").get("devel"));
    }

    private static List<Tensor> images(DataGenerator g) {
        List<Tensor> out = new ArrayList<>();
        for (Batch b : g) {
            out.add(b.tensor("img"));
        }
        return out;
    }

    @Test
    void augmentedGenerationIsIdenticalTwiceAcrossInstancesAndThreadCounts() throws Exception {
        Samples samples = Dataset.of("vials", DemoData.builder().items(4).size(48).write(dir.resolve("v")).toString()).samples();
        DataGenerator g = buildImageDataGenerator(samples, null, imagePipeline(32, 32), augmenter(), 7).batchSize(8).shuffle(true);
        List<Tensor> first = images(g);
        assertEquals(first, images(g));
        assertEquals(first, images(buildImageDataGenerator(samples, null, imagePipeline(32, 32), augmenter(), 7).batchSize(8).shuffle(true)));
        assertEquals(first, images(g.workers(1)));
        assertEquals(first, images(g.workers(4)));
        assertNotEquals(first, images(buildImageDataGenerator(samples, null, imagePipeline(32, 32), augmenter(), 8).batchSize(8).shuffle(true)));
        Object pair = g.getDataset().iterator().next();
        assertEquals(2, ((List<?>) pair).size(), "(img, onehot)");
        FloatImage tiles = Brevetti.tile2d(first.get(0), 2, 4);
        assertEquals(64, tiles.height());
        assertEquals(128, tiles.width());
    }
}
