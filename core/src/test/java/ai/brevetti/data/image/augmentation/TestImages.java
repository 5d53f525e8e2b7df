package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.image.FloatImage;
import java.util.SplittableRandom;

/** Known images for the augmentation tests. */
final class TestImages {
    private TestImages() {}

    /** Every value distinct: {@code (y·w + x)·c + channel + 1}. */
    static FloatImage ramp(int h, int w, int c) {
        float[] d = new float[h * w * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = i + 1;
        }
        return new FloatImage(h, w, c, d);
    }

    static FloatImage uniform(int h, int w, int c, long seed, float low, float high) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[h * w * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = low + (high - low) * (float) r.nextDouble();
        }
        return new FloatImage(h, w, c, d);
    }

    static FloatImage constant(int h, int w, int c, float v) {
        float[] d = new float[h * w * c];
        java.util.Arrays.fill(d, v);
        return new FloatImage(h, w, c, d);
    }

    static double mean(FloatImage image) {
        double s = 0;
        for (float v : image.data()) {
            s += v;
        }
        return s / image.data().length;
    }

    static double std(FloatImage image) {
        double m = mean(image);
        double s = 0;
        for (float v : image.data()) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / image.data().length);
    }
}
