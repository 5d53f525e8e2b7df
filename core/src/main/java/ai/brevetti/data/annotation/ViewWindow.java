package ai.brevetti.data.annotation;

import ai.brevetti.internal.Json;
import java.util.List;

/**
 * A sample's image view, as the masks are drawn in it: the full-image pixel (x, y) is the view's
 * ((x − x0)·scale, (y − y0)·scale), and the view has {@code height × width} pixels. From the sample columns
 * {@code bbox} ({@code [x0, y0, x1, y1]} in full-image pixels, x1 and y1 excluded) and {@code zoom_factor}
 * (a power of 2, the crop downscaled by it): scale 1/zoom and size ((x1 − x0) / zoom, (y1 − y0) / zoom)
 * rounded up; without a bbox, the whole image. The same contract as the image side's (docs/annotations.md).
 */
record ViewWindow(double x0, double y0, double scale, int height, int width) {
    static final String BBOX_KEY = "bbox";
    static final String ZOOM_KEY = "zoom_factor";

    double u(double x) {
        return (x - x0) * scale;
    }

    double v(double y) {
        return (y - y0) * scale;
    }

    /** The view of the crop {@code bbox} ({x0, y0, x1, y1}) at {@code zoom}. */
    static ViewWindow ofBox(long[] bbox, int zoom) {
        return new ViewWindow(bbox[0], bbox[1], 1.0 / zoom, size(bbox[3] - bbox[1], zoom), size(bbox[2] - bbox[0], zoom));
    }

    /** The view of the whole {@code height × width} image at {@code zoom}. */
    static ViewWindow ofImage(int height, int width, int zoom) {
        return new ViewWindow(0, 0, 1.0 / zoom, size(height, zoom), size(width, zoom));
    }

    private static int size(long pixels, int zoom) {
        long s = (pixels + zoom - 1) / zoom;
        if (s > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("A view of " + pixels + " pixels at zoom " + zoom + " is too large to draw a mask for");
        }
        return (int) s;
    }

    /**
     * The {@code bbox} cell of a sample: null when empty; else {x0, y0, x1, y1}.
     *
     * @throws IllegalArgumentException naming {@code sample} when the cell is not a JSON array of 4 integers
     *     with x0 < x1 and y0 < y1
     */
    static long[] bbox(String cell, String sample) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        Object parsed;
        try {
            parsed = Json.parse(cell);
        } catch (Exception e) {
            parsed = null;
        }
        long[] box = new long[4];
        if (!(parsed instanceof List<?> list) || list.size() != 4) {
            throw new IllegalArgumentException("Sample '" + sample + "': bbox " + cell + " is not a JSON array [x0, y0, x1, y1]");
        }
        for (int i = 0; i < 4; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > 1e12) {
                throw new IllegalArgumentException("Sample '" + sample + "': bbox " + cell + " holds " + list.get(i)
                        + " where a whole number of pixels is wanted");
            }
            box[i] = (long) n.doubleValue();
        }
        return checked(box, sample);
    }

    /**
     * {@code box} when it is {x0, y0, x1, y1} with x0 < x1 and y0 < y1.
     *
     * @throws IllegalArgumentException naming {@code sample} otherwise
     */
    static long[] checked(long[] box, String sample) {
        if (box.length != 4) {
            throw new IllegalArgumentException("Sample '" + sample + "': a bbox is [x0, y0, x1, y1], not " + java.util.Arrays.toString(box));
        }
        if (box[2] <= box[0] || box[3] <= box[1]) {
            throw new IllegalArgumentException("Sample '" + sample + "': bbox " + java.util.Arrays.toString(box) + " has a negative or empty size ("
                    + (box[2] - box[0]) + " x " + (box[3] - box[1]) + "); a bbox is [x0, y0, x1, y1] with x0 < x1 and y0 < y1");
        }
        return box;
    }

    /**
     * The {@code zoom_factor} cell of a sample: 1 when empty.
     *
     * @throws IllegalArgumentException naming {@code sample} when it is not a power of 2 (1, 2, 4, …)
     */
    static int zoom(String cell, String sample) {
        if (cell == null || cell.isBlank()) {
            return 1;
        }
        double z;
        try {
            z = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            z = Double.NaN;
        }
        if (!(z >= 1 && z <= 1 << 30 && z == Math.rint(z) && Integer.bitCount((int) z) == 1)) {
            throw new IllegalArgumentException("Sample '" + sample + "': zoom_factor '" + cell + "' is not a power of 2 (1, 2, 4, …)");
        }
        return (int) z;
    }
}
