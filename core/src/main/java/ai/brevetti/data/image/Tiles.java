package ai.brevetti.data.image;

import ai.brevetti.data.generator.Tensor;

/** Mosaics of images (Python's {@code tile2d}). */
public final class Tiles {
    private Tiles() {}

    /**
     * The images of an NHWC batch laid out row by row in a {@code rows × cols} grid; missing tiles are
     * zero, extra images are left out.
     */
    public static FloatImage tile2d(Tensor images, int rows, int cols) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("tile2d needs an NHWC batch of images, not " + images);
        }
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("tile2d needs a grid of at least 1x1, not " + rows + "x" + cols);
        }
        int n = images.dim(0);
        int h = images.dim(1);
        int w = images.dim(2);
        int c = images.dim(3);
        float[] src = images.data();
        float[] out = new float[rows * h * cols * w * c];
        int rowStride = cols * w * c;
        for (int k = 0; k < Math.min(n, rows * cols); k++) {
            int tileY = k / cols;
            int tileX = k % cols;
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, ((k * h + y) * w) * c, out, (tileY * h + y) * rowStride + tileX * w * c, w * c);
            }
        }
        return new FloatImage(rows * h, cols * w, c, out);
    }

    /** A square-ish grid for all images of the batch. */
    public static FloatImage tile2d(Tensor images) {
        int n = images.dim(0);
        int cols = (int) Math.ceil(Math.sqrt(n));
        return tile2d(images, (n + cols - 1) / cols, cols);
    }
}
