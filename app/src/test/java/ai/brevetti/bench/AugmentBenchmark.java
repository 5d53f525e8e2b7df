package ai.brevetti.bench;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.augmentation.ImageAugmenter;
import ai.brevetti.data.image.augmentation.ImageDeformation;
import ai.brevetti.data.image.augmentation.ImageFiltering;
import ai.brevetti.data.image.augmentation.ImageNoise;
import ai.brevetti.data.image.augmentation.RandomTransformer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Images per second of the augmenter on one thread, for 64×64×3 and 224×224×3 images in [0, 1]
 * (the default augmenter, then each component alone at chance 1), per wall-clock second and per
 * second of the thread's CPU time. Run after {@code mvn test-compile}:
 * <pre>java -cp target/classes:target/test-classes ai.brevetti.bench.AugmentBenchmark [seconds]</pre>
 */
public final class AugmentBenchmark {
    private AugmentBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Map<String, ImageAugmenter> augmenters = new LinkedHashMap<>();
        augmenters.put("default augmenter", new ImageAugmenter());
        augmenters.put("transformer only, chance 1", ImageAugmenter.none().randomTransformer(new RandomTransformer().chance(1).rotateChance(1)));
        augmenters.put("filtering only, chance 1", ImageAugmenter.none().imageFilter(new ImageFiltering().chance(1)));
        augmenters.put("noise only, chance 1", ImageAugmenter.none().imageNoise(new ImageNoise().chance(1)));
        augmenters.put("deformation only, alpha 2, chance 1", ImageAugmenter.none().imageDeformation(new ImageDeformation().alpha(2).sigma(2).chance(1)));
        for (int size : new int[] {64, 224}) {
            Batch batch = Batch.of(Map.of("img", randomImages(16, size, size, 3)));
            for (Map.Entry<String, ImageAugmenter> e : augmenters.entrySet()) {
                measure(e.getValue(), batch, seconds / 3); // warm-up
                double[] rate = measure(e.getValue(), batch, seconds);
                System.out.printf("%3dx%-3dx3  %-38s %9.1f images/s (%9.1f per CPU-second of this thread)%n",
                        size, size, e.getKey(), rate[0], rate[1]);
            }
        }
    }

    /** Images per wall-clock second and per second of this thread's CPU time (less sensitive to other load). */
    private static double[] measure(ImageAugmenter augmenter, Batch batch, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long images = 0;
        long seed = 0;
        float sink = 0;
        while (System.nanoTime() < end) {
            Batch out = augmenter.apply(batch, new StepRandom(seed++, batch));
            sink += out.tensor("img").data()[0];
            images += batch.size();
        }
        if (sink == 12345.678f) {
            System.out.print("");
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new double[] {images / wall, images / cpu};
    }

    private static Tensor randomImages(int n, int h, int w, int c) {
        SplittableRandom r = new SplittableRandom(1);
        float[] d = new float[n * h * w * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextDouble();
        }
        return new Tensor(d, n, h, w, c);
    }
}
