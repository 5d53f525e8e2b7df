package ai.brevetti.demo;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.OptionSpec;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * A synthetic dataset of vials in three classes, {@code good}, {@code missing_cap} and {@code failed_cap}
 * (a tilted, lifted cap), made from a seed: the same seed gives the same files. Every physical vial is
 * photographed twice ({@code <item>_<view>.bmp}), so a uniqueness regex such as {@code /(\d*)_\d*.bmp}
 * has views to keep together.
 *
 * <pre>{@code DemoData.builder().items(30).write(Path.of("vials")); }</pre>
 */
@CheckReturnValue
public final class DemoData {
    /** The classes, in folder order. */
    public static final List<String> CLASSES = List.of("good", "missing_cap", "failed_cap");

    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        int items = 20;
        int views = 2;
        int size = 96;
        long seed = 1;
        boolean annotations;
    }

    private final Options o;

    private DemoData(Options options) {
        if (options.items <= 0 || options.views <= 0 || options.size < 32) {
            throw new IllegalArgumentException("Demo data needs items > 0, views > 0 and images of at least 32 pixels");
        }
        this.o = options;
    }

    /** 20 vials per class, 2 views each, 96×96 pixels, seed 1. */
    public static DemoData builder() {
        return new DemoData(new Options());
    }

    /** Demo data whose options are these with {@code change} applied. */
    private DemoData with(Consumer<Options> change) {
        return new DemoData(o.with(change));
    }

    /** Vials per class. */
    public DemoData items(int n) {
        return with(o -> o.items = n);
    }

    /** Pictures per vial. */
    public DemoData views(int n) {
        return with(o -> o.views = n);
    }

    /** Image width and height in pixels. */
    public DemoData size(int pixels) {
        return with(o -> o.size = pixels);
    }

    public DemoData seed(long seed) {
        return with(o -> o.seed = seed);
    }

    /** Also write an annotation file per picture (polygons around the vial and its cap, the image's class). */
    public DemoData annotations(boolean on) {
        return with(o -> o.annotations = on);
    }

    /** The labels of the annotation files' polygons. */
    public static final List<String> SHAPE_LABELS = List.of("vial", "cap");

    /** Number of images {@link #write} makes. */
    public int count() {
        return CLASSES.size() * o.items * o.views;
    }

    /**
     * Writes {@code <folder>/<class>/<item>_<view>.bmp} for every class, vial and view (item numbers are
     * unique across classes) and returns the folder.
     */
    @CanIgnoreReturnValue
    public Path write(Path folder) {
        try {
            for (int c = 0; c < CLASSES.size(); c++) {
                Path classFolder = Files.createDirectories(folder.resolve(CLASSES.get(c)));
                for (int i = 0; i < o.items; i++) {
                    int item = c * o.items + i;
                    SplittableRandom vial = new SplittableRandom(o.seed * 1_000_003L + item);
                    Vial shape = Vial.random(vial, c, o.size);
                    for (int v = 0; v < o.views; v++) {
                        String name = item + "_" + v + ".bmp";
                        Photo photo = shape.photograph(new SplittableRandom(o.seed * 7_000_001L + item * 31L + v), o.size);
                        ImageIO.write(photo.image(), "bmp", classFolder.resolve(name).toFile());
                        if (o.annotations) {
                            Path file = folder.resolve(".annotations").resolve(CLASSES.get(c)).resolve(name).resolve("annotation.json");
                            Files.createDirectories(file.getParent());
                            Files.writeString(file, photo.annotationJson(CLASSES.get(c), o.size));
                        }
                    }
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo dataset into '" + folder + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DemoData[" + CLASSES + ", " + o.items + " vials per class x " + o.views + " views, " + o.size + "px, seed " + o.seed
                + (o.annotations ? ", annotated" : "") + "]";
    }

    /** A picture and the outlines drawn in it, in its pixels. */
    private record Photo(BufferedImage image, Shape vial, Shape cap) {
        /** The platform's annotation JSON: the outlines as polygons (flattened curves), then the image's class. */
        String annotationJson(String category, int size) {
            List<Map<String, Object>> annotations = new ArrayList<>();
            annotations.add(polygon("vial", vial));
            if (cap != null) {
                annotations.add(polygon("cap", cap));
            }
            annotations.add(Map.of("type", "class", "label", category));
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("annotations", annotations);
            file.put("image", Map.of("height", size, "width", size));
            return Json.writePretty(file);
        }

        private static Map<String, Object> polygon(String label, Shape shape) {
            List<Map<String, Double>> points = new ArrayList<>();
            double[] p = new double[6];
            for (PathIterator it = shape.getPathIterator(null, 0.2); !it.isDone(); it.next()) {
                if (it.currentSegment(p) != PathIterator.SEG_CLOSE) {
                    points.add(Map.of("x", Math.round(p[0] * 100) / 100.0, "y", Math.round(p[1] * 100) / 100.0));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", "polygon");
            out.put("label", label);
            out.put("points", points);
            return out;
        }
    }

    /** One physical vial: where it stands, its glass, its cap (if any). */
    private record Vial(int kind, double x, double width, double height, Color glass, Color cap, double capTilt,
                        double capLift) {
        static Vial random(SplittableRandom r, int kind, int size) {
            double width = size * (0.26 + 0.06 * r.nextDouble());
            double height = size * (0.50 + 0.10 * r.nextDouble());
            Color glass = new Color(150 + r.nextInt(40), 175 + r.nextInt(40), 200 + r.nextInt(40));
            Color cap = new Color(170 + r.nextInt(70), 20 + r.nextInt(40), 30 + r.nextInt(40));
            double tilt = kind == 2 ? Math.toRadians((r.nextBoolean() ? 1 : -1) * (18 + 22 * r.nextDouble())) : 0;
            double lift = kind == 2 ? size * (0.04 + 0.06 * r.nextDouble()) : 0;
            return new Vial(kind, size * (0.5 + 0.08 * (r.nextDouble() - 0.5)), width, height, glass, cap, tilt, lift);
        }

        Photo photograph(SplittableRandom r, int size) {
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int light = 20 + r.nextInt(30);
            g.setPaint(new GradientPaint(0, 0, new Color(light, light, light + 10), 0, size, new Color(light / 2, light / 2, light / 2 + 5)));
            g.fillRect(0, 0, size, size);
            // each view: a slightly different position and angle
            g.rotate(Math.toRadians(6 * (r.nextDouble() - 0.5)), size / 2.0, size / 2.0);
            g.translate(size * 0.06 * (r.nextDouble() - 0.5), size * 0.04 * (r.nextDouble() - 0.5));
            double top = size * 0.92 - height;
            double left = x - width / 2;
            g.setColor(glass);
            Shape body = new RoundRectangle2D.Double(left, top, width, height, width * 0.3, width * 0.3);
            g.fill(body);
            Shape vialOutline = g.getTransform().createTransformedShape(body);
            Shape capOutline = null;
            g.setColor(glass.brighter());
            g.setStroke(new BasicStroke(Math.max(1f, size / 64f)));
            g.draw(new RoundRectangle2D.Double(left + width * 0.15, top + height * 0.15, width * 0.12, height * 0.6, 3, 3));
            if (kind != 1) {
                double capWidth = width * 1.12;
                double capHeight = height * 0.22;
                AffineTransform saved = g.getTransform();
                g.rotate(capTilt, x, top);
                g.setColor(cap);
                Shape capShape = new RoundRectangle2D.Double(x - capWidth / 2, top - capHeight * 0.75 - capLift, capWidth, capHeight,
                        capWidth * 0.2, capWidth * 0.2);
                g.fill(capShape);
                capOutline = g.getTransform().createTransformedShape(capShape);
                g.setColor(cap.darker());
                g.fillRect((int) (x - capWidth / 2), (int) (top - capLift + capHeight * 0.1), (int) capWidth, (int) Math.max(2, capHeight * 0.15));
                g.setTransform(saved);
            } else {
                g.setColor(glass.darker());
                g.fill(new RoundRectangle2D.Double(x - width * 0.35, top - height * 0.05, width * 0.7, height * 0.08, 4, 4));
            }
            g.dispose();
            addNoise(image, r, 6);
            return new Photo(image, vialOutline, capOutline);
        }

        private static void addNoise(BufferedImage image, SplittableRandom r, int amplitude) {
            int[] row = new int[image.getWidth()];
            for (int y = 0; y < image.getHeight(); y++) {
                image.getRGB(0, y, row.length, 1, row, 0, row.length);
                for (int x = 0; x < row.length; x++) {
                    int n = r.nextInt(2 * amplitude + 1) - amplitude;
                    int p = row[x];
                    row[x] = (clamp(((p >> 16) & 0xff) + n) << 16) | (clamp(((p >> 8) & 0xff) + n) << 8) | clamp((p & 0xff) + n);
                }
                image.setRGB(0, y, row.length, 1, row, 0, row.length);
            }
        }

        private static int clamp(int v) {
            return v < 0 ? 0 : Math.min(255, v);
        }
    }
}
