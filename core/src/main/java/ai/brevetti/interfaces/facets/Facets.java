package ai.brevetti.interfaces.facets;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.Tiles;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Json;
import ai.brevetti.internal.Progress;
import ai.brevetti.io.IoTools;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Facets Dive on the model page (Python's {@code build_facets}): {@code facets.json}, the first samples'
 * fields, and {@code spriteatlas.jpeg}, their 64×64 thumbnails in a square grid, in the same order.
 *
 * <pre>{@code
 * DataGenerator fds = new DataGenerator(samples).shuffle(true).seed(1).outputStructure("img", "category")
 *         .map(new ImagePipeline().targetSize(64, 64).antialias(true));
 * Facets.buildFacets(fds, job.artifactDir("facets"), 32);
 * }</pre>
 */
public final class Facets {
    private static final Logger LOG = LoggerFactory.getLogger(Facets.class);
    /** Thumbnail size the platform's Facets Dive expects. */
    public static final int THUMBNAIL = 64;
    /** Fields left out of facets.json by default. */
    public static final Set<String> EXCLUDED = Set.of("path", "bucket");
    /** Array columns (other than {@code img}) with at most this many values per sample go into facets.json. */
    public static final int MAX_TENSOR_VALUES = 64;
    /** JPEG quality of the sprite atlas (OpenCV's default, which the original used). */
    static final float JPEG_QUALITY = 0.95f;

    private Facets() {
    }

    /**
     * Writes {@code facets.json} and {@code spriteatlas.jpeg} into {@code dir} (a local folder or an
     * {@code s3://} prefix, written through the samples' storage) for the first {@code count} samples
     * of {@code generator}, with a progress bar. Fewer samples than {@code count}: uses those (and logs
     * it).
     *
     * <p>The generator must output {@code img} as 64×64 thumbnails (1 or 3 channels, values 0–255; they
     * are rounded and clamped to bytes) and a {@code category}. {@code facets.json} is a list with each
     * sample's text fields but {@code path}, {@code bucket} and pipeline internals ({@code _…}) ({@code category} as the
     * list of its classes), plus its small array columns (at most 64 values, e.g. {@code onehot}) as nested lists;
     * {@code img} is only in the atlas. The atlas is a {@code ceil(√n) × ceil(√n)} grid, row by row,
     * empty tiles black, RGB kept.
     *
     * @return true, as the original
     */
    public static boolean buildFacets(DataGenerator generator, String dir, int count) {
        return buildFacets(generator, dir, count, EXCLUDED);
    }

    /** As {@link #buildFacets(DataGenerator, String, int)}, leaving out the fields in {@code exclude}. */
    public static boolean buildFacets(DataGenerator generator, String dir, int count, Set<String> exclude) {
        if (count <= 0) {
            throw new IllegalArgumentException("buildFacets needs a positive count, not " + count);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Tensor> thumbnails = new ArrayList<>();
        Iterator<Batch> batches = generator.iterator();
        try (Progress progress = Progress.start("Facets", count)) {
            boolean checked = false;
            while (rows.size() < count && batches.hasNext()) {
                Batch batch = batches.next();
                if (!checked) {
                    check(batch);
                    checked = true;
                }
                Tensor img = batch.tensor("img");
                for (int i = 0; i < batch.size() && rows.size() < count; i++) {
                    rows.add(row(batch, i, exclude));
                    thumbnails.add(img.slice(i));
                    progress.step();
                }
            }
        } finally {
            if (batches instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("Closing the generator: {}", e.toString());
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("buildFacets: the generator gave no samples; facets need at least one");
        }
        if (rows.size() < count) {
            LOG.info("Facets: the generator gave {} samples, fewer than the {} asked for; the facets show those {}",
                    rows.size(), count, rows.size());
        }
        IoTools io = generator.samples().io();
        String facetsPath = IoTools.join(dir, "facets.json");
        String spritePath = IoTools.join(dir, "spriteatlas.jpeg");
        io.writeFile(facetsPath, Json.writePython(rows));
        io.writeFile(spritePath, jpeg(atlas(thumbnails)));
        LOG.info("Facets of {} samples written to {}", rows.size(), dir);
        return true;
    }

    private static void check(Batch batch) {
        String fix = "; map the generator through new ImagePipeline().targetSize(64, 64) and keep the samples' category";
        if (!batch.has("img") || !(batch.get("img") instanceof Tensor img)) {
            throw new IllegalArgumentException("buildFacets needs the generator to output 'img' thumbnails; the batches have "
                    + batch.keys() + fix);
        }
        int[] shape = img.shape();
        if (shape.length != 4 || shape[1] != THUMBNAIL || shape[2] != THUMBNAIL || (shape[3] != 1 && shape[3] != 3)) {
            throw new IllegalArgumentException("buildFacets needs 64x64 thumbnails with 1 or 3 channels in 'img', not a batch of shape "
                    + Arrays.toString(shape) + fix);
        }
        if (!batch.has("category")) {
            throw new IllegalArgumentException("buildFacets needs the samples' 'category'; the batches have " + batch.keys() + fix);
        }
    }

    /** One sample's fields for facets.json. */
    static Map<String, Object> row(Batch batch, int i, Set<String> exclude) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String key : batch.keys()) {
            // '_' columns are pipeline internals (e.g. _image_file_shape), not sample fields
            if (exclude.contains(key) || key.equals("img") || key.startsWith("_")) {
                continue;
            }
            Object column = batch.get(key);
            if (column instanceof String[] text) {
                row.put(key, key.equals("category") ? Samples.categories(text[i]) : text[i]);
            } else if (column instanceof Tensor t) {
                Tensor one = t.slice(i);
                if (one.data().length <= MAX_TENSOR_VALUES) {
                    row.put(key, nested(one.data(), one.shape(), 0, 0));
                }
            }
        }
        return row;
    }

    /** Values of a row-major array of {@code shape} from axis {@code axis} on, as nested lists. */
    private static Object nested(float[] data, int[] shape, int axis, int offset) {
        if (axis == shape.length) {
            float v = data[offset];
            return Float.isNaN(v) || Float.isInfinite(v) ? null : Double.valueOf(Float.toString(v));
        }
        int stride = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        List<Object> out = new ArrayList<>(shape[axis]);
        for (int k = 0; k < shape[axis]; k++) {
            out.add(nested(data, shape, axis + 1, offset + k * stride));
        }
        return out;
    }

    /** The thumbnails in a {@code ceil(√n)}-square grid (Python's {@code create_atlas}). */
    static FloatImage atlas(List<Tensor> thumbnails) {
        int side = (int) Math.ceil(Math.sqrt(thumbnails.size()));
        return Tiles.tile2d(Tensor.stack(thumbnails), side, side);
    }

    /** The atlas as a JPEG: values rounded and clamped to 0–255, grey for 1 channel, RGB for 3. */
    static byte[] jpeg(FloatImage atlas) {
        BufferedImage image = atlas.toBufferedImage();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the sprite atlas as JPEG: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
