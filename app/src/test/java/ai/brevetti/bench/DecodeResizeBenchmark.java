package ai.brevetti.bench;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.ImageDecoder;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.image.Resize;
import ai.brevetti.data.image.ResizeMethod;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Images per second, single thread, median of 5 rounds (after 2 warm-up rounds), for decoding 300
 * random-ish 224×224 RGB images as BMP and JPEG and resizing them to 64×64 (bilinear, antialias).
 * Two figures per line: by wall-clock time and by the thread's CPU time (steadier on a busy machine).
 * Run after {@code mvn test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}:
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) ai.brevetti.bench.DecodeResizeBenchmark}.
 */
public final class DecodeResizeBenchmark {
    private static final int IMAGES = 300;
    private static final int SIZE = 224;
    private static final int TARGET = 64;
    private static final int ROUNDS = 5;
    private static final int WARMUP = 2;

    private DecodeResizeBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("decode-bench");
        List<byte[]> bmp = new ArrayList<>();
        List<byte[]> jpeg = new ArrayList<>();
        List<String> bmpPaths = new ArrayList<>();
        List<String> jpegPaths = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < IMAGES; i++) {
            BufferedImage image = picture(random);
            bmp.add(encode(image, "bmp"));
            jpeg.add(encode(image, "jpeg"));
            bmpPaths.add(Files.write(dir.resolve(i + ".bmp"), bmp.get(i)).toString());
            jpegPaths.add(Files.write(dir.resolve(i + ".jpg"), jpeg.get(i)).toString());
        }
        System.out.printf("%d images %dx%d RGB in %s: BMP %d KB, JPEG %.1f KB each; JVM %s, %d cores%n", IMAGES, SIZE, SIZE, dir,
                bmp.get(0).length / 1024, jpeg.stream().mapToInt(b -> b.length).average().orElse(0) / 1024,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        for (String format : List.of("BMP", "JPEG")) {
            List<byte[]> files = format.equals("BMP") ? bmp : jpeg;
            report(format + "  ImageIO.read (BufferedImage only)", files, DecodeResizeBenchmark::imageIoRead);
            report(format + "  ImageDecoder.decodeWithImageIO", files, ImageDecoder::decodeWithImageIO);
            report(format + "  ImageDecoder.decode", files, ImageDecoder::decode);
            report(format + "  decode + resize 64x64 bilinear antialias", files,
                    b -> Resize.resize(ImageDecoder.decode(b), TARGET, TARGET, ResizeMethod.BILINEAR, true));
            if (format.equals("JPEG")) {
                report(format + "  reduced-scale decode (s=3, 75x75)", files, b -> ImageDecoder.decode(b, TARGET, TARGET));
                report(format + "  reduced-scale decode + resize 64x64", files,
                        b -> Resize.resize(ImageDecoder.decode(b, TARGET, TARGET), TARGET, TARGET, ResizeMethod.BILINEAR, true));
            }
            List<String> paths = format.equals("BMP") ? bmpPaths : jpegPaths;
            ImagePipeline pipeline = new ImagePipeline().targetSize(TARGET, TARGET).antialias(true).rescale("imagenet");
            reportBatches(format + "  ImagePipeline from files, batches of 32", paths, pipeline);
            if (format.equals("JPEG")) {
                reportBatches(format + "  ImagePipeline from files, jpegReducedScale", paths, pipeline.jpegReducedScale(true));
            }
        }
        resizeOnly(bmp.get(0));
    }

    private static void resizeOnly(byte[] bmp) {
        FloatImage decoded = ImageDecoder.decode(bmp);
        List<byte[]> same = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            same.add(bmp);
        }
        for (ResizeMethod method : ResizeMethod.values()) {
            report("resize only 224->64 antialias " + method, same, b -> Resize.resize(decoded, TARGET, TARGET, method, true));
        }
    }

    private static Object imageIoRead(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayImageInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Work {
        Object run(byte[] bytes);
    }

    private static void report(String label, List<byte[]> files, Work work) {
        print(label, median(() -> files.forEach(b -> blackhole(work.run(b)))));
    }

    private static void print(String label, double[] rates) {
        System.out.printf("%-55s %7.0f images/s wall %7.0f images/s cpu%n", label, rates[0], rates[1]);
    }

    private static void reportBatches(String label, List<String> paths, ImagePipeline pipeline) {
        double[] rates = median(() -> {
            for (int from = 0; from < paths.size(); from += 32) {
                String[] batch = paths.subList(from, Math.min(paths.size(), from + 32)).toArray(String[]::new);
                Batch in = Batch.of(Map.of("path", batch));
                blackhole(pipeline.apply(in, new StepRandom(0, in)));
            }
        });
        print(label, rates);
    }

    /** Images per second by wall-clock and by CPU time: the medians over the timed rounds. */
    private static double[] median(Runnable round) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[ROUNDS];
        double[] cpu = new double[ROUNDS];
        for (int r = -WARMUP; r < ROUNDS; r++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            round.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            if (r >= 0) {
                wall[r] = IMAGES / seconds;
                cpu[r] = IMAGES / cpuSeconds;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[ROUNDS / 2], cpu[ROUNDS / 2]};
    }

    private static int sink;

    private static void blackhole(Object o) {
        sink += System.identityHashCode(o) & 1;
    }

    /** Smooth gradients and blobs with some noise: JPEG compresses it like a photo, not like white noise. */
    private static BufferedImage picture(Random random) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
        double fx = 2 + random.nextDouble() * 20;
        double fy = 2 + random.nextDouble() * 20;
        double phase = random.nextDouble() * 6;
        int[] row = new int[SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int r = clamp(128 + 100 * Math.sin(x / fx + phase) + random.nextGaussian() * 12);
                int g = clamp(128 + 100 * Math.cos(y / fy) + random.nextGaussian() * 12);
                int b = clamp(255.0 * (x + y) / (2 * SIZE) + random.nextGaussian() * 12);
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, SIZE, 1, row, 0, SIZE);
        }
        return image;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

}
