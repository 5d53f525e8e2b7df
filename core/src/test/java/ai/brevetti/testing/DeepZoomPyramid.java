package ai.brevetti.testing;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * Writes Deep Zoom pyramids for the tests and benchmarks, with ImageIO, independently of the code that
 * reads them: level {@code L} of {@code ceil(log2(max(W, H)))} is the full image, each level below averages
 * 2×2 pixels of the one above (those that exist at the right and bottom edges), rounding; tiles of
 * {@code tileSize} pixels hold {@code overlap} pixels of each neighbour, at
 * {@code <tiles>/<level>/<column>_<row>.<format>}.
 */
public final class DeepZoomPyramid {
    private DeepZoomPyramid() {}

    /** Pixels of one level of a pyramid, for writing it tile by tile without the whole image in memory. */
    @FunctionalInterface
    public interface LevelSource {
        /** The level's pixels {@code [x, x + width) × [y, y + height)}, all inside the level. */
        BufferedImage region(int level, int x, int y, int width, int height);
    }

    /** The level of the full image of {@code width × height}. */
    public static int maxLevel(int width, int height) {
        int max = Math.max(width, height);
        return max <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(max - 1);
    }

    /** Every level of {@code full}, level 0 first: 2×2 averages, rounded half up. */
    public static List<BufferedImage> levels(BufferedImage full) {
        List<BufferedImage> down = new ArrayList<>();
        BufferedImage level = full;
        down.add(level);
        for (int l = maxLevel(full.getWidth(), full.getHeight()); l > 0; l--) {
            level = half(level);
            down.add(level);
        }
        List<BufferedImage> up = new ArrayList<>();
        for (int i = down.size() - 1; i >= 0; i--) {
            up.add(down.get(i));
        }
        return up;
    }

    private static BufferedImage half(BufferedImage in) {
        int w = (in.getWidth() + 1) / 2;
        int h = (in.getHeight() + 1) / 2;
        int bands = in.getRaster().getNumBands();
        BufferedImage out = new BufferedImage(w, h, in.getType());
        WritableRaster o = out.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < bands; b++) {
                    int sum = 0;
                    int n = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            if (2 * x + dx < in.getWidth() && 2 * y + dy < in.getHeight()) {
                                sum += in.getRaster().getSample(2 * x + dx, 2 * y + dy, b);
                                n++;
                            }
                        }
                    }
                    o.setSample(x, y, b, (sum + n / 2) / n);
                }
            }
        }
        return out;
    }

    /**
     * Writes {@code full} as a pyramid: the header at {@code header} (XML when it ends with {@code .dzi},
     * else JSON) and the tiles under {@code tiles}. Returns the number of tiles written.
     */
    public static int write(BufferedImage full, Path header, Path tiles, int tileSize, int overlap, String format) {
        List<BufferedImage> levels = levels(full);
        return write(full.getWidth(), full.getHeight(), (level, x, y, w, h) -> levels.get(level).getSubimage(x, y, w, h),
                header, tiles, tileSize, overlap, format, 0.9f);
    }

    /** Which tiles a call writes (to share the work between threads). */
    @FunctionalInterface
    public interface TileFilter {
        boolean accept(int level, int column, int row);
    }

    /** As {@link #write(BufferedImage, Path, Path, int, int, String)} from a source of each level's pixels; JPEG at {@code quality}. */
    public static int write(int width, int height, LevelSource source, Path header, Path tiles, int tileSize, int overlap,
                            String format, float quality) {
        try {
            Files.createDirectories(header.toAbsolutePath().getParent());
            Files.writeString(header, header(width, height, tileSize, overlap, format, header.toString().endsWith(".dzi")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writeTiles(width, height, source, tiles, tileSize, overlap, format, quality, (level, column, row) -> true);
    }

    /** The tiles {@code filter} accepts (no header); returns how many were written. */
    public static int writeTiles(int width, int height, LevelSource source, Path tiles, int tileSize, int overlap,
                                 String format, float quality, TileFilter filter) {
        try {
            int count = 0;
            int max = maxLevel(width, height);
            for (int level = max; level >= 0; level--) {
                int step = 1 << (max - level);
                int lw = (width + step - 1) / step;
                int lh = (height + step - 1) / step;
                Path folder = Files.createDirectories(tiles.resolve(Integer.toString(level)));
                for (int row = 0; row * tileSize < lh; row++) {
                    for (int column = 0; column * tileSize < lw; column++) {
                        if (!filter.accept(level, column, row)) {
                            continue;
                        }
                        int x0 = Math.max(0, column * tileSize - overlap);
                        int y0 = Math.max(0, row * tileSize - overlap);
                        int x1 = Math.min(lw, (column + 1) * tileSize + overlap);
                        int y1 = Math.min(lh, (row + 1) * tileSize + overlap);
                        BufferedImage tile = source.region(level, x0, y0, x1 - x0, y1 - y0);
                        Files.write(folder.resolve(column + "_" + row + "." + format), encode(tile, format, quality));
                        count++;
                    }
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header's text: XML as Microsoft's schema, or the JSON form with its values quoted as OpenSeadragon writes them. */
    public static String header(int width, int height, int tileSize, int overlap, String format, boolean xml) {
        if (xml) {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<Image xmlns=\"http://schemas.microsoft.com/deepzoom/2008\" Format=\"" + format + "\" Overlap=\"" + overlap
                    + "\" TileSize=\"" + tileSize + "\">\n  <Size Height=\"" + height + "\" Width=\"" + width + "\"/>\n</Image>\n";
        }
        return "{\"Image\": {\"xmlns\": \"http://schemas.microsoft.com/deepzoom/2008\", \"Format\": \"" + format + "\", \"Overlap\": \""
                + overlap + "\", \"TileSize\": \"" + tileSize + "\", \"Size\": {\"Height\": \"" + height + "\", \"Width\": \"" + width + "\"}}}";
    }

    /** A copy that shares no raster with its source (a sub-image would be written whole by some writers). */
    private static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), image.getType() == 0 ? BufferedImage.TYPE_3BYTE_BGR : image.getType());
        out.getRaster().setRect(image.getRaster());
        return out;
    }

    private static byte[] encode(BufferedImage tile, String format, float quality) throws IOException {
        BufferedImage image = copy(tile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals("jpg") || f.equals("jpeg")) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            try (var stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        } else if (!ImageIO.write(image, f, out)) {
            throw new IllegalStateException("No ImageIO writer for " + format);
        }
        return out.toByteArray();
    }
}
