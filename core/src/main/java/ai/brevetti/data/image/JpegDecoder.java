package ai.brevetti.data.image;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which library decodes JPEG files: libjpeg-turbo (its TurboJPEG library, {@link TurboJpegDecoder}) when
 * it can be loaded, else ImageIO. The system property {@value #PROPERTY} (or, without it, the environment
 * variable {@value #ENV}) forces one: {@code auto} (the default), {@code turbo} (an error when the library
 * cannot be loaded) or {@code imageio}. Chosen at the first JPEG and said once in the log (INFO). Files
 * libjpeg-turbo does not decode (CMYK, YCCK, embedded colour profiles, 12-bit, lossless, damaged) go to
 * ImageIO either way.
 */
enum JpegDecoder {
    TURBO("libjpeg-turbo"),
    IMAGEIO("ImageIO");

    static final String PROPERTY = "brevettiai.jpeg";
    static final String ENV = "BREVETTIAI_JPEG";
    private static final Logger LOG = LoggerFactory.getLogger(JpegDecoder.class);

    private static volatile JpegDecoder chosen;

    private final String label;

    JpegDecoder(String label) {
        this.label = label;
    }

    /** The decoder JPEG files go through (chosen at the first call; an invalid setting throws every time). */
    static JpegDecoder current() {
        JpegDecoder c = chosen;
        return c != null ? c : chooseOnce();
    }

    private static synchronized JpegDecoder chooseOnce() {
        if (chosen == null) {
            String property = System.getProperty(PROPERTY);
            String setting = property != null ? property : System.getenv(ENV);
            String source = property != null ? "-D" + PROPERTY : ENV;
            chosen = choose(setting, source, TurboJpegLibrary.NAMES);
        }
        return chosen;
    }

    /**
     * The decoder for {@code setting} ({@code auto}, {@code turbo}, {@code imageio}; null or blank is
     * {@code auto}) given by {@code source}, loading libjpeg-turbo from the first of {@code libraryNames}
     * the system has; logged at INFO.
     */
    static JpegDecoder choose(String setting, String source, List<String> libraryNames) {
        String mode = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        if (mode.equals("imageio")) {
            LOG.info("JPEG files decode with ImageIO ({}=imageio)", source);
            return IMAGEIO;
        }
        if (!mode.equals("auto") && !mode.equals("turbo")) {
            throw new IllegalStateException(source + "=" + setting + " is not a JPEG decoder; use auto, turbo or imageio");
        }
        try {
            String file = TurboJpegLibrary.bind(libraryNames);
            LOG.info("JPEG files decode with libjpeg-turbo ({})", file);
            return TURBO;
        } catch (LinkageError | RuntimeException e) {
            // the library missing or too old (UnsatisfiedLinkError), or JNA's own native part not loadable here
            if (mode.equals("turbo")) {
                throw new IllegalStateException(source + "=turbo, but libjpeg-turbo's TurboJPEG library cannot be loaded ("
                        + e.getMessage() + "); install it (Debian/Ubuntu: apt-get install libturbojpeg0) or set " + source
                        + " to auto or imageio", e);
            }
            LOG.info("JPEG files decode with ImageIO: libjpeg-turbo's TurboJPEG library cannot be loaded ({}); "
                    + "install libturbojpeg0 for faster JPEG decoding", e.getMessage());
            return IMAGEIO;
        }
    }

    /** Forces {@code decoder} until the returned handle is closed (tests and benchmarks compare the two). */
    static Forced force(JpegDecoder decoder) {
        JpegDecoder before = current();
        chosen = decoder == TURBO ? choose("turbo", "forced", TurboJpegLibrary.NAMES) : decoder;
        return () -> chosen = before;
    }

    /** Undoes {@link #force}. */
    @FunctionalInterface
    interface Forced extends AutoCloseable {
        @Override
        void close();
    }

    /** The library's name, as the benchmark prints it. */
    String label() {
        return label;
    }
}
