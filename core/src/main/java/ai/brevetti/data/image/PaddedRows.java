package ai.brevetti.data.image;

import java.util.Arrays;

/**
 * The rows of a {@code height × width} canvas of zeros with an image laid on it at {@code (left, top)}
 * (either may be negative, the image may reach past the canvas): a crop that reaches outside the image,
 * made row by row so that a large one is never held whole. {@code image} may be null: zeros only.
 */
final class PaddedRows implements PixelRows {
    private final PixelRows image;
    private final int left;
    private final int top;
    private final int height;
    private final int width;
    private final int channels;
    private float[] row;

    PaddedRows(PixelRows image, int left, int top, int height, int width, int channels) {
        if (image != null && image.channels() != channels) {
            throw new IllegalArgumentException("An image of " + image.channels() + " channels on a canvas of " + channels);
        }
        this.image = image;
        this.left = left;
        this.top = top;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public void row(int y, float[] dst, int offset) {
        int c = channels;
        int iy = y - top;
        int from = image == null ? 0 : Math.max(0, -left);
        int to = image == null ? 0 : Math.min(image.width(), width - left);
        if (image == null || iy < 0 || iy >= image.height() || from >= to) {
            Arrays.fill(dst, offset, offset + width * c, 0f);
            return;
        }
        if (left == 0 && image.width() == width) {
            image.row(iy, dst, offset); // the canvas is exactly this image's row
            return;
        }
        if (row == null) {
            row = new float[image.width() * c];
        }
        image.row(iy, row, 0);
        int at = left + from;
        Arrays.fill(dst, offset, offset + at * c, 0f);
        System.arraycopy(row, from * c, dst, offset + at * c, (to - from) * c);
        Arrays.fill(dst, offset + (at + to - from) * c, offset + width * c, 0f);
    }
}
