package ai.brevetti.vega;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The Vega, Vega-Lite and vega-embed browser builds packaged with the classes (fetched from the npm
 * registry at build time, see vega/pom.xml), for pages and notebook outputs that must render charts with no
 * network: resources under {@value #RESOURCE_DIR}.
 */
public final class VegaBundle {
    /** The resource folder holding the builds, their licences and {@code versions.properties}. */
    public static final String RESOURCE_DIR = "/ai/brevetti/web/vega/";
    /** The builds in the order a page must load them. */
    public static final List<String> FILES = List.of("vega.min.js", "vega-lite.min.js", "vega-embed.min.js");

    private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private static volatile String inline;

    private VegaBundle() {}

    /** Opens one of the bundled files ({@link #FILES}, their {@code .LICENSE.txt}, {@code versions.properties}). */
    public static InputStream open(String file) {
        if (file.contains("/") || file.contains("\\")) {
            throw new IllegalArgumentException("Not a file of the Vega bundle: " + file);
        }
        InputStream in = VegaBundle.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IllegalArgumentException("No " + file + " in the Vega bundle" + (FILES.contains(file)
                    ? " (the build puts it there: mvn package)" : ""));
        }
        return in;
    }

    /** The bytes of a bundled file. */
    public static byte[] bytes(String file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " of the Vega bundle", e);
        }
    }

    /** The bundled versions, e.g. {@code vega=5.33.1}, {@code vega-lite=5.23.0}, {@code vega-embed=6.29.0}. */
    public static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = open("versions.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Vega bundle's versions", e);
        }
        return p;
    }

    /**
     * The three builds as one script for an inline {@code <script>} element: they define the globals
     * {@code vega}, {@code vegaLite} and {@code vegaEmbed} even on pages with an AMD loader (classic
     * Notebook and nbconvert HTML load require.js, which would otherwise take the builds as anonymous
     * modules). A {@code </script} inside them (in a JS string) is escaped; the builds have no
     * {@code <!--} (checked by the tests), which could also end the element early.
     */
    public static String inlineScript() {
        String s = inline;
        if (s == null) {
            StringBuilder out = new StringBuilder();
            for (String file : FILES) {
                // UMD builds look for define/module/exports: hide a page's loader so they set globals
                out.append("(function (define, module, exports) {\n")
                        .append(new String(bytes(file), StandardCharsets.UTF_8))
                        .append("\n}).call(window);\n");
            }
            s = escapeForScript(out.toString());
            inline = s;
        }
        return s;
    }

    /** Escapes {@code </script} (in any case), which would end an inline script element. */
    static String escapeForScript(String js) {
        return SCRIPT_END.matcher(js).replaceAll("<\\\\/$1");
    }
}
