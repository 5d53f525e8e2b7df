package ai.brevetti.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One line of {@code bench pipeline}: images per second in each timed round (wall clock) and, for what
 * runs in this JVM's interleaved rounds and for torchvision, images per second of the processes' CPU time
 * (all threads; torchvision's workers too), which a busy machine moves less.
 *
 * @param imagesPerCpuSecond null for DJL
 */
record BenchResult(String name, double[] imagesPerSecond, double[] imagesPerCpuSecond, String note) {
    static final String OURS = "brevettiai pipeline (all cores)";
    static final String OURS_REDUCED = "brevettiai, JPEG reduced-scale decode";
    static final String CEILING = "decode only (all cores, ceiling)";
    static final String CEILING_REDUCED = "decode only, reduced-scale (ceiling)";
    static final String IMAGEIO_BMP = "decode only, ImageIO's BMP reader";
    static final String DJL = "DJL ImageFolder";
    static final String TORCHVISION = "torchvision ImageFolder+DataLoader";

    double median() {
        return median(imagesPerSecond);
    }

    double cpuMedian() {
        return imagesPerCpuSecond == null ? Double.NaN : median(imagesPerCpuSecond);
    }

    /** The median over the rounds of this result's rate divided by {@code other}'s in the same round. */
    double pairedRatio(BenchResult other) {
        double[] ratios = new double[imagesPerSecond.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = imagesPerSecond[i] / other.imagesPerSecond[i];
        }
        return median(ratios);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The first three fields of /proc/loadavg, or "?" elsewhere. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return String.join(" ", Arrays.copyOf(fields, 3));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
