package ai.brevetti.kernel;

import ai.brevetti.interfaces.charts.VegaLite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Shows values from cells and scripts alike. In a notebook, {@link #display} emits the value as an
 * output in the middle of the cell, rendered as the cell's last value would be (tables as HTML, images
 * and charts as pictures). Elsewhere (JShell in a terminal, {@code bin/brevettiai run}) it prints the
 * value's text, or writes images and charts to a temporary file and prints the file's path. It never
 * throws: a value that cannot be shown is reported on standard error.
 *
 * <pre>{@code
 * display(samples.head(5));                          // an HTML table in the notebook
 * var status = Display.updatable("epoch 1");         // one output, replaced by each update
 * status.update("epoch 2");
 * }</pre>
 */
public final class Display {
    private Display() {}

    /** Whether this code runs in a notebook cell (a kernel is serving and a cell is executing). */
    public static boolean inKernel() {
        return kernel().isPresent();
    }

    /** Shows {@code value} now: a notebook output, or text / a file path on standard output. */
    public static void display(Object value) {
        show(value, null, false);
    }

    /**
     * Shows {@code value} as an output that later {@link Handle#update updates} replace in place (a
     * status line, a chart redrawn per epoch). Outside a notebook every update prints again.
     */
    public static Handle updatable(Object value) {
        Handle handle = new Handle("brevettiai-" + UUID.randomUUID());
        show(value, handle.id, false);
        return handle;
    }

    /**
     * Sets the level of the project's log lines from now on, also in this kernel's later cells: a kernel
     * starts at {@code "warn"} (INFO lines stay out of cells); {@code Display.logLevel("info")} brings them
     * back. One of trace, debug, info, warn, error, off.
     *
     * @throws IllegalArgumentException for another level
     */
    public static void logLevel(String level) {
        Logs.level(level).ifPresent(System.err::println);
    }

    /**
     * How later {@code VegaLite} charts show in this kernel: {@code "mime"} (the Vega-Lite bundle only, for
     * JupyterLab, Notebook 7 and VS Code), {@code "html"} (with offline HTML, for classic Notebook and
     * nbconvert's HTML export) or {@code "auto"} (chosen from how the kernel was started). The kernel's
     * start mode comes from {@code BREVETTIAI_VEGA}.
     *
     * @throws IllegalArgumentException for another mode
     */
    public static void vegaLiteMode(String mode) {
        VegaMode.set(VegaMode.parse(mode, VegaMode.auto(System.getenv())));
    }

    /** An output shown by {@link #updatable}. */
    public static final class Handle {
        private final String id;

        private Handle(String id) {
            this.id = id;
        }

        /** Replaces the output's content with {@code value}. */
        public void update(Object value) {
            show(value, id, true);
        }

        /** The Jupyter display id. */
        public String id() {
            return id;
        }
    }

    private static Optional<BaseKernel> kernel() {
        try {
            BaseKernel kernel = BaseKernel.notebookKernel();
            return kernel.getIO().display.isAttached() ? Optional.of(kernel) : Optional.empty();
        } catch (RuntimeException notRunning) {
            return Optional.empty();
        }
    }

    private static void show(Object value, String displayId, boolean update) {
        PrintStream err = System.err;
        try {
            Optional<BaseKernel> kernel = kernel();
            if (kernel.isPresent()) {
                DisplayData data = value instanceof DisplayData d ? new DisplayData(d)
                        : value == null ? new DisplayData("null") : kernel.get().getRenderer().render(value);
                if (displayId != null) {
                    data.setDisplayId(displayId);
                }
                if (update) {
                    kernel.get().getIO().display.updateDisplay(data);
                } else {
                    kernel.get().display(data);
                }
            } else {
                printTo(System.out, value);
            }
        } catch (RuntimeException | LinkageError | IOException e) {
            err.println("display: cannot show " + describe(value) + ": " + e);
        }
    }

    /** The terminal form: text, or a file written for pictures (PNG) and Vega-Lite charts (HTML page). */
    static void printTo(PrintStream out, Object value) throws IOException {
        if (value instanceof DisplayData d) {
            Object text = d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
            out.println(text == null ? "" : text);
            return;
        }
        Optional<byte[]> png = Png.ofValue(value);
        if (png.isPresent()) {
            out.println(write(png.get(), ".png"));
            return;
        }
        if (value instanceof VegaLite chart) {
            out.println(write(VegaHtml.page(chart).getBytes(StandardCharsets.UTF_8), ".html"));
            return;
        }
        out.println(value);
    }

    private static Path write(byte[] bytes, String suffix) throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "brevettiai-display"));
        Path file = Files.createTempFile(dir, "display-", suffix);
        Files.write(file, bytes);
        return file;
    }

    private static String describe(Object value) {
        try {
            return value == null ? "null" : value.getClass().getSimpleName();
        } catch (RuntimeException e) {
            return "a value";
        }
    }
}
