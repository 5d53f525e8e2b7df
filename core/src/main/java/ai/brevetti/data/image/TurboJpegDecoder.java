package ai.brevetti.data.image;

import static ai.brevetti.data.image.TurboJpegLibrary.tjDecompress2;
import static ai.brevetti.data.image.TurboJpegLibrary.tjDecompressHeader3;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;

/**
 * Decodes JPEG files with libjpeg-turbo ({@link TurboJpegLibrary}), exactly or at a reduced scale (its
 * scaled IDCT: 1/2, 1/4, 1/8, each sample the mean of a block of the file), into rows for the resize. Grey
 * files give 1 channel, YCbCr and RGB files 3 (RGB), as ImageIO's reader does. Everything else (CMYK,
 * YCCK, files with an embedded ICC colour profile, which ImageIO converts to sRGB, 12-bit or lossless
 * files, and any file the library reports an error or warning for, damaged ones included) is left to
 * ImageIO: {@link #rows} then returns {@code null}, as {@link BmpDecoder} does.
 *
 * <p>Each thread has its own decompressor and its own native input and output buffers (reused from one
 * file to the next; one larger than {@value #KEEP_BYTES} bytes is not kept). The rows a decode returns
 * read the thread's output buffer, so they are valid on that thread until it decodes the next JPEG;
 * reading them later or elsewhere throws.
 */
final class TurboJpegDecoder {
    /** Native buffers up to this size stay with the thread for the next file. */
    static final int KEEP_BYTES = 32 << 20;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ThreadLocal<Context> CONTEXTS = ThreadLocal.withInitial(Context::new);

    private TurboJpegDecoder() {}

    /**
     * The file decoded exactly ({@code targetHeight} or {@code targetWidth} ≤ 0) or, for a target at least
     * twice smaller, at the reduction 1/n with {@code n = floor(min(height / targetHeight, width /
     * targetWidth))} rounded down to 1, 2, 4 or 8 (as ImageIO's reduced decode chooses its step, which is
     * not limited to powers of two); {@code null} when libjpeg-turbo does not decode this file.
     */
    static ImageDecoder.Decoded rows(byte[] bytes, int targetHeight, int targetWidth) {
        if (!ImageDecoder.isJpeg(bytes) || hasColourProfile(bytes)) {
            return null;
        }
        Context c = CONTEXTS.get();
        Pointer in = c.input(bytes);
        NativeLong size = new NativeLong(bytes.length);
        if (tjDecompressHeader3(c.handle, in, size, c.width, c.height, c.subsampling, c.colourSpace) != 0) {
            return null;
        }
        int fileWidth = c.header.getInt(0);
        int fileHeight = c.header.getInt(4);
        int colourSpace = c.header.getInt(12);
        int channels;
        int format;
        if (colourSpace == TurboJpegLibrary.TJCS_GRAY) {
            channels = 1;
            format = TurboJpegLibrary.TJPF_GRAY;
        } else if (colourSpace == TurboJpegLibrary.TJCS_YCBCR || colourSpace == TurboJpegLibrary.TJCS_RGB) {
            channels = 3;
            format = TurboJpegLibrary.TJPF_RGB;
        } else {
            return null;
        }
        if (fileWidth <= 0 || fileHeight <= 0) {
            return null;
        }
        int n = 1;
        if (targetHeight > 0 && targetWidth > 0) {
            int most = Math.min(fileHeight / targetHeight, fileWidth / targetWidth);
            n = most >= 2 ? TurboJpegLibrary.reduction(most, fileWidth, fileHeight) : 1;
        }
        int width = (fileWidth + n - 1) / n;
        int height = (fileHeight + n - 1) / n;
        long pitch = (long) width * channels;
        if (pitch * height > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer out = c.output((int) (pitch * height));
        if (tjDecompress2(c.handle, in, size, c.outPointer, width, (int) pitch, height, format, 0) != 0) {
            // an error, or a warning (a damaged or truncated file): ImageIO decodes it or says why not, as before
            return null;
        }
        Rows rows = new Rows(c, ++c.generation, out, height, width, channels);
        return n == 1 ? ImageDecoder.Decoded.full(rows)
                : new ImageDecoder.Decoded(rows, SampleGrid.blocks(n, fileHeight), SampleGrid.blocks(n, fileWidth));
    }

    /** Whether an APP2 {@code ICC_PROFILE} segment comes before the image data (ImageIO converts such files to sRGB). */
    static boolean hasColourProfile(byte[] b) {
        int at = 2;
        while (at + 4 <= b.length) {
            if ((b[at] & 0xff) != 0xFF) {
                return false;
            }
            int marker = b[at + 1] & 0xff;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return false;
            }
            int length = (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
            if (marker == 0xE2 && length >= 14 && at + 16 <= b.length && startsWith(b, at + 4, "ICC_PROFILE")) {
                return true;
            }
            at += 2 + length;
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (b[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return b[at + text.length()] == 0;
    }

    /** One thread's decompressor and buffers. */
    private static final class Context {
        final Pointer handle;
        final Thread owner = Thread.currentThread();
        /** width, height, subsampling, colour space (4 ints) from tjDecompressHeader3. */
        final Memory header = new Memory(16);
        final Pointer width = header.share(0);
        final Pointer height = header.share(4);
        final Pointer subsampling = header.share(8);
        final Pointer colourSpace = header.share(12);
        Memory in;
        Memory out;
        Pointer outPointer;
        ByteBuffer outBytes;
        /** One row's bytes, for the conversion to floats. */
        byte[] row = new byte[0];
        int generation;

        Context() {
            Pointer h = TurboJpegLibrary.tjInitDecompress();
            if (h == null) {
                throw new IllegalStateException("libjpeg-turbo could not make a decompressor: "
                        + TurboJpegLibrary.tjGetErrorStr2(null));
            }
            handle = h;
            CLEANER.register(this, () -> TurboJpegLibrary.tjDestroy(h));
        }

        /** The file's bytes in native memory (the thread's buffer, or a one-off one for a large file). */
        Pointer input(byte[] bytes) {
            Memory target = in;
            if (target == null || target.size() < bytes.length) {
                target = new Memory(Math.max(bytes.length, 64 << 10));
                if (bytes.length <= KEEP_BYTES) {
                    in = target;
                }
            }
            target.write(0, bytes, 0, bytes.length);
            return target;
        }

        /** Room for {@code size} decoded bytes at {@link #outPointer}; their view. */
        ByteBuffer output(int size) {
            if (out != null && out.size() >= size) {
                outPointer = out;
                return outBytes;
            }
            Memory target = new Memory(Math.max(size, 1));
            ByteBuffer view = target.getByteBuffer(0, target.size());
            outPointer = target;
            if (size <= KEEP_BYTES) {
                out = target;
                outBytes = view;
            }
            return view;
        }

        byte[] row(int length) {
            if (row.length < length) {
                row = new byte[length];
            }
            return row;
        }
    }

    /** The decoded rows, read from the thread's output buffer while it still holds them. */
    private record Rows(Context context, int generation, ByteBuffer bytes, int height, int width, int channels)
            implements PixelRows {
        @Override
        public void row(int y, float[] dst, int offset) {
            if (context.generation != generation || Thread.currentThread() != context.owner) {
                throw new IllegalStateException("libjpeg-turbo's rows are read on the thread that decoded them, "
                        + "before it decodes the next JPEG");
            }
            int length = width * channels;
            byte[] row = context.row(length);
            bytes.get(y * length, row, 0, length);
            ByteValues.toFloats(row, 0, dst, offset, length);
        }
    }
}
