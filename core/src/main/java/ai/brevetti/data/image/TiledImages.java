package ai.brevetti.data.image;

import ai.brevetti.io.IoTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deep Zoom images for one {@link ImagePipeline} (and its storage): their headers, read once each; which
 * {@code .tif} samples have tiles ({@code <bucket>/.tiles/<path in the dataset>/dzi.json}, looked up once
 * each); and reading a view from the tiles. Tiles are read through the pipeline's {@link IoTools}, so remote
 * ones are cached like any dataset file (served with no request once read, for a job's datasets).
 *
 * <p>A tile that cannot be read or decoded is black; the first such tile of an image is logged (WARN,
 * naming the tile and the image), later ones of the same image are not.
 */
final class TiledImages {
    private static final Logger LOG = LoggerFactory.getLogger(ImagePipeline.class);
    private static final int CACHE_LIMIT = 4096;

    private final Map<String, DeepZoom> headers = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> tifTiles = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** The header at {@code path} (read once; a failure is not remembered). */
    DeepZoom header(IoTools io, String path) {
        DeepZoom known = headers.get(path);
        if (known != null) {
            return known;
        }
        DeepZoom read = DeepZoom.parse(path, io.readFile(path));
        if (headers.size() >= CACHE_LIMIT) {
            headers.clear();
        }
        headers.put(path, read);
        return read;
    }

    /**
     * The tiles' header of a {@code .tif}/{@code .tiff} sample in dataset {@code bucket}, when
     * {@code <bucket>/.tiles/<path relative to bucket>/dzi.json} exists (looked up once per path); empty for
     * other files, samples outside the bucket, or tifs without tiles (read as they are).
     */
    Optional<String> tilesOf(IoTools io, String path, String bucket) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (bucket == null || bucket.isBlank() || !(lower.endsWith(".tif") || lower.endsWith(".tiff"))) {
            return Optional.empty();
        }
        String root = bucket.endsWith("/") ? bucket.substring(0, bucket.length() - 1) : bucket;
        if (!path.startsWith(root + "/")) {
            return Optional.empty();
        }
        Optional<String> known = tifTiles.get(path);
        if (known != null) {
            return known;
        }
        String header = IoTools.join(root, ".tiles", path.substring(root.length() + 1), "dzi.json");
        Optional<String> found = io.isFile(header) ? Optional.of(header) : Optional.empty();
        if (tifTiles.size() >= CACHE_LIMIT) {
            tifTiles.clear();
        }
        tifTiles.put(path, found);
        return found;
    }

    /**
     * The view of the Deep Zoom image {@code image}: read from the tiles of the level its zoom picks (the
     * finest level no finer than the zoom: an exact level for zooms up to the full image's; beyond, level 0
     * downscaled the rest of the way), only those the box covers, zeros outside the image.
     *
     * @param channels the channels of a view with no tile to read (the box outside the image)
     */
    FloatImage read(IoTools io, DeepZoom image, ImageView view, int channels) {
        int level = image.levelFor(view.zoom());
        int step = image.step(level);
        ViewAxis xs = ViewAxis.of(view.x0(), view.x1(), view.zoom(), step);
        ViewAxis ys = ViewAxis.of(view.y0(), view.y1(), view.zoom(), step);
        // the part of the box inside this level's image, in its pixels
        int ax0 = Math.max(0, xs.first());
        int ay0 = Math.max(0, ys.first());
        int ax1 = (int) Math.min(image.levelWidth(level), (long) xs.first() + xs.samples());
        int ay1 = (int) Math.min(image.levelHeight(level), (long) ys.first() + ys.samples());
        FloatImage inside = ax1 > ax0 && ay1 > ay0 ? assemble(io, image, level, ax0, ay0, ax1, ay1, channels) : null;
        if (inside != null && xs.isIdentity() && ys.isIdentity() && ax0 == xs.first() && ay0 == ys.first()
                && inside.width() == xs.samples() && inside.height() == ys.samples()) {
            return inside; // the box is inside the image, on the level's pixels: the tiles' pixels as they are
        }
        int c = inside == null ? channels : inside.channels();
        PixelRows region = new PaddedRows(inside == null ? null : PixelRows.of(inside), ax0 - xs.first(), ay0 - ys.first(),
                ys.samples(), xs.samples(), c);
        return ViewAxis.resample(region, ys, xs);
    }

    /** A piece of a tile: its pixels and where they go in the level. */
    private record Piece(PixelRows rows, int x, int y) {}

    /** The level's pixels {@code [ax0, ax1) × [ay0, ay1)} (inside the level) from the tiles that hold them. */
    private FloatImage assemble(IoTools io, DeepZoom image, int level, int ax0, int ay0, int ax1, int ay1, int channels) {
        int t = image.tileSize();
        List<Piece> pieces = new ArrayList<>();
        int c = 0;
        for (int row = ay0 / t; row <= (ay1 - 1) / t; row++) {
            for (int column = ax0 / t; column <= (ax1 - 1) / t; column++) {
                // the tile's own pixels (without the overlap) that the box needs, in the level
                int x0 = Math.max(ax0, column * t);
                int y0 = Math.max(ay0, row * t);
                int x1 = Math.min(ax1, (column + 1) * t);
                int y1 = Math.min(ay1, (row + 1) * t);
                int originX = image.tileOrigin(column);
                int originY = image.tileOrigin(row);
                String tile = image.tilePath(level, column, row);
                try {
                    ImageDecoder.Region region = ImageDecoder.decodeRegion(io.readFile(tile), x0 - originX, y0 - originY, x1 - x0, y1 - y0);
                    if (region == null) {
                        throw new ImageDecodeException("the tile is smaller than the header says");
                    }
                    pieces.add(new Piece(region.rows(), originX + region.x(), originY + region.y()));
                    c = Math.max(c, region.rows().channels());
                } catch (RuntimeException e) {
                    if (warned.add(image.path())) {
                        LOG.warn("Could not load tile '{}' of the Deep Zoom image '{}', its pixels are black (further tiles of this image that fail are not reported): {}",
                                tile, image.path(), e.getMessage());
                    }
                }
            }
        }
        if (c == 0) {
            c = channels;
        }
        int width = ax1 - ax0;
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(ay1 - ay0, width), c)];
        for (Piece piece : pieces) {
            PixelRows rows = piece.rows();
            int from = piece.x() - ax0;
            int n = Math.min(rows.width(), width - from);
            float[] line = new float[rows.width() * rows.channels()];
            float[] converted = rows.channels() == c ? line : new float[rows.width() * c];
            for (int y = 0; y < rows.height() && piece.y() - ay0 + y < ay1 - ay0; y++) {
                rows.row(y, line, 0);
                if (converted != line) {
                    ColorMode.convertRow(line, rows.channels(), converted, 0, c, rows.width());
                }
                System.arraycopy(converted, 0, out, ((piece.y() - ay0 + y) * width + from) * c, n * c);
            }
        }
        return new FloatImage(ay1 - ay0, width, c, out);
    }
}
