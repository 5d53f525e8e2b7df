package ai.brevetti.data.image;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of libjpeg-turbo's TurboJPEG 2.x library ({@code libturbojpeg.so.0}, Debian's
 * {@code libturbojpeg0}) that decoding needs, bound through JNA's direct mapping (a native call costs
 * about as much as a JNI one; no proxy or reflection per call). {@link #bind} loads the library once;
 * until it has succeeded, none of the native methods may be called.
 */
final class TurboJpegLibrary {
    /** The names tried in order: the linker's name (with the -dev package), then the runtime package's soname. */
    static final List<String> NAMES = List.of("turbojpeg", "libturbojpeg.so.0");

    static final int TJPF_RGB = 0;
    static final int TJPF_GRAY = 6;
    static final int TJCS_RGB = 0;
    static final int TJCS_YCBCR = 1;
    static final int TJCS_GRAY = 2;

    /** The library bound to the native methods, or null. */
    private static NativeLibrary bound;
    /** The scaling factors {num, denom} in the library's order (tjDecompress2 takes the first that fits). */
    private static volatile int[][] factors = {{1, 1}};

    private TurboJpegLibrary() {}

    /**
     * Loads the first of {@code names} that the system has and binds the native methods to it (once: later
     * calls with a name that loads keep the first binding). Returns the loaded file, or throws
     * {@link UnsatisfiedLinkError} saying what each name gave.
     */
    static synchronized String bind(List<String> names) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            NativeLibrary library;
            try {
                library = NativeLibrary.getInstance(name);
            } catch (UnsatisfiedLinkError e) {
                problems.add(name + ": " + firstLine(e.getMessage()));
                continue;
            }
            if (bound == null) {
                Native.register(TurboJpegLibrary.class, library);
                bound = library;
                factors = factorsOffered();
            }
            return library.getFile() == null ? library.getName() : library.getFile().getPath();
        }
        throw new UnsatisfiedLinkError(String.join("; ", problems));
    }

    /** JNA's message without its list of resource paths: what the dynamic linker said. */
    private static String firstLine(String message) {
        if (message == null) {
            return "not found";
        }
        String[] lines = message.split("\n");
        return lines.length > 1 ? lines[0] + " " + lines[1] : lines[0];
    }

    /** {@code tjGetScalingFactors}: {num, denom} pairs, largest first. */
    private static int[][] factorsOffered() {
        com.sun.jna.Memory count = new com.sun.jna.Memory(4);
        Pointer list = tjGetScalingFactors(count);
        if (list == null) {
            return new int[][] {{1, 1}};
        }
        int[][] found = new int[count.getInt(0)][];
        for (int i = 0; i < found.length; i++) {
            found[i] = new int[] {list.getInt(8L * i), list.getInt(8L * i + 4)};
        }
        return found;
    }

    /**
     * The largest reduction 1/n (n of 1, 2, 4, 8) with n at most {@code most} that the library offers and
     * that {@code tjDecompress2} really picks for a file of {@code width × height} asked for
     * {@code ceil(width / n) × ceil(height / n)} (it takes the first factor whose scaled size fits, which for
     * tiny images may be another one); 1 when none is.
     */
    static int reduction(int most, int width, int height) {
        int[][] offered = factors;
        for (int n = 8; n > 1; n /= 2) {
            if (n <= most && picked(offered, width, height, n) == n) {
                return n;
            }
        }
        return 1;
    }

    /** The n of the factor 1/n tjDecompress2 picks for {@code ceil(size / n)} (0 when it picks another). */
    private static int picked(int[][] offered, int width, int height, int n) {
        int w = (width + n - 1) / n;
        int h = (height + n - 1) / n;
        for (int[] f : offered) {
            long sw = ((long) width * f[0] + f[1] - 1) / f[1];
            long sh = ((long) height * f[0] + f[1] - 1) / f[1];
            if (sw <= w && sh <= h) {
                return f[0] == 1 ? f[1] : 0;
            }
        }
        return 0;
    }

    static native Pointer tjInitDecompress();

    static native int tjDecompressHeader3(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer width, Pointer height,
                                          Pointer jpegSubsamp, Pointer jpegColorspace);

    static native int tjDecompress2(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer dstBuf, int width, int pitch,
                                    int height, int pixelFormat, int flags);

    static native Pointer tjGetScalingFactors(Pointer numScalingFactors);

    static native String tjGetErrorStr2(Pointer handle);

    static native int tjDestroy(Pointer handle);
}
