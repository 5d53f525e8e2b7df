package ai.brevetti.training;

import static ai.brevetti.dsl.Brevetti.augmenter;
import static ai.brevetti.dsl.Brevetti.buildImageDataGenerator;
import static ai.brevetti.dsl.Brevetti.imagePipeline;

import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.demo.DemoData;
import ai.brevetti.platform.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The tests' data: 24 demo vials of 32×32 (3 classes × 4 vials × 2 views), written once per JVM. */
final class TinyVials {
    static final int SIZE = 32;
    /** Small enough to train in milliseconds. */
    static final Cnn CNN = Cnn.builder().conv(8, 3).maxPool(2).conv(16, 3).maxPool(2).dense(16).build();

    private static Samples samples;

    private TinyVials() {}

    static synchronized Samples samples() {
        if (samples == null) {
            try {
                Path dir = Files.createTempDirectory("tiny-vials");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                samples = Dataset.of("vials", DemoData.builder().items(4).size(SIZE).write(dir).toString()).samples();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return samples;
    }

    static ImagePipeline pipeline() {
        return imagePipeline(SIZE, SIZE);
    }

    /** All the vials in batches of 8, shuffled, augmented or not. */
    static DataGenerator generator(long seed, boolean augment) {
        return buildImageDataGenerator(samples(), null, pipeline(), augment ? augmenter() : null, seed).batchSize(8).shuffle(true);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
