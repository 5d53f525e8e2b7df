package ai.brevetti.bench;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.ImageDecoder;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.image.Resize;
import ai.brevetti.data.image.ResizeMethod;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.platform.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where {@code bench pipeline}'s time goes, stage by stage, on one thread: CPU time of this thread and bytes
 * allocated per image (medians over the timed rounds, each round over every file of the folder), so a busy
 * machine moves the figures little. Run {@code bin/brevettiai bench pipeline} once first (it generates the
 * images), then {@code bin/bench PipelineStagesBenchmark [--images target/bench-images] [--rounds 5]
 * [--format bmp|jpeg]}. The last lines run the benchmark's whole generator with one worker and with one per
 * core, and the decode-only ceiling as the benchmark runs it: the process's CPU time per image (all
 * threads: workers, consumer, GC, JIT) and the wall time per image times the threads.
 */
public final class PipelineStagesBenchmark {
    private static final int BATCH = 8;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final int rounds;
    private final int warmup;

    private PipelineStagesBenchmark(int rounds, int warmup) {
        this.rounds = rounds;
        this.warmup = warmup;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        Path images = Path.of("target", "bench-images");
        int rounds = 5;
        List<String> formats = List.of("bmp", "jpeg");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--images" -> images = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--format" -> formats = List.of(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "stage                                              us/image (cpu)   KB/image   load average %s%n",
                loadAverage());
        PipelineStagesBenchmark bench = new PipelineStagesBenchmark(rounds, 2);
        for (String format : formats) {
            bench.run(images.resolve(format), format.equals("jpeg"));
        }
        System.out.printf(Locale.ROOT, "load average %s%n", loadAverage());
    }

    private void run(Path folder, boolean jpeg) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("No images in " + folder + "; run bin/brevettiai bench pipeline once first");
        }
        List<byte[]> bytes = new ArrayList<>();
        for (Path f : files) {
            bytes.add(Files.readAllBytes(f));
        }
        int n = files.size();
        System.out.printf(Locale.ROOT, "%n%s: %d files%n", folder.getFileName(), n);
        stage("read the file", n, () -> files.forEach(PipelineStagesBenchmark::read));
        stage("decode", n, () -> bytes.forEach(b -> sink(ImageDecoder.decode(b))));
        stage("read + decode (the ceiling's work)", n, () -> files.forEach(f -> sink(ImageDecoder.decode(read(f)))));
        List<FloatImage> decoded = bytes.subList(0, Math.min(n, 100)).stream().map(ImageDecoder::decode).toList();
        stage("resize 64x64 antialias of a decoded image", decoded.size(),
                () -> decoded.forEach(d -> sink(Resize.resize(d, 64, 64, ResizeMethod.BILINEAR, true))));
        List<Boolean> variants = jpeg ? List.of(false, true) : List.of(false);
        for (boolean reduced : variants) {
            String tag = reduced ? " [reduced-scale JPEG]" : "";
            if (reduced) {
                stage("decode at reduced scale" + tag, n, () -> bytes.forEach(b -> sink(ImageDecoder.decode(b, 64, 64))));
            }
            ImagePipeline pipeline = PipelineBenchmark.imagePipeline(reduced);
            stage("load: read+decode+resize+rescale" + tag, n, () -> files.forEach(f -> sink(pipeline.load(f.toString()))));
            Samples samples = Dataset.of("bench", folder.toString()).samples();
            List<Batch> pathBatches = new ArrayList<>();
            for (Batch b : new DataGenerator(samples).batchSize(BATCH).shuffle(true).seed(1).workers(1).getSamples()) {
                pathBatches.add(b);
            }
            stage("ImagePipeline step (loads into a batch)" + tag, n, () -> pathBatches.forEach(b -> sink(pipeline.apply(b, random(b)))));
            if (reduced) {
                continue;
            }
            List<Batch> loaded = pathBatches.stream().map(b -> pipeline.apply(b, random(b))).toList();
            List<List<FloatImage>> perBatch = loaded.stream().map(PipelineStagesBenchmark::images).toList();
            stage("stacking a batch's images (FloatImage.stack)", n, () -> perBatch.forEach(list -> sink(FloatImage.stack(list))));
            BatchStep flips = PipelineBenchmark.flips();
            stage("augmenter (flips)", n, () -> loaded.forEach(b -> sink(flips.apply(b, random(b)))));
            BatchStep oneHot = OneHotEncoder.fromSamples().bind(samples);
            stage("one-hot", n, () -> loaded.forEach(b -> sink(oneHot.apply(b, random(b)))));
        }
        for (boolean reduced : variants) {
            generator(folder, reduced, 1);
            generator(folder, reduced, Runtime.getRuntime().availableProcessors());
        }
        ceiling(files);
    }

    /** The ceiling of {@code bench pipeline} (read + decode in a parallel stream): wall time per image × cores. */
    private void ceiling(List<Path> files) {
        int cores = Runtime.getRuntime().availableProcessors();
        double[] cpu = new double[rounds];
        double[] wall = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            long t0 = System.nanoTime();
            long c0 = OS.getProcessCpuTime();
            files.parallelStream().forEach(f -> sink(ImageDecoder.decode(read(f))));
            if (r >= 0) {
                cpu[r] = (OS.getProcessCpuTime() - c0) / 1e3 / files.size();
                wall[r] = (System.nanoTime() - t0) / 1e3 / files.size() * cores;
            }
        }
        System.out.printf(Locale.ROOT, "%-58s %8.1f           (wall x cores %.1f us/image, %d cores)%n",
                "ceiling (parallel read + decode), process cpu", median(cpu), median(wall), cores);
    }

    private static StepRandom random(Batch batch) {
        return new StepRandom(batch.position(0) * 31 + batch.epoch(), batch);
    }

    private static List<FloatImage> images(Batch batch) {
        Tensor t = batch.tensor("img");
        List<FloatImage> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            out.add(FloatImage.of(t, i));
        }
        return out;
    }

    private static byte[] read(Path f) {
        try {
            return sink(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generator of {@code bench pipeline}: process CPU time per image (all threads), wall time per image × workers. */
    private void generator(Path folder, boolean reduced, int workers) {
        Samples samples = Dataset.of("bench", folder.toString()).samples();
        DataGenerator generator = PipelineBenchmark.generator(samples, reduced).workers(workers);
        double[] cpu = new double[rounds];
        double[] wall = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            long t0 = System.nanoTime();
            long c0 = OS.getProcessCpuTime();
            int images = 0;
            for (Batch b : generator) {
                images += sink(b).size();
            }
            if (r >= 0) {
                cpu[r] = (OS.getProcessCpuTime() - c0) / 1e3 / images;
                wall[r] = (System.nanoTime() - t0) / 1e3 / images * workers;
            }
        }
        System.out.printf(Locale.ROOT, "%-58s %8.1f           (wall x workers %.1f us/image, %d workers)%n",
                "generator end to end, process cpu" + (reduced ? " [reduced-scale JPEG]" : ""), median(cpu), median(wall), workers);
    }

    private void stage(String name, int images, Runnable round) {
        double[] cpu = new double[rounds];
        double[] bytes = new double[rounds];
        long thread = Thread.currentThread().getId();
        for (int r = -warmup; r < rounds; r++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long a0 = THREADS.getThreadAllocatedBytes(thread);
            round.run();
            if (r >= 0) {
                cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e3 / images;
                bytes[r] = (THREADS.getThreadAllocatedBytes(thread) - a0) / 1024.0 / images;
            }
        }
        System.out.printf(Locale.ROOT, "%-58s %8.1f   %8.1f   (cpu per round: %s)%n", name, median(cpu), median(bytes),
                Arrays.toString(Arrays.stream(cpu).map(v -> Math.round(v * 10) / 10.0).toArray()));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static int sinkValue;

    private static <T> T sink(T value) {
        sinkValue += System.identityHashCode(value) & 1;
        return value;
    }
}
