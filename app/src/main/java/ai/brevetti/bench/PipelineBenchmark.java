package ai.brevetti.bench;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.image.ImageDecoder;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.image.augmentation.ImageAugmenter;
import ai.brevetti.data.image.augmentation.RandomTransformer;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.demo.DemoData;
import ai.brevetti.platform.Dataset;
import ai.brevetti.training.NDBatches;
import ai.djl.basicdataset.cv.classification.ImageFolder;
import ai.djl.modality.cv.transform.RandomFlipLeftRight;
import ai.djl.modality.cv.transform.Resize;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
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
 * one-hot, on all cores, and for JPEG also with {@code jpegReducedScale}; (b) decoding alone on all cores
 * with the decoder each variant uses (the ceilings), and for BMP ImageIO's reader alone, for comparison (the
 * decoder of the reference figures; JPEG goes through libjpeg-turbo or ImageIO, as
 * {@link ImageDecoder#jpegDecoder()} says, printed first); (c) DJL {@code ImageFolder} with Resize,
 * RandomFlipLeftRight and ToTensor, batches of 8, 2 loader threads, in this JVM on the TensorFlow engine;
 * (d) torchvision {@code ImageFolder} + {@code DataLoader} with 2 workers, when Debian's
 * python3-torchvision is installed. This pipeline's variants and the ceilings run interleaved, one epoch
 * each per round (the order rotating), so a load that comes and goes hits them alike; their ratio is the
 * median of the per-round ratios. Medians over the rounds after a warm-up round; {@link PipelineTargets}
 * says which targets are met.
 */
public final class PipelineBenchmark {
    private final Path root;
    private static final double JIT_SETTLED = 0.05;
    private static final int MAX_WARMUP = 10;

    private final int epochs;
    private final int warmup;
    private final boolean peers;
    private final PrintStream out;

    /**
     * @param warmup warm-up rounds before the {@code epochs} timed ones; negative: until the JIT settles
     * @param peers DJL and torchvision too (otherwise this pipeline and the decode-only ceilings alone)
     */
    public PipelineBenchmark(Path root, int epochs, int warmup, boolean peers, PrintStream out) {
        this.root = root;
        this.epochs = epochs;
        this.warmup = warmup;
        this.peers = peers;
        this.out = out;
    }

    public void run() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Path bmp = ensureImages(root.resolve("bmp"), "bmp");
        Path jpeg = ensureImages(root.resolve("jpeg"), "jpeg");
        out.printf(Locale.ROOT, "bench pipeline: %d images of 224x224 per format, %d timed rounds after %s, %d cores, load average %s%n",
                countImages(bmp), epochs, warmup >= 0 ? warmup + " warm-up rounds" : "warm-up rounds until the JIT settles",
                cores, BenchResult.loadAverage());
        out.printf(Locale.ROOT, "JPEG decoder: %s (set with -Dbrevettiai.jpeg or BREVETTIAI_JPEG: auto, turbo, imageio)%n",
                ImageDecoder.jpegDecoder());
        for (Path folder : List.of(bmp, jpeg)) {
            String format = folder.getFileName().toString().toUpperCase(Locale.ROOT);
            List<BenchResult> results = new ArrayList<>(interleaved(folder, format.equals("JPEG")));
            if (peers) {
                results.add(djl(folder));
                torchvision(folder).ifPresent(results::add);
            }
            report(format, results);
            new PipelineTargets(format, results).print(out);
        }
        out.printf(Locale.ROOT, "%npeak memory of this JVM (VmHWM): %d MB; load average %s%n", peakKilobytes() / 1024,
                BenchResult.loadAverage());
    }

    private static int countImages(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return (int) files.filter(Files::isRegularFile).count();
        }
    }

    /** The bench images in {@code folder} (made from the BMP staging folder when missing; also for bench training). */
    Path ensureImages(Path folder, String format) throws IOException {
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

    /** One epoch of a variant; returns the images it went through. */
    private interface Epoch {
        int run();
    }

    private record Variant(String name, String note, Epoch epoch) {}

    /** This pipeline and the decode-only ceilings, one epoch each per round, the order rotating every round. */
    private List<BenchResult> interleaved(Path folder, boolean jpeg) throws IOException {
        Samples samples = Dataset.of("bench", folder.toString()).samples();
        List<Path> files = imageFiles(folder);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(BenchResult.OURS, "resize 64 antialias + flips + imagenet + one-hot",
                () -> oursEpoch(samples, false)));
        String decoder = jpeg ? " (" + ImageDecoder.jpegDecoder() + ")" : "";
        variants.add(new Variant(BenchResult.CEILING, "ImageDecoder" + decoder + ", the decoder the pipeline uses",
                () -> decodeEpoch(files, false)));
        if (jpeg) {
            variants.add(new Variant(BenchResult.OURS_REDUCED, "the same with jpegReducedScale: JPEG decoded at a reduced scale first (inexact)",
                    () -> oursEpoch(samples, true)));
            variants.add(new Variant(BenchResult.CEILING_REDUCED, "ImageDecoder.decode(bytes, 64, 64)" + decoder
                    + ", the decoder of jpegReducedScale", () -> decodeEpoch(files, true)));
        } else {
            variants.add(new Variant(BenchResult.IMAGEIO_BMP, "ImageIO.read to a BufferedImage, as the issue's reference figures; "
                    + "for comparison, not a decoder the pipeline uses", () -> imageIoEpoch(files)));
        }
        int n = variants.size();
        int warmups = warmUp(() -> variants.forEach(v -> v.epoch().run()));
        double[][] wall = new double[n][epochs];
        double[][] cpu = new double[n][epochs];
        for (int round = 0; round < epochs; round++) {
            for (int k = 0; k < n; k++) {
                int v = (k + round) % n;
                long t0 = System.nanoTime();
                long c0 = processCpuNanos();
                int images = variants.get(v).epoch().run();
                wall[v][round] = images / ((System.nanoTime() - t0) / 1e9);
                cpu[v][round] = images / ((processCpuNanos() - c0) / 1e9);
            }
        }
        List<BenchResult> results = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            Variant variant = variants.get(v);
            results.add(new BenchResult(variant.name(), wall[v], cpu[v], variant.note() + "; " + warmups + " warm-up rounds"));
        }
        return results;
    }

    /**
     * Runs warm-up rounds: {@code warmup} of them, or when it is negative, until a round spends less than
     * {@value #JIT_SETTLED} of its time in the JIT compilers (the pipeline's code takes several epochs to
     * be compiled, which on 2 cores slows the early epochs), at most {@value #MAX_WARMUP}. Returns how many ran.
     */
    private int warmUp(Runnable round) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int rounds = 0;
        while (true) {
            long t0 = System.nanoTime();
            long compiled = jit.getTotalCompilationTime();
            round.run();
            rounds++;
            double share = (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - t0) / 1e6);
            boolean done = warmup >= 0 ? rounds >= warmup : share < JIT_SETTLED || rounds >= MAX_WARMUP;
            if (done) {
                return rounds;
            }
        }
    }

    private static int oursEpoch(Samples samples, boolean reducedJpeg) {
        int images = 0;
        for (Batch batch : generator(samples, reducedJpeg)) {
            images += batch.size();
        }
        return images;
    }

    /** Decodes one file; returns how many values (or pixels) it gave, so the work cannot be skipped. */
    private interface Decode {
        long values(Path file) throws IOException;
    }

    /** Every file through {@code decode} on all cores (a parallel stream); returns the files' count. */
    private static int decodeAll(List<Path> files, Decode decode) {
        long checksum = files.parallelStream().mapToLong(f -> {
            try {
                return decode.values(f);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }).sum();
        if (checksum == 0) {
            throw new IllegalStateException("nothing decoded");
        }
        return files.size();
    }

    private static int decodeEpoch(List<Path> files, boolean reducedJpeg) {
        return decodeAll(files, f -> {
            byte[] bytes = Files.readAllBytes(f);
            return (reducedJpeg ? ImageDecoder.decode(bytes, 64, 64) : ImageDecoder.decode(bytes)).data().length;
        });
    }

    /**
     * ImageIO's decode of every file on all cores ({@code ImageIO.read(File)}, which reads the file without
     * a cache, to a {@code BufferedImage}; no float conversion).
     */
    private static int imageIoEpoch(List<Path> files) {
        return decodeAll(files, f -> {
            BufferedImage image = ImageIO.read(f.toFile());
            return (long) image.getWidth() * image.getHeight();
        });
    }

    private static List<Path> imageFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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

    private BenchResult djl(Path folder) throws Exception {
        ExecutorService loaders = Executors.newFixedThreadPool(2);
        String note = "Resize + RandomFlipLeftRight + ToTensor, 2 loader threads, TensorFlow engine";
        try (NDManager manager = NDBatches.newManager()) {
            ImageFolder.Builder builder = ImageFolder.builder().setRepositoryPath(folder).optMaxDepth(5)
                    .addTransform(new Resize(64, 64));
            String flips = flipCheck(manager);
            builder.addTransform(new RandomFlipLeftRight());
            ImageFolder dataset = builder.addTransform(new ToTensor()).setSampling(8, true).build();
            dataset.prepare();
            int warmups = warmUp(() -> djlEpoch(dataset, manager, loaders));
            double[] rates = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                long t0 = System.nanoTime();
                long n = djlEpoch(dataset, manager, loaders);
                rates[e] = n / ((System.nanoTime() - t0) / 1e9);
            }
            return new BenchResult(BenchResult.DJL, rates, null, note + "; " + flips + "; " + warmups
                    + " warm-up epochs; load average after " + BenchResult.loadAverage());
        } finally {
            loaders.shutdownNow();
        }
    }

    private static long djlEpoch(ImageFolder dataset, NDManager manager, ExecutorService loaders) {
        long n = 0;
        try {
            for (ai.djl.training.dataset.Batch batch : dataset.getData(manager, loaders)) {
                n += batch.getSize();
                batch.close();
            }
        } catch (IOException | ai.djl.translate.TranslateException e) {
            throw new IllegalStateException("DJL could not load the images: " + e.getMessage(), e);
        }
        return n;
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
            return flipped == 0 ? "NOTE: its RandomFlipLeftRight never flipped in 40 tries, so DJL does no flips here"
                    : "RandomFlipLeftRight flipped " + flipped + " of 40";
        } catch (RuntimeException e) {
            return "RandomFlipLeftRight fails on this engine: " + e.getClass().getSimpleName();
        }
    }

    private java.util.Optional<BenchResult> torchvision(Path folder) throws Exception {
        if (!DebianPython.has("torchvision")) {
            out.println("  (torchvision: not installed; apt-get install python3-torchvision to compare)");
            return java.util.Optional.empty();
        }
        Path script = DebianPython.extract(Files.createTempDirectory("torchvision_bench"), "torchvision_bench.py").resolve("torchvision_bench.py");
        Process p = new ProcessBuilder(DebianPython.PYTHON.toString(), script.toString(), folder.toString(), String.valueOf(epochs + 1), "2")
                .redirectErrorStream(true).start();
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        long peak = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] parts = line.split(" ");
                if (parts[0].equals("epoch")) {
                    rates.add(Double.parseDouble(parts[2]) / Double.parseDouble(parts[1]));
                    if (parts.length > 3) {
                        cpuRates.add(Double.parseDouble(parts[2]) / Double.parseDouble(parts[3]));
                    }
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
        // images per CPU-second of the script and its workers (all processes), as for this pipeline
        double[] cpu = cpuRates.size() == rates.size()
                ? cpuRates.subList(1, cpuRates.size()).stream().mapToDouble(Double::doubleValue).toArray() : null;
        return java.util.Optional.of(new BenchResult(BenchResult.TORCHVISION, timed, cpu,
                "2 workers, Resize antialias + RandomHorizontalFlip + ToTensor + Normalize; peak " + peak / 1024 + " MB; load average after "
                        + BenchResult.loadAverage()));
    }

    private void report(String format, List<BenchResult> results) {
        double ours = results.get(0).median();
        out.printf(Locale.ROOT, "%n%s (load average %s)%n", format, BenchResult.loadAverage());
        for (BenchResult r : results) {
            String cpu = r.imagesPerCpuSecond() == null ? "" : String.format(Locale.ROOT, "; %.0f img per CPU-second", r.cpuMedian());
            out.printf(Locale.ROOT, "  %-38s %8.0f img/s  (%s%s)  ours/this = %.2fx%n", r.name(), r.median(),
                    String.join(", ", Arrays.stream(r.imagesPerSecond()).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).toList()),
                    cpu, ours / r.median());
            out.printf(Locale.ROOT, "  %-38s %s%n", "", r.note());
        }
    }

    /** The peak resident memory of this JVM (VmHWM), or 0 off Linux. */
    static long peakKilobytes() {
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
