package ai.brevetti.kernel;

import java.util.Locale;
import java.util.Map;

/**
 * Which outputs a {@code VegaLite} chart gets in a notebook. JupyterLab, Notebook 7 and VS Code render the
 * {@code application/vnd.vegalite.v5+json} bundle with their own renderers but prefer {@code text/html} when
 * an output has both, so there the chart is the bundle alone ({@link #MIME}: a few KB of JSON). Classic
 * Notebook 6 and nbconvert's HTML export render no Vega-Lite bundle: they need the offline HTML beside it
 * ({@link #HTML}, {@link VegaHtml}: the libraries once per session, ~830 KB).
 *
 * <p>Chosen by {@code BREVETTIAI_VEGA} (or {@code -Dbrevettiai.vega}) = {@code mime}, {@code html} or
 * {@code auto} (the default: {@code mime} when a Jupyter server ({@code JPY_SESSION_NAME}, which
 * jupyter_server sets for the kernels of its sessions) or VS Code ({@code VSCODE_*}) started the kernel,
 * else {@code html}, as for nbconvert and other headless clients); in a cell by
 * {@code Display.vegaLiteMode("html")}.
 */
enum VegaMode {
    MIME, HTML;

    static final String PROPERTY = "brevettiai.vega";
    static final String ENV = "BREVETTIAI_VEGA";
    private static volatile VegaMode current;

    /** The mode for a kernel started with {@code env} and the system property {@code property} (may be null). */
    static VegaMode resolve(Map<String, String> env, String property) {
        String asked = property != null ? property : env.getOrDefault(ENV, "auto");
        return asked.isBlank() ? auto(env) : parse(asked, auto(env));
    }

    /** {@code mime}, {@code html} or {@code auto} ({@code whenAuto}). */
    static VegaMode parse(String mode, VegaMode whenAuto) {
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "mime" -> MIME;
            case "html" -> HTML;
            case "auto" -> whenAuto;
            default -> throw new IllegalArgumentException("Vega-Lite mode '" + mode + "' is not one of mime (JupyterLab,"
                    + " Notebook 7, VS Code: the Vega-Lite bundle only), html (classic Notebook, nbconvert HTML: with the"
                    + " offline HTML) or auto");
        };
    }

    static VegaMode auto(Map<String, String> env) {
        boolean server = env.containsKey("JPY_SESSION_NAME");
        boolean vscode = env.keySet().stream().anyMatch(k -> k.startsWith("VSCODE_"));
        return server || vscode ? MIME : HTML;
    }

    /** This JVM's mode: set by {@link #set}, else resolved from the environment once. */
    static VegaMode current() {
        VegaMode mode = current;
        if (mode == null) {
            try {
                mode = resolve(System.getenv(), System.getProperty(PROPERTY));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage() + "; using html");
                mode = HTML;
            }
            current = mode;
        }
        return mode;
    }

    static void set(VegaMode mode) {
        current = mode;
    }
}
