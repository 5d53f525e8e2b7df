package ai.brevetti.data.image;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.samples.Samples;
import java.util.Optional;

/**
 * The part of an image a sample looks at (Python's {@code bbox} and {@code zoom_factor} sample keys): the
 * box {@code [x0, y0, x1, y1]} in full-image pixels (x1 and y1 excluded; it may reach outside the image,
 * which reads zeros there), downscaled by {@code zoom} (1, 2, 4, …: a power of 2), antialiased.
 *
 * <p>A full-image point {@code (x, y)} maps to {@code ((x - x0) / zoom, (y - y0) / zoom)} in the view, whose
 * size is {@code ((x1 - x0) / zoom, (y1 - y0) / zoom)} rounded up: view pixel {@code (u, v)} covers the
 * full-image pixels {@code [x0 + u·zoom, x0 + (u+1)·zoom) × [y0 + v·zoom, y0 + (v+1)·zoom)} (of the box; a
 * last column or row that reaches past {@code x1} or {@code y1} averages the box's pixels only).
 * {@link ImagePipeline} loads a sample's view before its regions, resize, padding and rescale, for plain
 * images (decode, crop, downscale) and Deep Zoom tiled ones (only the tiles the box needs, at the level the
 * zoom picks). Label masks drawn for a sample use the same mapping.
 *
 * <p>In a batch or a samples table, {@value #BBOX_KEY} is a JSON array {@code [x0, y0, x1, y1]} (the
 * {@code .samples} files' text form) or a tensor row of 4 numbers (what the glimpse steps write), and
 * {@value #ZOOM_KEY} a number; both optional.
 */
public record ImageView(int x0, int y0, int x1, int y1, int zoom) {
    /** The sample column of the box {@code [x0, y0, x1, y1]}. */
    public static final String BBOX_KEY = "bbox";
    /** The sample column of the zoom factor. */
    public static final String ZOOM_KEY = "zoom_factor";
    /** The sample column of the full image's size {@code [width, height]}. */
    public static final String SIZE_KEY = "size";

    /**
     * @throws IllegalArgumentException when the box is empty or inverted ({@code x1 <= x0} or
     *         {@code y1 <= y0}), or the zoom is not a power of 2 of at least 1
     */
    public ImageView {
        if (x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("The bbox " + box(x0, y0, x1, y1) + " has " + (x1 < x0 || y1 < y0 ? "a negative" : "no")
                    + " size (" + ((long) x1 - x0) + "x" + ((long) y1 - y0) + "): a bbox is [x0, y0, x1, y1] with x1 > x0 and y1 > y0");
        }
        if ((long) x1 - x0 > Integer.MAX_VALUE || (long) y1 - y0 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The bbox " + box(x0, y0, x1, y1) + " is wider or taller than " + Integer.MAX_VALUE + " pixels");
        }
        checkZoom(zoom);
    }

    /** The whole of an image of {@code width × height}, downscaled by {@code zoom}. */
    public static ImageView whole(int width, int height, int zoom) {
        return new ImageView(0, 0, width, height, zoom);
    }

    /** This box at another zoom. */
    public ImageView withZoom(int factor) {
        return new ImageView(x0, y0, x1, y1, factor);
    }

    /** The view's width: {@code (x1 - x0) / zoom} rounded up. */
    public int width() {
        return ceilDiv(x1 - x0, zoom);
    }

    /** The view's height: {@code (y1 - y0) / zoom} rounded up. */
    public int height() {
        return ceilDiv(y1 - y0, zoom);
    }

    /** A full-image x coordinate in the view: {@code (x - x0) / zoom}. */
    public double viewX(double x) {
        return (x - x0) / zoom;
    }

    /** A full-image y coordinate in the view: {@code (y - y0) / zoom}. */
    public double viewY(double y) {
        return (y - y0) / zoom;
    }

    /** A view x coordinate in the full image: {@code x0 + u * zoom}. */
    public double imageX(double u) {
        return x0 + u * zoom;
    }

    /** A view y coordinate in the full image: {@code y0 + v * zoom}. */
    public double imageY(double v) {
        return y0 + v * zoom;
    }

    /** The box as {@code [x0, y0, x1, y1]} (the sample column's JSON form). */
    public String bbox() {
        return box(x0, y0, x1, y1);
    }

    /**
     * Sample {@code i}'s view when its columns give one without the image: its {@value #BBOX_KEY} (with its
     * {@value #ZOOM_KEY}, 1 if none), or, without a box, a zoom other than 1 over its {@value #SIZE_KEY}.
     * Empty when the sample has no view of its own (the whole image at full size), or needs the image's size.
     *
     * @throws IllegalArgumentException naming the sample's path when a column does not hold a valid value
     */
    public static Optional<ImageView> of(Batch batch, int i) {
        return ViewColumns.request(batch, i).known();
    }

    /** Sample {@code i}'s view of its image of {@code imageWidth × imageHeight}: its own, or the whole image at its zoom. */
    public static ImageView of(Batch batch, int i, int imageWidth, int imageHeight) {
        return ViewColumns.request(batch, i).resolve(imageWidth, imageHeight);
    }

    /** Row {@code row} of a samples table's view, as {@link #of(Batch, int)} reads it. */
    public static Optional<ImageView> of(Samples samples, int row) {
        return ViewColumns.request(samples, row).known();
    }

    /** @throws IllegalArgumentException unless {@code zoom} is 1, 2, 4, … */
    static void checkZoom(long zoom) {
        if (zoom < 1 || Long.bitCount(zoom) != 1 || zoom > 1 << 30) {
            throw new IllegalArgumentException("A zoom_factor is a power of 2 (1, 2, 4, …), not " + zoom
                    + "; Deep Zoom levels halve the size, so only those factors are levels");
        }
    }

    static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private static String box(long x0, long y0, long x1, long y1) {
        return "[" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + "]";
    }

    @Override
    public String toString() {
        return "ImageView" + bbox() + (zoom == 1 ? "" : " / " + zoom);
    }
}
