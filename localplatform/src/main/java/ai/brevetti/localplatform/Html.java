package ai.brevetti.localplatform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.Urls;

/**
 * The few helpers the platform's pages are written with: escaping for element text and attribute values,
 * JSON for a {@code <script type="application/json">} data block, query-string encoding and the common
 * page layout. Everything a job or a user supplied goes through {@link #esc}.
 */
final class Html {
    /**
     * The pages' Content-Security-Policy: nothing from other origins (no CDN, no external data or
     * images), no inline scripts (the pages' scripts are served from /static). Vega compiles its
     * expressions with {@code new Function}, hence {@code 'unsafe-eval'}; vega-embed and the facets tiles
     * use inline styles.
     */
    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private Html() {}

    /** Text or an attribute value (in double quotes), escaped: {@code & < > " '}. Null is empty. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A value as JSON for the inside of a {@code <script type="application/json">} element: {@code <},
     * {@code >} and {@code &} (which only occur inside JSON strings) become {@code \u003c} etc., so no
     * {@code </script>} or {@code <!--} can end the element.
     */
    static String json(Object value) {
        return scriptSafe(Json.write(value));
    }

    /** JSON text made safe for a script data block (see {@link #json}). */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** The link that downloads a key of the data bucket (the project's one form, see {@link Urls#downloadLink}). */
    static String download(String key) {
        return Urls.downloadLink("", key);
    }

    /** {@code <a href="href">text</a>}, both escaped. */
    static String link(String href, Object text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    /** A whole page: the layout with the navigation, {@code title} (text) and {@code body} (HTML). */
    static String page(String title, String body, String... scripts) {
        StringBuilder out = new StringBuilder(body.length() + 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" · Brevetti AI local platform</title>\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<link rel=\"stylesheet\" href=\"/static/platform.css\">\n");
        for (String script : scripts) {
            out.append("<script defer src=\"").append(esc(script)).append("\"></script>\n");
        }
        out.append("</head>\n<body>\n<header><a class=\"home\" href=\"/\">Brevetti AI · local platform</a></header>\n<main>\n")
                .append(body)
                .append("\n</main>\n</body>\n</html>\n");
        return out.toString();
    }
}
