package ai.brevetti.data.image;

/**
 * 8-bit samples as floats, read through a 256-entry table: on Java 17 a table read is cheaper than
 * converting an int to a float (the JIT vectorises neither): decoding a BMP to a {@link FloatImage} took
 * 1.2–1.3× less CPU with it (docs/benchmarks.md).
 */
final class ByteValues {
    private static final float[] VALUES = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            VALUES[v] = v;
        }
    }

    private ByteValues() {}

    /**
     * {@code width} BGR pixels {@code pixelStride} bytes apart from {@code b[src]} as RGB floats into
     * {@code dst[offset]}. The common strides (3, 4) have loops of their own, with a constant stride.
     */
    static void bgrToRgb(byte[] b, int src, int pixelStride, float[] dst, int offset, int width) {
        float[] v = VALUES;
        int end = offset + 3 * width;
        if (pixelStride == 3) {
            for (int o = offset, i = src; o < end; o += 3, i += 3) {
                dst[o] = v[b[i + 2] & 0xff];
                dst[o + 1] = v[b[i + 1] & 0xff];
                dst[o + 2] = v[b[i] & 0xff];
            }
        } else if (pixelStride == 4) {
            for (int o = offset, i = src; o < end; o += 3, i += 4) {
                dst[o] = v[b[i + 2] & 0xff];
                dst[o + 1] = v[b[i + 1] & 0xff];
                dst[o + 2] = v[b[i] & 0xff];
            }
        } else {
            for (int o = offset, i = src; o < end; o += 3, i += pixelStride) {
                dst[o] = v[b[i + 2] & 0xff];
                dst[o + 1] = v[b[i + 1] & 0xff];
                dst[o + 2] = v[b[i] & 0xff];
            }
        }
    }

    /** {@code count} samples {@code stride} bytes apart from {@code b[src]} as floats into {@code dst[offset]}. */
    static void toFloats(byte[] b, int src, int stride, float[] dst, int offset, int count) {
        float[] v = VALUES;
        for (int x = 0, i = src; x < count; x++, i += stride) {
            dst[offset + x] = v[b[i] & 0xff];
        }
    }

    /**
     * {@code count} consecutive samples from {@code b[src]} as floats into {@code dst[offset]} (libjpeg-turbo's
     * RGB and grey rows). Unlike the strided loops above, this one converts without the table: with
     * consecutive bytes the JIT vectorises the conversion, 1.75× faster than the table (41 against 72 µs for
     * a 224×224 RGB image, one thread).
     */
    static void toFloats(byte[] b, int src, float[] dst, int offset, int count) {
        for (int x = 0; x < count; x++) {
            dst[offset + x] = b[src + x] & 0xff;
        }
    }

    /** One sample as a float. */
    static float of(byte b) {
        return VALUES[b & 0xff];
    }
}
