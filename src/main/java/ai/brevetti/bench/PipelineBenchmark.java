package ai.brevetti.bench;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.NDBatches;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.image.ImageDecoder;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.image.augmentation.ImageAugmenter;
import ai.brevetti.data.image.augmentation.RandomTransformer;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.demo.DemoData;
import ai.brevetti.platform.Dataset;
import ai.djl.basicdataset.cv.classification.ImageFolder;
import ai.djl.modality.cv.transform.RandomFlipLeftRight;
import ai.djl.modality.cv.transform.Resize;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.ndarray.NDManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * {@code bin/brevettiai bench pipeline}: images per second of this project's data pipeline next to its
 * peers, measured in one run on the same image folders (1,800 images of 224×224 in 3 classes, as BMP and as
 * JPEG): (a) this pipeline: resize to 64×64 antialiased, random flips, imagenet rescale, batches of 8,
 * one-hot, on all cores; (b) DJL {@code ImageFolder} with Resize, RandomFlipLeftRight and ToTensor, batches
 * of 8, 2 loader threads, in this JVM on the TensorFlow engine; (c) decoding alone on all cores (the
 * ceiling); (d) torchvision {@code ImageFolder} + {@code DataLoader} with 2 workers, when Debian's
 * python3-torchvision is installed. Medians over the epochs after a warm-up epoch.
 */
public final class PipelineBenchmark {
    private final Path root;
    private final int epochs;
    private final PrintStream out;

    public PipelineBenchmark(Path root, int epochs, PrintStream out) {
        this.root = root;
        this.epochs = epochs;
        this.out = out;
    }

    /** One peer's figures. */
    record Result(String name, double[] imagesPerSecond, String note) {
        double median() {
            double[] v = imagesPerSecond.clone();
            Arrays.sort(v);
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    public void run() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Path bmp = ensureImages(root.resolve("bmp"), "bmp");
        Path jpeg = ensureImages(root.resolve("jpeg"), "jpeg");
        out.printf(Locale.ROOT, "bench pipeline: %d images of 224x224 per format, %d timed epochs after 1 warm-up, %d cores%n",
                countImages(bmp), epochs, cores);
        for (Path folder : List.of(bmp, jpeg)) {
            String format = folder.getFileName().toString().toUpperCase(Locale.ROOT);
            List<Result> results = new ArrayList<>();
            results.add(ours(folder));
            if (format.equals("JPEG")) {
                results.add(ours(folder, true));
            }
            results.add(djl(folder));
            results.add(decodeOnly(folder));
            torchvision(folder).ifPresent(results::add);
            report(format, results);
        }
        out.printf(Locale.ROOT, "peak memory of this JVM (VmHWM): %d MB%n", peakKilobytes() / 1024);
    }

    private static int countImages(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return (int) files.filter(Files::isRegularFile).count();
        }
    }

    private Path ensureImages(Path folder, String format) throws IOException {
        DemoData data = DemoData.builder().size(224).items(300).views(2).seed(11);
        if (Files.isDirectory(folder) && countImages(folder) == data.count()) {
            return folder;
        }
        Path staging = Files.createDirectories(root).resolve("bmp-staging");
        if (!Files.isDirectory(staging) || countImages(staging) != data.count()) {
            data.write(staging);
        }
        try (Stream<Path> files = Files.walk(staging)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = folder.resolve(staging.relativize(file).toString().replace(".bmp", "." + format));
                Files.createDirectories(target.getParent());
                if (format.equals("bmp")) {
                    Files.copy(file, target);
                } else {
                    ImageIO.write(ImageIO.read(file.toFile()), "jpeg", target.toFile());
                }
            }
        }
        return folder;
    }

    private Result ours(Path folder) {
        return ours(folder, false);
    }

    private Result ours(Path folder, boolean reducedJpeg) {
        Samples samples = Dataset.of("bench", folder.toString()).samples();
        DataGenerator generator = generator(samples, reducedJpeg).repeat(epochs + 1);
        int perEpoch = samples.size();
        double[] rates = new double[epochs];
        int seen = 0;
        long start = System.nanoTime();
        for (Batch batch : generator) {
            seen += batch.size();
            if (seen % perEpoch == 0) {
                int epoch = seen / perEpoch - 1;
                long now = System.nanoTime();
                if (epoch > 0) {
                    rates[epoch - 1] = perEpoch / ((now - start) / 1e9);
                }
                start = now;
            }
        }
        return new Result(reducedJpeg ? "brevettiai, JPEG reduced-scale decode" : "brevettiai pipeline (all cores)", rates,
                "resize 64 antialias + flips + imagenet + one-hot" + (reducedJpeg ? "; JPEG decoded at 1/s scale first (inexact)" : ""));
    }

    /** The benchmark's generator over {@code samples} (one epoch; batches of 8, shuffled, seed 1, all cores). */
    static DataGenerator generator(Samples samples, boolean reducedJpeg) {
        return new DataGenerator(samples).batchSize(8).shuffle(true).seed(1)
                .map(imagePipeline(reducedJpeg)).map(flips()).map(OneHotEncoder.fromSamples());
    }

    /** Resize to 64×64 with antialias, imagenet rescale. */
    static ImagePipeline imagePipeline(boolean reducedJpeg) {
        return new ImagePipeline().targetSize(64, 64).antialias(true).rescale("imagenet").jpegReducedScale(reducedJpeg);
    }

    /** Random left-right flips (chance 0.5 × 0.5) and nothing else. */
    static ImageAugmenter flips() {
        return new ImageAugmenter().randomTransformer(new RandomTransformer().flipUpDown(false)
                .rotateChance(0).scale(0).shear(0).translateHorizontal(0).translateVertical(0))
                .imageNoise(null).imageFilter(null);
    }

    private Result djl(Path folder) throws Exception {
        ExecutorService loaders = Executors.newFixedThreadPool(2);
        String note = "Resize + RandomFlipLeftRight + ToTensor, 2 loader threads, TensorFlow engine";
        try (NDManager manager = NDBatches.newManager()) {
            ImageFolder.Builder builder = ImageFolder.builder().setRepositoryPath(folder).optMaxDepth(5)
                    .addTransform(new Resize(64, 64));
            String flips = flipCheck(manager);
            builder.addTransform(new RandomFlipLeftRight());
            ImageFolder dataset = builder.addTransform(new ToTensor()).setSampling(8, true).build();
            dataset.prepare();
            double[] rates = new double[epochs];
            for (int e = 0; e <= epochs; e++) {
                long t0 = System.nanoTime();
                long n = 0;
                for (ai.djl.training.dataset.Batch batch : dataset.getData(manager, loaders)) {
                    n += batch.getSize();
                    batch.close();
                }
                if (e > 0) {
                    rates[e - 1] = n / ((System.nanoTime() - t0) / 1e9);
                }
            }
            return new Result("DJL ImageFolder", rates, note + "; " + flips);
        } finally {
            loaders.shutdownNow();
        }
    }

    /** What DJL's random flip does here: 40 tries on an asymmetric image, counting the flipped outputs. */
    private static String flipCheck(NDManager manager) {
        try (NDManager sub = manager.newSubManager()) {
            ai.djl.ndarray.NDArray image = sub.arange(0f, 12f).reshape(1, 4, 3);
            int flipped = 0;
            for (int i = 0; i < 40; i++) {
                if (!new RandomFlipLeftRight().transform(image).contentEquals(image)) {
                    flipped++;
                }
            }
            return flipped == 0 ? "its RandomFlipLeftRight never flipped in 40 tries, so it is no augmentation here"
                    : "RandomFlipLeftRight flipped " + flipped + " of 40";
        } catch (RuntimeException e) {
            return "RandomFlipLeftRight fails on this engine: " + e.getClass().getSimpleName();
        }
    }

    private Result decodeOnly(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        double[] rates = new double[epochs];
        for (int e = 0; e <= epochs; e++) {
            long t0 = System.nanoTime();
            long checksum = files.parallelStream().mapToLong(f -> {
                try {
                    return ImageDecoder.decode(Files.readAllBytes(f)).data().length;
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }).sum();
            if (checksum == 0) {
                throw new IllegalStateException("nothing decoded");
            }
            if (e > 0) {
                rates[e - 1] = files.size() / ((System.nanoTime() - t0) / 1e9);
            }
        }
        return new Result("decode only (all cores, ceiling)", rates, "ImageDecoder, the decoder the pipeline uses");
    }

    private java.util.Optional<Result> torchvision(Path folder) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || new ProcessBuilder(python.toString(), "-c", "import torchvision").start().waitFor() != 0) {
            out.println("  (torchvision: not installed; apt-get install python3-torchvision to compare)");
            return java.util.Optional.empty();
        }
        Path script = Files.createTempFile("torchvision_bench", ".py");
        try (InputStream in = PipelineBenchmark.class.getResourceAsStream("torchvision_bench.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(python.toString(), script.toString(), folder.toString(), String.valueOf(epochs + 1), "2")
                .redirectErrorStream(true).start();
        List<Double> rates = new ArrayList<>();
        long peak = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] parts = line.split(" ");
                if (parts[0].equals("epoch")) {
                    rates.add(Double.parseDouble(parts[2]) / Double.parseDouble(parts[1]));
                } else if (parts[0].equals("peak_kb")) {
                    peak = Long.parseLong(parts[1]);
                }
            }
        }
        p.waitFor();
        Files.deleteIfExists(script);
        if (rates.size() < 2) {
            out.println("  (torchvision: the run failed)");
            return java.util.Optional.empty();
        }
        double[] timed = rates.subList(1, rates.size()).stream().mapToDouble(Double::doubleValue).toArray();
        return java.util.Optional.of(new Result("torchvision ImageFolder+DataLoader", timed,
                "2 workers, Resize antialias + RandomHorizontalFlip + ToTensor + Normalize; peak " + peak / 1024 + " MB"));
    }

    private void report(String format, List<Result> results) {
        double ours = results.get(0).median();
        out.printf(Locale.ROOT, "%n%s%n", format);
        for (Result r : results) {
            out.printf(Locale.ROOT, "  %-36s %8.0f img/s  (%s)  ours/this = %.2fx%n", r.name(), r.median(),
                    String.join(", ", Arrays.stream(r.imagesPerSecond()).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).toList()),
                    ours / r.median());
            out.printf(Locale.ROOT, "  %-36s %s%n", "", r.note());
        }
    }

    private static long peakKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}
