package ai.brevetti.kernel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which outputs a {@code VegaLite} chart gets in a notebook. JupyterLab, Notebook 7 and VS Code render the
 * {@code application/vnd.vegalite.v5+json} bundle with their own renderers but prefer {@code text/html} when
 * an output has both, so there the chart is the bundle alone ({@link #MIME}: a few KB of JSON). Classic
 * Notebook 6 and nbconvert's HTML export render no Vega-Lite bundle: they need the offline HTML beside it
 * ({@link #HTML}, {@link VegaHtml}: the libraries once per session, ~830 KB).
 *
 * <p>Chosen by {@code BREVETTIAI_VEGA} (or {@code -Dbrevettiai.vega}) = {@code mime}, {@code html} or
 * {@code auto}, the default, which reads how the kernel was started (docs/kernel.md lists the sources):
 * <ul>
 *   <li>{@code JPY_SESSION_NAME} set: a Jupyter server (jupyter_server 1.19 and later sets it for the kernels of
 *       its sessions: JupyterLab, Notebook 7, VS Code on a server) - {@code mime}, unless the server that
 *       started the kernel ({@code JPY_PARENT_PID}) is nbclassic, the classic Notebook on jupyter_server, which
 *       renders no Vega-Lite: {@code html};</li>
 *   <li>a {@code VSCODE_*} variable and no {@code JPY_PARENT_PID}: VS Code's Jupyter extension, which starts
 *       kernels itself with its own environment (jupyter_client, which every other launcher uses, always sets
 *       {@code JPY_PARENT_PID}) - {@code mime};</li>
 *   <li>else {@code html}: nbconvert and nbclient, classic Notebook 6 (its own server sets no
 *       {@code JPY_SESSION_NAME}), {@code jupyter console}, also when started from VS Code's terminal, whose
 *       {@code VSCODE_*} variables the processes started there inherit.</li>
 * </ul>
 * In a cell, {@code Display.vegaLiteMode("html")} switches. In the {@code mime} mode a chart's {@code text/plain}
 * says how, for a front end that shows the text because it cannot draw the chart.
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
        return auto(env, pid -> ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()));
    }

    /** {@link #auto(Map)} with the command line of a process id from {@code commandLines} (empty when unknown). */
    static VegaMode auto(Map<String, String> env, Function<Long, Optional<String>> commandLines) {
        if (env.containsKey("JPY_SESSION_NAME")) {
            return parent(env, commandLines).filter(c -> c.contains("nbclassic")).isPresent() ? HTML : MIME;
        }
        boolean vscode = env.keySet().stream().anyMatch(k -> k.startsWith("VSCODE_"));
        return vscode && !env.containsKey("JPY_PARENT_PID") ? MIME : HTML;
    }

    private static Optional<String> parent(Map<String, String> env, Function<Long, Optional<String>> commandLines) {
        try {
            return commandLines.apply(Long.parseLong(env.getOrDefault("JPY_PARENT_PID", "").trim()));
        } catch (NumberFormatException | SecurityException e) {
            return Optional.empty();
        }
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
