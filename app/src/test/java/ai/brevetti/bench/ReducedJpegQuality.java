package ai.brevetti.bench;

import ai.brevetti.data.image.ImagePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How far {@code jpegReducedScale} lands from the exact pipeline: both load every JPEG of {@code bench
 * pipeline}'s folder at 64×64 (antialias, no rescale, so the errors are in 0–255 units), and this prints the
 * mean and largest absolute difference and the PSNR (peak 255) over all values, with the worst and median
 * image's PSNR. {@code bin/bench ReducedJpegQuality [--images target/bench-images/jpeg] [--size 64]}.
 */
public final class ReducedJpegQuality {
    private ReducedJpegQuality() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of("target", "bench-images", "jpeg");
        int size = 64;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--images" -> folder = Path.of(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("No images in " + folder + "; run bin/brevettiai bench pipeline once first");
        }
        ImagePipeline exact = new ImagePipeline().targetSize(size, size).antialias(true);
        ImagePipeline reduced = exact.jpegReducedScale(true);
        double sum = 0;
        double squares = 0;
        double max = 0;
        long values = 0;
        double[] psnr = new double[files.size()];
        for (int f = 0; f < files.size(); f++) {
            float[] x = exact.load(files.get(f).toString()).data();
            float[] y = reduced.load(files.get(f).toString()).data();
            double imageSquares = 0;
            for (int i = 0; i < x.length; i++) {
                double d = Math.abs(x[i] - y[i]);
                sum += d;
                imageSquares += d * d;
                max = Math.max(max, d);
            }
            squares += imageSquares;
            values += x.length;
            psnr[f] = psnr(imageSquares / x.length);
        }
        Arrays.sort(psnr);
        System.out.printf(Locale.ROOT, "%d JPEGs in %s at %dx%d, jpegReducedScale against the exact pipeline (0-255 units):%n",
                files.size(), folder, size, size);
        System.out.printf(Locale.ROOT, "  mean |error| %.3f, max |error| %.2f, PSNR %.2f dB (worst image %.2f dB, median image %.2f dB)%n",
                sum / values, max, psnr(squares / values), psnr[0], psnr[psnr.length / 2]);
    }

    private static double psnr(double meanSquare) {
        return 10 * Math.log10(255.0 * 255.0 / meanSquare);
    }
}
