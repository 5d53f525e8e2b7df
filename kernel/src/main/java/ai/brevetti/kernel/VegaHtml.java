package ai.brevetti.kernel;

import ai.brevetti.interfaces.charts.VegaLite;
import ai.brevetti.vega.VegaBundle;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Vega-Lite charts as HTML that renders with no network: a {@code div} and a script calling
 * {@code vegaEmbed}, the Vega libraries ({@link VegaBundle}) inlined in the first chart of a kernel
 * session only (about 830 KB). Later charts use the page's {@code window.vegaEmbed}, or wait for it:
 * charts queue themselves until a libraries-carrying output has run, so a reopened notebook or its
 * nbconvert HTML renders whatever the order of the outputs, as long as one output carries the libraries.
 * When none does any more (the carrying cell was cleared or run again, its new output without them), the
 * chart says so after a few seconds: run the notebook again, or start the kernel with
 * {@code -Dbrevettiai.vega.inline=always} to put the libraries into every chart.
 */
final class VegaHtml {
    /** {@code once} (the default: the first chart of a session carries the libraries) or {@code always}. */
    static final String INLINE_PROPERTY = "brevettiai.vega.inline";
    /** The page-global queue of charts waiting for the libraries. */
    private static final String QUEUE = "brevettiaiVegaQueue";

    private final AtomicBoolean librariesSent = new AtomicBoolean();
    private final boolean always;

    VegaHtml() {
        this("always".equalsIgnoreCase(System.getProperty(INLINE_PROPERTY, "once")));
    }

    VegaHtml(boolean always) {
        this.always = always;
    }

    /** The chart as a notebook output fragment. */
    String render(VegaLite chart) {
        boolean withLibraries = always || librariesSent.compareAndSet(false, true);
        return fragment(chart, withLibraries);
    }

    /** The chart as a page of its own, libraries included (to open from a file). */
    static String page(VegaLite chart) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + TableHtml.escape(chart.label())
                + "</title></head>\n<body>\n" + fragment(chart, true) + "\n</body></html>\n";
    }

    static String fragment(VegaLite chart, boolean withLibraries) {
        String id = "brevettiai-vega-" + UUID.randomUUID();
        StringBuilder out = new StringBuilder();
        out.append("<div id=\"").append(id).append("\" class=\"brevettiai-vega\">")
                .append(TableHtml.escape(chart.toString()))
                .append(" (the chart needs JavaScript: in Jupyter, a trusted notebook)</div>\n");
        if (withLibraries) {
            out.append("<script type=\"text/javascript\">\n").append(VegaBundle.inlineScript())
                    .append("(function () {\n  var waiting = window.").append(QUEUE).append(";\n  window.").append(QUEUE)
                    .append(" = {push: function (show) { show(); }};\n")
                    .append("  if (waiting && waiting.forEach) { waiting.forEach(function (show) { show(); }); }\n})();\n</script>\n");
        }
        out.append("<script type=\"text/javascript\">\n(function () {\n")
                .append("  var spec = ").append(scriptSafe(chart.spec())).append(";\n")
                .append("  function show() {\n")
                .append("    var el = document.getElementById(\"").append(id).append("\");\n")
                .append("    if (!el || el.getAttribute(\"data-shown\")) { return; }\n")
                .append("    el.setAttribute(\"data-shown\", \"1\");\n")
                .append("    el.textContent = \"\";\n")
                .append("    window.vegaEmbed(el, spec, {mode: \"vega-lite\", actions: false})\n")
                .append("      .catch(function (e) { el.textContent = \"Vega-Lite: \" + e; });\n")
                .append("  }\n")
                .append("  if (window.vegaEmbed) { show(); return; }\n")
                .append("  (window.").append(QUEUE).append(" = window.").append(QUEUE).append(" || []).push(show);\n")
                .append("  setTimeout(function () {\n")
                .append("    var el = document.getElementById(\"").append(id).append("\");\n")
                .append("    if (el && !window.vegaEmbed) { el.textContent = ")
                .append(scriptSafe(quote(chart + ": the Vega libraries are not in this page. They come with the first chart"
                        + " of a kernel session, and that output is gone: run the notebook again (Restart & Run All).")))
                .append("; }\n  }, 5000);\n")
                .append("})();\n</script>");
        return out.toString();
    }

    /** JSON made safe inside a script element: these sequences can only occur inside JSON strings. */
    static String scriptSafe(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\u0021--")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
