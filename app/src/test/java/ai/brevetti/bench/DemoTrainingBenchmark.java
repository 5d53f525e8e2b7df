package ai.brevetti.bench;

import static ai.brevetti.dsl.Brevetti.augmenter;
import static ai.brevetti.dsl.Brevetti.buildImageDataGenerator;
import static ai.brevetti.dsl.Brevetti.imagePipeline;

import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.image.augmentation.ImageAugmenter;
import ai.brevetti.data.image.augmentation.RandomTransformer;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.data.split.SampleSplit;
import ai.brevetti.demo.DemoData;
import ai.brevetti.platform.Dataset;
import ai.brevetti.training.Cnn;
import ai.brevetti.training.History;
import ai.brevetti.training.Optimizer;
import ai.brevetti.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo's training: {@code DemoData} vials (default 20 per class × 2 views, 96×96) resized to 64×64,
 * split 80/20 by folder with the views of a vial together, {@code Cnn.small()} with Adam 1e-3, batch 16, a
 * light augmentation (left-right flips, ±10° rotation, scale, shift, noise; no up-down flip: a vial's cap
 * is on top). For each seed: the first epoch with devel accuracy ≥ 0.9, the epoch from which it stays
 * there, the final devel accuracy and the times (the first epoch includes loading TensorFlow and building
 * the graph). Usage: {@code bin/bench DemoTrainingBenchmark [--seeds N] [--epochs E] [--items I] [--size S]
 * [--target T] [--batch B]}.
 */
public final class DemoTrainingBenchmark {
    /** The light augmentation the figures in docs/training.md use. */
    static ImageAugmenter lightAugmentation() {
        return augmenter().randomTransformer(new RandomTransformer().flipUpDown(false).rotate(10)).imageFilter(null);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        BenchOptions options = new BenchOptions(Map.of("seeds", 3L, "epochs", 20L, "items", 20L, "size", 96L, "target", 64L, "batch", 16L), args);
        int target = options.integer("target");
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("demo-training");
        Path images = DemoData.builder().items(options.integer("items")).size(options.integer("size")).write(dir.resolve("vials"));
        Samples samples = new SampleSplit().stratification(List.of("folder")).uniqueness("/(\\d*)_\\d*.bmp").seed(1)
                .assign(Dataset.of("vials", images.toString()).samples(), "train", "devel");
        Samples train = samples.purpose("train");
        Samples devel = samples.purpose("devel");
        System.out.printf("DemoTrainingBenchmark %s: %d train, %d devel images, data written and split in %.1f s%n", options,
                train.size(), devel.size(), (System.nanoTime() - start) / 1e9);
        for (int seed = 1; seed <= options.integer("seeds"); seed++) {
            DataGenerator trainGenerator = buildImageDataGenerator(train, null, imagePipeline(target, target), lightAugmentation(), seed)
                    .batchSize(options.integer("batch")).shuffle(true);
            DataGenerator develGenerator = buildImageDataGenerator(devel, null, imagePipeline(target, target), null, seed).batchSize(32);
            try (Trainer trainer = new Trainer(Cnn.small()).optimizer(Optimizer.adam(1e-3)).seed(seed).console(null)) {
                report(seed, trainer.fit(trainGenerator, develGenerator, options.integer("epochs")));
            }
        }
    }

    private static void report(int seed, History history) {
        List<Double> accuracy = history.values("val_accuracy");
        int first = 0;
        while (first < accuracy.size() && accuracy.get(first) < 0.9) {
            first++;
        }
        int stable = accuracy.size();
        while (stable > 0 && accuracy.get(stable - 1) >= 0.9) {
            stable--;
        }
        double later = history.epochs().stream().skip(1).mapToDouble(History.Epoch::seconds).average().orElse(Double.NaN);
        System.out.printf("seed %d: devel accuracy >= 0.9 first at epoch %s, from epoch %s on; final %.3f (loss %.3f); "
                        + "epoch 1 %.1f s, later epochs %.2f s each, all %.1f s%n", seed,
                first < accuracy.size() ? String.valueOf(first + 1) : "-", stable < accuracy.size() ? String.valueOf(stable + 1) : "-",
                accuracy.get(accuracy.size() - 1), history.values("val_loss").get(accuracy.size() - 1),
                history.epochs().get(0).seconds(), later, history.seconds());
    }
}
