package ai.brevetti.data.image;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/** What the glimpse steps share: the box a window is drawn in, the window's size, clipping, the written columns. */
final class Glimpses {
    /** The largest window side, in full-image pixels (target side × zoom). */
    static final long MAX_WINDOW = 1L << 30;

    private Glimpses() {}

    /** A target of {@code height × width} view pixels at {@code zoom}: positive, a power-of-2 zoom, a window of at most 2^30 pixels a side. */
    static void checkTarget(int height, int width, int zoom) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("A glimpse's target shape is positive, not " + height + "x" + width);
        }
        ImageView.checkZoom(zoom);
        if ((long) height * zoom > MAX_WINDOW || (long) width * zoom > MAX_WINDOW) {
            throw new IllegalArgumentException("A glimpse of " + height + "x" + width + " at zoom " + zoom + " covers more than "
                    + MAX_WINDOW + " pixels a side");
        }
    }

    /** The full image's {@code [width, height]} from the sample's size cell, or null. */
    static long[] size(Object sizeCell, String where) {
        long[] size = ViewColumns.numbers(sizeCell, ImageView.SIZE_KEY, where);
        if (size != null && (size.length != 2 || size[0] <= 0 || size[1] <= 0)) {
            throw ViewColumns.bad(where, ImageView.SIZE_KEY, sizeCell, "the image's [width, height], two positive whole numbers");
        }
        return size;
    }

    /**
     * The box {@code [x0, y0, x1, y1]} a sample's window is drawn in: its bbox cell, or its whole image from
     * its size; null when it has neither.
     */
    static long[] region(Object bboxCell, String bboxKey, long[] size, String where) {
        long[] box = ViewColumns.numbers(bboxCell, bboxKey, where);
        if (box == null) {
            return size == null ? null : new long[] {0, 0, size[0], size[1]};
        }
        if (box.length != 4) {
            throw ViewColumns.bad(where, bboxKey, bboxCell, "[x0, y0, x1, y1], four whole numbers");
        }
        if (box[2] <= box[0] || box[3] <= box[1]) {
            throw new IllegalArgumentException(where + ": its " + bboxKey + " " + Arrays.toString(box) + " has "
                    + (box[2] < box[0] || box[3] < box[1] ? "a negative" : "no") + " size: a bbox is [x0, y0, x1, y1] with x1 > x0 and y1 > y0");
        }
        return box;
    }

    /**
     * A window origin, a multiple of {@code zoom}, drawn uniformly among those whose window of {@code window}
     * pixels overlaps {@code [from, to)} by at least one pixel (there is always one: the window is at least
     * {@code zoom} wide).
     */
    static long overlapping(SplittableRandom r, long from, long to, long window, int zoom) {
        long first = -Math.floorDiv(-(from - window + 1), zoom);
        long last = Math.floorDiv(to - 1, zoom);
        return (first + r.nextLong(last - first + 1)) * zoom;
    }

    /** {@code origin} rounded down to a multiple of {@code zoom}: a view on whole pixels of its Deep Zoom level. */
    static long aligned(long origin, int zoom) {
        return Math.floorDiv(origin, zoom) * zoom;
    }

    /**
     * The origin (a multiple of {@code zoom}) moved so that the window lies inside the image of {@code size}
     * pixels along this axis, keeping it a multiple of the zoom (at 0 when the window is larger than the image).
     */
    static long clip(long origin, long window, long size, int zoom) {
        return Math.max(0, Math.min(origin, aligned(size - window, zoom)));
    }

    /** The batch with the windows as {@code bboxKey} (B, 4) and the zoom as {@value ImageView#ZOOM_KEY} (B). */
    static Batch write(Batch batch, String bboxKey, long[] boxes, int zoom, String name) {
        float[] values = new float[boxes.length];
        for (int k = 0; k < boxes.length; k++) {
            if (Math.abs(boxes[k]) > 1 << 24) {
                throw new IllegalArgumentException(name + " drew a window " + Arrays.toString(Arrays.copyOfRange(boxes, k / 4 * 4, k / 4 * 4 + 4))
                        + " beyond ±2^24 pixels, which a float column cannot hold exactly");
            }
            values[k] = boxes[k];
        }
        float[] zooms = new float[batch.size()];
        Arrays.fill(zooms, zoom);
        return batch.with(bboxKey, new Tensor(values, batch.size(), 4)).with(ImageView.ZOOM_KEY, new Tensor(zooms, batch.size()));
    }
}
