package ai.brevetti.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.annotation.AnnotationLoader;
import ai.brevetti.data.annotation.AnnotationPooling;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.StratifiedSampler;
import ai.brevetti.data.image.ColorMode;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.image.PaddingMode;
import ai.brevetti.data.image.ResizeMethod;
import ai.brevetti.data.image.RoiMode;
import ai.brevetti.data.image.augmentation.ImageAugmenter;
import ai.brevetti.data.image.augmentation.ImageDeformation;
import ai.brevetti.data.image.augmentation.ImageFiltering;
import ai.brevetti.data.image.augmentation.ImageNoise;
import ai.brevetti.data.image.augmentation.ImageSaltAndPepper;
import ai.brevetti.data.image.augmentation.RandomTransformer;
import ai.brevetti.data.samples.ImageSamples;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.data.split.SampleSplit;
import ai.brevetti.demo.DemoData;
import ai.brevetti.internal.OptionSpec;
import ai.brevetti.io.IoTools;
import com.google.errorprone.annotations.CheckReturnValue;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The immutable option classes (decision 44): every option method changes its own option and no other,
 * a chain of them keeps every earlier choice (nothing is swapped or reset by a copy), the instance it was
 * called on is unchanged, every option is covered here, and each class is {@code @CheckReturnValue}.
 * An option's state is read from the record's components, or from the class's private options spec.
 */
class OptionCopiesTest {
    /** One option method: its name, a call of it with a value that differs from the default, the state fields it sets. */
    record Option<T>(String name, UnaryOperator<T> set, List<String> fields) {
        static <T> Option<T> of(String name, UnaryOperator<T> set, String... fields) {
            return new Option<>(name, set, fields.length == 0 ? List.of(name) : List.of(fields));
        }
    }

    /** A class: its default instance, its options, and the state fields only a constructor sets. */
    record Case<T>(String name, Supplier<T> defaults, List<Option<T>> options, Set<String> fixed) {}

    private static final IoTools TOOLS = new IoTools();
    private static final ImagePipeline PIPELINE = new ImagePipeline().targetSize(8, 8);
    private static final Samples SAMPLES = Samples.of(Table.create("s", StringColumn.create("folder", "a", "b"),
            StringColumn.create("path", "/a/1.bmp", "/b/2.bmp")));

    static List<Case<?>> cases() {
        DataGenerator generator = new DataGenerator(SAMPLES); // one instance: its default seed is random
        int cpus = Runtime.getRuntime().availableProcessors();
        return List.of(
                new Case<>("ImagePipeline", ImagePipeline::new, List.of(
                        Option.of("targetSize", p -> p.targetSize(48, 40)),
                        Option.of("rois", p -> p.rois(new int[][] {{0, 0}, {4, 4}})),
                        Option.of("roiMode", p -> p.roiMode(RoiMode.AS_TIMESERIES)),
                        Option.of("colorMode", p -> p.colorMode(ColorMode.GREYSCALE)),
                        Option.of("keepAspectRatio", p -> p.keepAspectRatio(true)),
                        Option.of("paddingMode", p -> p.paddingMode(PaddingMode.REFLECT)),
                        Option.of("centerPadding", p -> p.centerPadding(true)),
                        Option.of("resizeMethod", p -> p.resizeMethod(ResizeMethod.NEAREST)),
                        Option.of("antialias", p -> p.antialias(true)),
                        Option.of("rescale", p -> p.rescale("imagenet")),
                        Option.of("pathKey", p -> p.pathKey("file")),
                        Option.of("outputKey", p -> p.outputKey("image")),
                        Option.of("io", p -> p.io(TOOLS)),
                        Option.of("jpegReducedScale", p -> p.jpegReducedScale(true))), Set.of()),
                new Case<>("AnnotationLoader", () -> new AnnotationLoader(List.of("a", "b")), List.of(
                        Option.of("mapping", s -> s.mapping(Map.of("x", "a"))),
                        Option.of("imagePipeline", s -> s.imagePipeline(PIPELINE)),
                        Option.of("sparse", s -> s.sparse(true)),
                        Option.of("pathKey", s -> s.pathKey("ann")),
                        Option.of("outputKey", s -> s.outputKey("mask")),
                        Option.of("io", s -> s.io(TOOLS)),
                        Option.of("lineWidth", s -> s.lineWidth(3)),
                        Option.of("pointSize", s -> s.pointSize(5)),
                        Option.of("strict", s -> s.strict(true))), Set.of("classes")),
                new Case<>("AnnotationPooling", AnnotationPooling::new, List.of(
                        Option.of("poolSize", s -> s.poolSize(3, 4)),
                        Option.of("poolingMethod", s -> s.poolingMethod("average")),
                        Option.of("inputKey", s -> s.inputKey("segmentation")),
                        Option.of("outputKey", s -> s.outputKey("small"))), Set.of()),
                new Case<>("DataGenerator", () -> generator, List.of(
                        Option.of("batchSize", g -> g.batchSize(7)),
                        Option.of("shuffle", g -> g.shuffle(true)),
                        Option.of("repeat", g -> g.repeat(3), "epochs"),
                        Option.of("samplingGroupBy", g -> g.samplingGroupBy("folder")),
                        Option.of("groupWeighing", g -> g.groupWeighing("count"), "weighing"),
                        Option.of("seed", g -> g.seed(11)),
                        Option.of("outputStructure", g -> g.outputStructure("img")),
                        Option.of("maxEpochSamples", g -> g.maxEpochSamples(99)),
                        Option.of("workers", g -> g.workers(cpus + 10)),
                        Option.of("prefetch", g -> g.prefetch(cpus + 11)),
                        Option.of("shard", g -> g.shard(1, 3), "shardIndex", "shardCount")), Set.of()),
                new Case<>("StratifiedSampler", StratifiedSampler::new, List.of(
                        Option.of("batchSize", s -> s.batchSize(5)),
                        Option.of("groupBy", s -> s.groupBy("folder")),
                        Option.of("groupWeighing", s -> s.groupWeighing("count"), "weighing"),
                        Option.of("maxEpochSamples", s -> s.maxEpochSamples(50)),
                        Option.of("seed", s -> s.seed(9))), Set.of()),
                new Case<>("SampleSplit", SampleSplit::new, List.of(
                        Option.of("stratification", s -> s.stratification(List.of("folder"))),
                        Option.of("uniqueness", s -> s.uniqueness(List.of("path"))),
                        Option.of("split", s -> s.split(0.3)),
                        Option.of("seed", s -> s.seed(4)),
                        Option.of("mode", s -> s.mode("murmurhash3"))), Set.of()),
                new Case<>("ImageSamples", ImageSamples::options, List.of(
                        Option.of("sampleFilter", s -> s.sampleFilter("\\.png$")),
                        Option.of("classMapping", s -> s.classMapping(Map.of("a", "b"))),
                        Option.of("classes", s -> s.classes(List.of("b"))),
                        Option.of("calculateMd5", s -> s.calculateMd5(false)),
                        Option.of("fullPath", s -> s.fullPath(true)),
                        Option.of("annotations", s -> s.annotations(true))), Set.of()),
                new Case<>("DemoData", DemoData::builder, List.of(
                        Option.of("items", d -> d.items(3)),
                        Option.of("views", d -> d.views(4)),
                        Option.of("size", d -> d.size(40)),
                        Option.of("seed", d -> d.seed(9)),
                        Option.of("annotations", d -> d.annotations(true))), Set.of()),
                new Case<>("RandomTransformer", RandomTransformer::new, List.of(
                        Option.of("chance", t -> t.chance(0.25)),
                        Option.of("flipUpDown", t -> t.flipUpDown(false)),
                        Option.of("flipLeftRight", t -> t.flipLeftRight(false)),
                        Option.of("scale", t -> t.scale(0.3)),
                        Option.of("rotateChance", t -> t.rotateChance(0.75)),
                        Option.of("rotate", t -> t.rotate(45)),
                        Option.of("translateHorizontal", t -> t.translateHorizontal(0.2)),
                        Option.of("translateVertical", t -> t.translateVertical(0.3)),
                        Option.of("shear", t -> t.shear(0.05)),
                        Option.of("interpolation", t -> t.interpolation("nearest")),
                        Option.of("fillSegValue", t -> t.fillSegValue(7))), Set.of()),
                new Case<>("ImageNoise", ImageNoise::new, List.of(
                        Option.of("brightness", n -> n.brightness(0.1)),
                        Option.of("contrast", n -> n.contrast(0.6, 1.1)),
                        Option.of("hue", n -> n.hue(0.02)),
                        Option.of("saturation", n -> n.saturation(0.5, 1.5)),
                        Option.of("stddev", n -> n.stddev(0.02)),
                        Option.of("chance", n -> n.chance(0.25))), Set.of()),
                new Case<>("ImageFiltering", ImageFiltering::new, List.of(
                        Option.of("embossStrength", f -> f.embossStrength(0.1, 0.2)),
                        Option.of("avgBlur", f -> f.avgBlur(5, 3)),
                        Option.of("gaussianBlurSigma", f -> f.gaussianBlurSigma(1.5)),
                        Option.of("chance", f -> f.chance(0.25))), Set.of()),
                new Case<>("ImageSaltAndPepper", ImageSaltAndPepper::new, List.of(
                        Option.of("fraction", s -> s.fraction(0.01)),
                        Option.of("valueRange", s -> s.valueRange(-1, 2)),
                        Option.of("scale", s -> s.scale(3)),
                        Option.of("chance", s -> s.chance(0.25))), Set.of()),
                new Case<>("ImageDeformation", ImageDeformation::new, List.of(
                        Option.of("alpha", d -> d.alpha(2)),
                        Option.of("sigma", d -> d.sigma(1.5)),
                        Option.of("chance", d -> d.chance(0.25))), Set.of()),
                new Case<>("ImageAugmenter", ImageAugmenter::new, List.of(
                        Option.of("imageKeys", a -> a.imageKeys("a")),
                        Option.of("labelKeys", a -> a.labelKeys("b")),
                        Option.of("randomTransformer", a -> a.randomTransformer(null)),
                        Option.of("imageNoise", a -> a.imageNoise(null)),
                        Option.of("imageFilter", a -> a.imageFilter(null)),
                        Option.of("imageDeformation", a -> a.imageDeformation(new ImageDeformation())),
                        Option.of("saltAndPepper", a -> a.saltAndPepper(new ImageSaltAndPepper()))), Set.of()));
    }

    @TestFactory
    Stream<DynamicTest> everyOptionChangesItselfAlone() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static <T> void check(Case<T> c) {
        T defaults = c.defaults().get();
        Map<String, Object> before = state(defaults);
        assertTrue(defaults.getClass().isAnnotationPresent(CheckReturnValue.class),
                c.name() + " is @CheckReturnValue, so a discarded option result fails the build");
        Set<String> covered = new TreeSet<>(c.fixed());
        c.options().forEach(o -> covered.addAll(o.fields()));
        assertEquals(new TreeSet<>(before.keySet()), covered, c.name() + ": every option is checked here");

        T all = defaults;
        for (Option<T> option : c.options()) {
            Map<String, Object> alone = state(option.set().apply(defaults));
            assertEquals(Set.copyOf(option.fields()), changed(before, alone), c.name() + "." + option.name() + " changes only its own option");
            all = option.set().apply(all);
        }
        Map<String, Object> chained = state(all);
        for (Option<T> option : c.options()) {
            Map<String, Object> alone = state(option.set().apply(defaults));
            for (String field : option.fields()) {
                assertEquals(show(alone.get(field)), show(chained.get(field)),
                        c.name() + "." + option.name() + " is kept through the other options' copies");
            }
        }
        assertEquals(show(before), show(state(defaults)), c.name() + ": the instance an option was called on is unchanged");
    }

    private static Set<String> changed(Map<String, Object> a, Map<String, Object> b) {
        return a.keySet().stream().filter(k -> !same(a.get(k), b.get(k))).collect(Collectors.toSet());
    }

    private static boolean same(Object a, Object b) {
        return a instanceof Pattern p && b instanceof Pattern q ? p.pattern().equals(q.pattern()) : Objects.deepEquals(a, b);
    }

    private static String show(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + show(e.getValue())).collect(Collectors.joining(", "));
        }
        return value instanceof int[] a ? Arrays.toString(a) : String.valueOf(value);
    }

    /** A record's components, or the fields of the private options spec a class holds. */
    static Map<String, Object> state(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            if (value instanceof Record) {
                for (RecordComponent c : value.getClass().getRecordComponents()) {
                    out.put(c.getName(), c.getAccessor().invoke(value));
                }
                return out;
            }
            for (Field f : value.getClass().getDeclaredFields()) {
                if (OptionSpec.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    Object spec = f.get(value);
                    for (Field o : f.getType().getDeclaredFields()) {
                        if (!Modifier.isStatic(o.getModifiers())) {
                            o.setAccessible(true);
                            out.put(o.getName(), o.get(spec));
                        }
                    }
                    return out;
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(value.getClass() + " holds no options spec");
    }
}
