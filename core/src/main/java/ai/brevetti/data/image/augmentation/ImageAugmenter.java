package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.internal.Seeds;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Image augmentation as a generator step (Python's {@code ImageAugmenter}). For every sample, one random
 * affine map (and deformation field) is drawn and applied to every image key (with the transformer's
 * interpolation) and every label key (nearest, so label values stay in their set); then filtering, noise
 * and, if set, salt and pepper change the image keys only:
 * <pre>image: affine → deformation → filtering → noise → salt and pepper;   label: affine → deformation</pre>
 * Keys missing from the batch are skipped; present ones must be NHWC (or NHW) tensors. A null component
 * is off; by default the transformer, noise and filtering are on and the deformation and salt and pepper
 * are off.
 * <p>
 * Randomness: sample {@code i}'s stream {@code random.forSample(i)} gives one seed, and each component
 * draws from its own stream derived from it ({@code Seeds.mix(seed, k)}, k fixed per component). So
 * switching a component off (null) does not change what the others draw, and the output depends only on
 * the step seed, the epoch and the sample positions, not on threads. Every key gets the same draws: two
 * image keys of the same size get identical geometry, filtering and noise.
 * <p>
 * Immutable: the options return changed copies, so their results must be used (decision 44).
 */
@CheckReturnValue
public record ImageAugmenter(List<String> imageKeys, List<String> labelKeys, RandomTransformer randomTransformer,
                             ImageNoise imageNoise, ImageFiltering imageFilter, ImageDeformation imageDeformation,
                             ImageSaltAndPepper saltAndPepper) implements BatchStep {
    private static final long TRANSFORM = 1;
    private static final long DEFORMATION = 2;
    private static final long FILTER = 3;
    private static final long NOISE = 4;
    private static final long SALT_AND_PEPPER = 5;

    /** Null key lists take the defaults ({@code ["img"]}, {@code ["segmentation", "annotation"]}). */
    public ImageAugmenter {
        imageKeys = imageKeys == null ? List.of("img") : List.copyOf(imageKeys);
        labelKeys = labelKeys == null ? List.of("segmentation", "annotation") : List.copyOf(labelKeys);
    }

    /** The defaults: transformer, noise and filtering with their defaults; no deformation, no salt and pepper. */
    public ImageAugmenter() {
        this(new Options());
    }

    /** The options (decision 44): one named field each, with its default; copied from an augmenter per change. */
    private static final class Options {
        List<String> imageKeys = List.of("img");
        List<String> labelKeys = List.of("segmentation", "annotation");
        RandomTransformer randomTransformer = new RandomTransformer();
        ImageNoise imageNoise = new ImageNoise();
        ImageFiltering imageFilter = new ImageFiltering();
        ImageDeformation imageDeformation;
        ImageSaltAndPepper saltAndPepper;

        Options() {
        }

        Options(ImageAugmenter a) {
            imageKeys = a.imageKeys;
            labelKeys = a.labelKeys;
            randomTransformer = a.randomTransformer;
            imageNoise = a.imageNoise;
            imageFilter = a.imageFilter;
            imageDeformation = a.imageDeformation;
            saltAndPepper = a.saltAndPepper;
        }
    }

    /** The one call of the canonical constructor by position, each argument named by its option. */
    private ImageAugmenter(Options o) {
        this(o.imageKeys, o.labelKeys, o.randomTransformer, o.imageNoise, o.imageFilter, o.imageDeformation, o.saltAndPepper);
    }

    /** An augmenter whose options are these with {@code change} applied. */
    private ImageAugmenter with(Consumer<Options> change) {
        Options o = new Options(this);
        change.accept(o);
        return new ImageAugmenter(o);
    }

    @Override
    public Batch apply(Batch batch, StepRandom random) {
        List<Column> columns = new ArrayList<>();
        for (String key : imageKeys) {
            if (batch.has(key)) {
                columns.add(new Column(key, batch.tensor(key), false));
            }
        }
        for (String key : labelKeys) {
            if (batch.has(key) && !imageKeys.contains(key)) {
                columns.add(new Column(key, batch.tensor(key), true));
            }
        }
        if (columns.isEmpty()) {
            return batch;
        }
        for (int i = 0; i < batch.size(); i++) {
            SampleDraws draws = new SampleDraws(random.forSample(i).nextLong());
            for (Column column : columns) {
                if (leavesUnchanged(column.label, draws, column.height, column.width)) {
                    continue;
                }
                if (onlyTransforms(column.label) && randomTransformer.copyInto(column.tensor.data(), i * column.each(),
                        column.height, column.width, column.channels, draws.affine(column.height, column.width), column.label,
                        column.out, i * column.each())) {
                    continue; // a flip or another whole-pixel move, copied straight into the output
                }
                FloatImage in = column.image(i);
                FloatImage augmented = column.label ? augmentLabel(in, draws) : augmentImage(in, draws);
                if (augmented != in) {
                    column.put(i, augmented);
                }
            }
        }
        Batch out = batch;
        for (Column column : columns) {
            out = out.with(column.key, new Tensor(column.out, column.tensor.shape()));
        }
        return out;
    }

    /**
     * Whether the chain certainly leaves a sample of this size as it is: its only component is the
     * transformer (or none), and the transformer's draw is the identity.
     */
    private boolean leavesUnchanged(boolean label, SampleDraws draws, int height, int width) {
        return !othersApply(label) && (randomTransformer == null || draws.affine(height, width).isIdentity());
    }

    /** Whether the chain is the transformer alone (for images, or for labels when {@code label}). */
    private boolean onlyTransforms(boolean label) {
        return randomTransformer != null && !othersApply(label);
    }

    /** Whether a component other than the transformer changes images (or labels when {@code label}). */
    private boolean othersApply(boolean label) {
        return imageDeformation != null || !label && (imageFilter != null || imageNoise != null || saltAndPepper != null);
    }

    /** One image through the whole chain, with the sample's draws. */
    FloatImage augmentImage(FloatImage image, SampleDraws draws) {
        FloatImage x = image;
        if (randomTransformer != null) {
            x = randomTransformer.transformImage(x, draws.affine(x.height(), x.width()));
        }
        if (imageDeformation != null) {
            Interpolation interpolation = randomTransformer == null ? Interpolation.BILINEAR : randomTransformer.interpolation();
            x = ImageDeformation.apply(x, draws.field(x.height(), x.width()), interpolation);
        }
        if (imageFilter != null) {
            x = imageFilter.apply(x, draws.stream(FILTER));
        }
        if (imageNoise != null) {
            x = imageNoise.apply(x, draws.stream(NOISE));
        }
        if (saltAndPepper != null) {
            x = saltAndPepper.apply(x, draws.stream(SALT_AND_PEPPER));
        }
        return x;
    }

    /** One label map through the geometric part of the chain (nearest interpolation). */
    FloatImage augmentLabel(FloatImage label, SampleDraws draws) {
        FloatImage x = label;
        if (randomTransformer != null) {
            x = randomTransformer.transformLabel(x, draws.affine(x.height(), x.width()));
        }
        if (imageDeformation != null) {
            x = ImageDeformation.apply(x, draws.field(x.height(), x.width()), Interpolation.NEAREST);
        }
        return x;
    }

    /** The draws of one sample: a stream per component, and the geometry per image size. */
    final class SampleDraws {
        private final long seed;
        private final Map<Long, ImageDeformation.Field> fields = new HashMap<>();
        private final Map<Long, Affine> affines = new HashMap<>();

        SampleDraws(long seed) {
            this.seed = seed;
        }

        SplittableRandom stream(long component) {
            return new SplittableRandom(Seeds.mix(seed, component));
        }

        /** The transformer's draw for images of this size (drawn once, however often it is asked for). */
        Affine affine(int height, int width) {
            return affines.computeIfAbsent(((long) height << 32) | width,
                    size -> randomTransformer.draw(stream(TRANSFORM), height, width));
        }

        ImageDeformation.Field field(int height, int width) {
            return fields.computeIfAbsent(((long) height << 32) | width,
                    size -> imageDeformation.draw(stream(DEFORMATION), height, width));
        }
    }

    /** A tensor column being augmented sample by sample into a new array (a copy of the input: unchanged samples stay). */
    private static final class Column {
        final String key;
        final Tensor tensor;
        final boolean label;
        final float[] out;
        final int height;
        final int width;
        final int channels;

        Column(String key, Tensor tensor, boolean label) {
            if (tensor.rank() != 3 && tensor.rank() != 4) {
                throw new IllegalArgumentException("Augmenting '" + key + "' needs a batch of images (NHWC or NHW), not "
                        + Arrays.toString(tensor.shape()));
            }
            this.key = key;
            this.tensor = tensor;
            this.label = label;
            this.out = tensor.data().clone();
            this.height = tensor.dim(1);
            this.width = tensor.dim(2);
            this.channels = tensor.rank() == 4 ? tensor.dim(3) : 1;
        }

        int each() {
            return height * width * channels;
        }

        FloatImage image(int i) {
            float[] data = Arrays.copyOfRange(tensor.data(), i * each(), (i + 1) * each());
            return new FloatImage(height, width, channels, data);
        }

        void put(int i, FloatImage image) {
            System.arraycopy(image.data(), 0, out, i * each(), each());
        }
    }

    public ImageAugmenter imageKeys(String... keys) {
        return with(o -> o.imageKeys = List.of(keys));
    }

    public ImageAugmenter labelKeys(String... keys) {
        return with(o -> o.labelKeys = List.of(keys));
    }

    /** The affine transformer, or null for none. */
    public ImageAugmenter randomTransformer(RandomTransformer transformer) {
        return with(o -> o.randomTransformer = transformer);
    }

    public ImageAugmenter imageNoise(ImageNoise noise) {
        return with(o -> o.imageNoise = noise);
    }

    public ImageAugmenter imageFilter(ImageFiltering filtering) {
        return with(o -> o.imageFilter = filtering);
    }

    public ImageAugmenter imageDeformation(ImageDeformation deformation) {
        return with(o -> o.imageDeformation = deformation);
    }

    public ImageAugmenter saltAndPepper(ImageSaltAndPepper pixels) {
        return with(o -> o.saltAndPepper = pixels);
    }

    /** Every component off: geometry only if set again, e.g. {@code ImageAugmenter.none().randomTransformer(t)}. */
    public static ImageAugmenter none() {
        return new ImageAugmenter().with(o -> {
            o.randomTransformer = null;
            o.imageNoise = null;
            o.imageFilter = null;
        });
    }
}
