package ai.brevetti.data.image;

/**
 * A region of interest {@code [[x1, y1], [x2, y2]]}: the crop {@code image[y1:y2, x1:x2]} (x2 and y2
 * excluded). A region reaching outside the image reads zeros there, so a crop always has the region's
 * own size.
 */
public record Roi(int x1, int y1, int x2, int y2) {
    public Roi {
        if (x2 <= x1 || y2 <= y1 || x1 < 0 || y1 < 0) {
            throw new IllegalArgumentException("A region of interest needs 0 <= x1 < x2 and 0 <= y1 < y2, not " + this);
        }
    }

    /** From Python's form {@code [[x1, y1], [x2, y2]]}. */
    public static Roi of(int[][] corners) {
        if (corners.length != 2 || corners[0].length != 2 || corners[1].length != 2) {
            throw new IllegalArgumentException("A region of interest is [[x1, y1], [x2, y2]]");
        }
        return new Roi(corners[0][0], corners[0][1], corners[1][0], corners[1][1]);
    }

    public int width() {
        return x2 - x1;
    }

    public int height() {
        return y2 - y1;
    }

    /** The crop of {@code image}, zeros where the region is outside it. */
    public FloatImage crop(FloatImage image) {
        int c = image.channels();
        float[] in = image.data();
        float[] out = new float[height() * width() * c];
        int fromX = Math.min(x1, image.width());
        int toX = Math.min(x2, image.width());
        int rowValues = (toX - fromX) * c;
        for (int y = y1; y < Math.min(y2, image.height()) && rowValues > 0; y++) {
            System.arraycopy(in, (y * image.width() + fromX) * c, out, (y - y1) * width() * c, rowValues);
        }
        return new FloatImage(height(), width(), c, out);
    }

    @Override
    public String toString() {
        return "[[" + x1 + ", " + y1 + "], [" + x2 + ", " + y2 + "]]";
    }
}
