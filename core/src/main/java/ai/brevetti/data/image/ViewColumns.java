package ai.brevetti.data.image;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the view columns of a sample ({@value ImageView#BBOX_KEY}, {@value ImageView#ZOOM_KEY},
 * {@value ImageView#SIZE_KEY}, and the glimpses' points) from a batch or a samples table: a text cell holds
 * JSON (a number or an array of numbers, the {@code .samples} files' form; blank means none), a tensor
 * column one row of numbers per sample. Bad values are errors that name the sample's path and the value.
 */
final class ViewColumns {
    private ViewColumns() {}

    /**
     * What a sample's columns say about its view: the box ({@code null} when none), the zoom (1 when none)
     * and the full image's size {@code [width, height]} ({@code null} when none).
     */
    record Request(ImageView view, int zoom, int[] size) {
        static final Request NONE = new Request(null, 1, null);

        /** The view when the columns alone give it: the box, or a zoom over the known size. */
        Optional<ImageView> known() {
            if (view != null) {
                return Optional.of(view);
            }
            return zoom != 1 && size != null ? Optional.of(ImageView.whole(size[0], size[1], zoom)) : Optional.empty();
        }

        /** True when the sample looks at its whole image at full size (no box, zoom 1). */
        boolean isWholeImage() {
            return view == null && zoom == 1;
        }

        /** The view of an image of {@code width × height}: the box, or the whole image at the zoom. */
        ImageView resolve(int width, int height) {
            return view != null ? view : ImageView.whole(width, height, zoom);
        }

        /** The image's {@code {height, width}} as loaded, when the columns tell it (for a file that cannot be read); else null. */
        int[] knownShape() {
            if (view != null) {
                return new int[] {view.height(), view.width()};
            }
            return size == null ? null : new int[] {ImageView.ceilDiv(size[1], zoom), ImageView.ceilDiv(size[0], zoom)};
        }
    }

    /** Sample {@code i}'s request in a batch. */
    static Request request(Batch batch, int i) {
        if (!batch.has(ImageView.BBOX_KEY) && !batch.has(ImageView.ZOOM_KEY) && !batch.has(ImageView.SIZE_KEY)) {
            return Request.NONE;
        }
        String where = where(batch, i);
        return request(cell(batch, ImageView.BBOX_KEY, i), cell(batch, ImageView.ZOOM_KEY, i), cell(batch, ImageView.SIZE_KEY, i), where);
    }

    /** Row {@code row}'s request in a samples table. */
    static Request request(Samples samples, int row) {
        String where = where(samples, row);
        return request(cell(samples, ImageView.BBOX_KEY, row), cell(samples, ImageView.ZOOM_KEY, row),
                cell(samples, ImageView.SIZE_KEY, row), where);
    }

    /** Checks every row's view columns, so that a bad value stops the generator before its first batch. */
    static void check(Samples samples) {
        if (!samples.has(ImageView.BBOX_KEY) && !samples.has(ImageView.ZOOM_KEY) && !samples.has(ImageView.SIZE_KEY)) {
            return;
        }
        for (int row = 0; row < samples.size(); row++) {
            request(samples, row);
        }
    }

    private static Request request(Object bboxCell, Object zoomCell, Object sizeCell, String where) {
        long[] zoomValues = numbers(zoomCell, ImageView.ZOOM_KEY, where);
        int zoom = 1;
        if (zoomValues != null) {
            if (zoomValues.length != 1) {
                throw bad(where, ImageView.ZOOM_KEY, zoomCell, "one number");
            }
            try {
                ImageView.checkZoom(zoomValues[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            zoom = (int) zoomValues[0];
        }
        long[] size = numbers(sizeCell, ImageView.SIZE_KEY, where);
        if (size != null && (size.length != 2 || size[0] <= 0 || size[1] <= 0 || size[0] > Integer.MAX_VALUE || size[1] > Integer.MAX_VALUE)) {
            throw bad(where, ImageView.SIZE_KEY, sizeCell, "the image's [width, height], two positive whole numbers");
        }
        long[] box = numbers(bboxCell, ImageView.BBOX_KEY, where);
        ImageView view = null;
        if (box != null) {
            if (box.length != 4) {
                throw bad(where, ImageView.BBOX_KEY, bboxCell, "[x0, y0, x1, y1], four whole numbers");
            }
            for (long v : box) {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw bad(where, ImageView.BBOX_KEY, bboxCell, "[x0, y0, x1, y1] within ±" + Integer.MAX_VALUE);
                }
            }
            try {
                view = new ImageView((int) box[0], (int) box[1], (int) box[2], (int) box[3], zoom);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage() + "; fix the sample's " + ImageView.BBOX_KEY + " column", e);
            }
        }
        return new Request(view, zoom, size == null ? null : new int[] {(int) size[0], (int) size[1]});
    }

    /** A sample's points {@code [[a, b], …]} (pairs; an empty array for none), or null without a value. */
    static long[][] points(Object cell, String key, String where) {
        if (cell == null) {
            return null;
        }
        if (cell instanceof float[] row) {
            if (row.length % 2 != 0) {
                throw bad(where, key, cell, "pairs of numbers (a tensor of shape (batch, points, 2))");
            }
            long[][] out = new long[row.length / 2][];
            for (int p = 0; p < out.length; p++) {
                out[p] = new long[] {whole(row[2 * p], key, cell, where), whole(row[2 * p + 1], key, cell, where)};
            }
            return out;
        }
        String text = ((String) cell).trim();
        if (text.isEmpty()) {
            return null;
        }
        List<Object> list;
        try {
            list = Json.parseList(text);
        } catch (JsonProcessingException | RuntimeException e) {
            throw bad(where, key, cell, "a JSON array of [a, b] pairs");
        }
        if (list == null) {
            return null;
        }
        long[][] out = new long[list.size()][];
        for (int p = 0; p < out.length; p++) {
            if (!(list.get(p) instanceof List<?> pair) || pair.size() != 2) {
                throw bad(where, key, cell, "a JSON array of [a, b] pairs");
            }
            out[p] = new long[] {whole(pair.get(0), key, cell, where), whole(pair.get(1), key, cell, where)};
        }
        return out;
    }

    /** The numbers of a cell (a JSON number or array, or a tensor row); null for no value. */
    static long[] numbers(Object cell, String key, String where) {
        if (cell == null) {
            return null;
        }
        if (cell instanceof float[] row) {
            long[] out = new long[row.length];
            for (int k = 0; k < row.length; k++) {
                out[k] = whole(row[k], key, cell, where);
            }
            return out;
        }
        String text = ((String) cell).trim();
        if (text.isEmpty() || text.equalsIgnoreCase("nan") || text.equalsIgnoreCase("none") || text.equals("null")) {
            return null;
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonProcessingException | RuntimeException e) {
            throw bad(where, key, cell, "a JSON number or array of numbers");
        }
        if (parsed == null) {
            return null;
        }
        List<?> values = parsed instanceof List<?> list ? list : List.of(parsed);
        long[] out = new long[values.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = whole(values.get(k), key, cell, where);
        }
        return out;
    }

    private static long whole(Object value, String key, Object cell, String where) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return (long) d;
            }
        }
        throw bad(where, key, cell, "whole numbers of pixels");
    }

    static IllegalArgumentException bad(String where, String key, Object cell, String expected) {
        String shown = cell instanceof float[] row ? Arrays.toString(row) : String.valueOf(cell);
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "…";
        }
        return new IllegalArgumentException(where + ": its " + key + " '" + shown + "' is not " + expected);
    }

    /** {@code Sample row ('path')}, for messages. */
    static String where(Samples samples, int row) {
        return "Sample " + row + (samples.has("path") ? " ('" + samples.get(row, "path") + "')" : "");
    }

    /** {@code Sample i ('path')}, for messages. */
    static String where(Batch batch, int i) {
        return "Sample " + i + (batch.has("path") && batch.get("path") instanceof String[] paths ? " ('" + paths[i] + "')" : "");
    }

    /** Sample {@code i}'s cell: its text, its tensor row's values, or null when the batch has no such column. */
    static Object cell(Batch batch, String key, int i) {
        if (!batch.has(key)) {
            return null;
        }
        Object column = batch.get(key);
        if (column instanceof String[] text) {
            return text[i];
        }
        Tensor t = (Tensor) column;
        float[] data = t.data();
        int per = data.length / batch.size();
        return Arrays.copyOfRange(data, i * per, (i + 1) * per);
    }

    /** Row {@code row}'s text in a samples table, or null when the table has no such column. */
    static Object cell(Samples samples, String key, int row) {
        return samples.has(key) ? samples.get(row, key) : null;
    }
}
