package ai.brevetti.kernel;

import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.data.samples.Tabular;
import ai.brevetti.interfaces.charts.VegaLite;
import com.google.gson.JsonParser;
import java.awt.image.RenderedImage;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * How the kernel shows values, by type (every output also has {@code text/plain}, the value's
 * {@code toString()}):
 *
 * <ul>
 *   <li>{@link Samples}, Tablesaw {@link Table} and every {@link Tabular} summary ({@code samples.counts(...)},
 *       metrics, a training history, a job's datasets: as its {@code table()}): {@code text/html} tables (first
 *       {@value #MAX_ROWS} rows), beside their {@code toString()}, the same table as aligned text;</li>
 *   <li>{@link RenderedImage} (jjava's own registration; the text is {@code BufferedImage[WxH]}), {@link FloatImage}, rank-4 NHWC image
 *       {@link Tensor}s (as a mosaic, {@code tile2d}), XChart charts: {@code image/png};</li>
 *   <li>{@link VegaLite}: {@code application/vnd.vegalite.v5+json}, and offline {@code text/html} ({@link VegaHtml})
 *       in {@link VegaMode#HTML} only (front ends that render the bundle prefer HTML when it is there); in
 *       {@link VegaMode#MIME} its {@code text/plain} also says how to switch, for a front end that cannot draw it.</li>
 * </ul>
 */
public final class KernelRenderers {
    public static final MIMEType VEGA_LITE = MIMEType.parse("application/vnd.vegalite.v5+json");
    static final int MAX_ROWS = 50;
    /** The text beside a chart in the {@code mime} Vega-Lite mode, shown where the front end cannot draw it. */
    static final String MIME_HINT = "\n(not drawn here: this front end does not render Vega-Lite; run Display.vegaLiteMode(\"html\")"
            + " in a cell, or start the kernel with BREVETTIAI_VEGA=html)";

    private KernelRenderers() {}

    /** Registers the project's types on {@code renderer}; charts use {@code vega} for their HTML. */
    static void register(Renderer renderer, VegaHtml vega) {
        renderer.createRegistration(Samples.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((samples, context) -> context.renderIfRequested(MIMEType.TEXT_HTML, () -> samples.toHtml(MAX_ROWS)));
        // every summary that is a table (counts, metrics, histories, listings): one registration for them all
        renderer.createRegistration(Tabular.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((summary, context) -> context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.render(summary.table(), MAX_ROWS)));
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, context) -> context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.render(table, MAX_ROWS)));
        // a short text next to jjava's PNG of RenderedImage (its toString dumps the colour model)
        renderer.createRegistration(RenderedImage.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((image, context) -> context.renderIfRequested(MIMEType.TEXT_PLAIN,
                        () -> image.getClass().getSimpleName() + "[" + image.getWidth() + "x" + image.getHeight() + "]"));
        renderer.createRegistration(FloatImage.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((image, context) -> context.renderIfRequested(MIMEType.IMAGE_PNG,
                        () -> Png.base64(Png.of(Png.picture(image)))));
        renderer.createRegistration(Tensor.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((tensor, context) -> {
                    if (Png.isImageBatch(tensor)) {
                        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Png.base64(Png.of(Png.picture(tensor).orElseThrow())));
                    }
                });
        @SuppressWarnings({"rawtypes", "unchecked"})
        Class<Chart<?, ?>> chartType = (Class) Chart.class;
        renderer.createRegistration(chartType)
                .preferring(MIMEType.IMAGE_PNG)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Png.base64(Png.of(chart)));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> chart.getClass().getSimpleName() + "[" + chart.getTitle() + "]");
                });
        renderer.createRegistration(VegaLite.class)
                .preferring(VEGA_LITE, MIMEType.TEXT_HTML)
                .register((chart, context) -> {
                    // a JSON value, not a string: frontends render only parsed +json data
                    context.renderIfRequested(VEGA_LITE, () -> JsonParser.parseString(chart.spec()));
                    if (VegaMode.current() == VegaMode.HTML) {
                        context.renderIfRequested(MIMEType.TEXT_HTML, () -> vega.render(chart));
                    } else {
                        // what a front end that cannot draw the bundle shows instead: how to switch
                        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> chart + MIME_HINT);
                    }
                });
    }
}
