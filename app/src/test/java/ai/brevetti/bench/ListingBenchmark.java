package ai.brevetti.bench;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.platform.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Listing a local dataset of 10,000 images with their MD5s ({@code getImageSamples}) next to
 * {@code md5sum} over the same files ({@code find -print0 | xargs -0 md5sum}) in the same run, page cache
 * warm for both. Target: at least 0.8× md5sum's files/s. Usage: {@code bin/bench ListingBenchmark [--files N]
 * [--size BYTES] [--rounds R]}.
 */
public final class ListingBenchmark {
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        BenchOptions options = new BenchOptions(Map.of("files", 10_000L, "size", 50_000L, "rounds", 3L), args);
        int files = options.integer("files");
        int size = options.integer("size");
        int rounds = options.integer("rounds");
        Path dir = Files.createTempDirectory("listing-bench-");
        try {
            write(dir, files, size);
            double mb = (double) files * size / 1e6;
            System.out.printf("ListingBenchmark: %,d files of %,d bytes (%.0f MB) in 10 folders, %d rounds after 1 warm-up, %d cores%n",
                    files, size, mb, rounds, Runtime.getRuntime().availableProcessors());
            Dataset dataset = Dataset.of("bench", dir.toString());
            dataset.getImageSamples();
            md5sum(dir);
            double[] ours = new double[rounds];
            double[] peer = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                Samples samples = dataset.getImageSamples();
                ours[r] = (System.nanoTime() - t0) / 1e9;
                if (samples.size() != files) {
                    throw new IllegalStateException("listed " + samples.size());
                }
                long t1 = System.nanoTime();
                md5sum(dir);
                peer[r] = (System.nanoTime() - t1) / 1e9;
            }
            double a = BenchOptions.median(ours);
            double b = BenchOptions.median(peer);
            System.out.printf("getImageSamples (list + MD5, parallel): %.3f s  %,.0f files/s  %,.0f MB/s%n", a, files / a, mb / a);
            System.out.printf("md5sum over the same files:             %.3f s  %,.0f files/s  %,.0f MB/s%n", b, files / b, mb / b);
            System.out.printf("ratio: %.2fx md5sum's speed (target >= 0.8x): %s%n", b / a, b / a >= 0.8 ? "met" : "MISSED");
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void write(Path dir, int files, int size) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        byte[] content = new byte[size];
        for (int i = 0; i < files; i++) {
            Path folder = dir.resolve("class" + (i % 10));
            Files.createDirectories(folder);
            for (int k = 0; k < size; k += 8) {
                long v = random.nextLong();
                for (int b = 0; b < 8 && k + b < size; b++) {
                    content[k + b] = (byte) (v >>> (8 * b));
                }
            }
            Files.write(folder.resolve(i + ".bmp"), content);
        }
    }

    private static void md5sum(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "find . -type f -print0 | xargs -0 md5sum > /dev/null").directory(dir.toFile())
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("md5sum failed");
        }
    }
}
