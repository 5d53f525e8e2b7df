package ai.brevetti.internal;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP request for a {@link WebClient}: method, URL, headers and an optional body.
 *
 * @param method GET, HEAD, POST, PUT or DELETE
 * @param url an http(s) URL
 * @param headers extra headers, in order
 * @param body what a POST or PUT sends
 */
public record WebRequest(String method, URL url, Map<String, String> headers, Optional<Body> body) {
    /**
     * Headers the JDK's HTTP stack sets itself and silently drops when a caller sets them: refused here
     * with a clear error instead.
     */
    static final Set<String> RESTRICTED_HEADERS = Set.of("access-control-request-headers", "access-control-request-method",
            "connection", "content-length", "content-transfer-encoding", "host", "keep-alive", "origin", "trailer",
            "transfer-encoding", "upgrade", "via");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");
    private static final String TCHAR = "!#$%&'*+-.^_`|~";
    /** Characters a URL's path and query may hold as they are (RFC 3986 unreserved and reserved but brackets; '%' only as an escape). */
    private static final String URL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'()*+,;=";

    public WebRequest {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("Unsupported HTTP method " + method);
        }
        headers = Map.copyOf(headers);
        headers.forEach(WebRequest::checkHeader);
        if (body.isPresent() && !(method.equals("POST") || method.equals("PUT"))) {
            throw new IllegalArgumentException(method + " requests carry no body");
        }
    }

    /** A GET of {@code url}. */
    public static WebRequest get(String url) {
        return new WebRequest("GET", parseUrl(url), Map.of(), Optional.empty());
    }

    /** A POST of {@code body} to {@code url}. */
    public static WebRequest post(String url, Body body) {
        return new WebRequest("POST", parseUrl(url), Map.of(), Optional.of(body));
    }

    /** A POST of {@code body} to {@code url}. */
    public static WebRequest post(URL url, Body body) {
        return new WebRequest("POST", url, Map.of(), Optional.of(body));
    }

    /** The same POST or PUT sending {@code body}. */
    public WebRequest withBody(Body body) {
        return new WebRequest(method, url, headers, Optional.of(body));
    }

    /** A DELETE of {@code url}. */
    public static WebRequest delete(String url) {
        return new WebRequest("DELETE", parseUrl(url), Map.of(), Optional.empty());
    }

    /** The same request with the header {@code name: value} added (or replaced). */
    public WebRequest header(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new WebRequest(method, url, all, body);
    }

    /** The same request with these headers added. */
    public WebRequest headers(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new WebRequest(method, url, all, body);
    }

    /** Whether sending it twice does what sending it once does (GET, HEAD, PUT, DELETE). */
    public boolean idempotent() {
        return !method.equals("POST");
    }

    /** {@code scheme://host:port}, without path, query or user info. */
    public String origin() {
        int port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
        return url.getProtocol() + "://" + url.getHost() + ":" + port;
    }

    /**
     * {@code text} as an http(s) URL. Characters a URL cannot hold as they are (spaces, quotes, braces,
     * non-ASCII, a {@code %} that starts no escape) are percent-encoded as UTF-8, so a name with such a
     * character is sent, not refused; escapes already in {@code text} are kept.
     *
     * @throws IllegalArgumentException when {@code text} is not an http(s) URL with a host (the message
     *         does not repeat it: it may hold a key)
     */
    public static URL parseUrl(String text) {
        return tryParseUrl(text).orElseThrow(() -> new IllegalArgumentException("Not an http(s) URL with a host"));
    }

    /** {@link #parseUrl}, empty when {@code text} is not an http(s) URL with a host. */
    public static Optional<URL> tryParseUrl(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String escaped = escape(text.strip());
        try {
            URI uri = new URI(escaped);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getPort() == 0
                    || uri.getPort() > 65535) {
                return Optional.empty();
            }
            return Optional.of(uri.toURL());
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The path, query and fragment escaped; the scheme and authority (an IPv6 host's brackets) as they are. */
    private static String escape(String text) {
        int scheme = text.indexOf("://");
        int authorityEnd = text.length();
        for (int i = scheme < 0 ? 0 : scheme + 3; i < text.length(); i++) {
            if ("/?#".indexOf(text.charAt(i)) >= 0) {
                authorityEnd = i;
                break;
            }
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, authorityEnd);
        byte[] bytes = text.substring(authorityEnd).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            char c = (char) (bytes[i] & 0xff);
            boolean escapeStart = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (c < 128 && (URL_CHARS.indexOf(c) >= 0 || escapeStart)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return b >= 0 && Character.digit((char) b, 16) >= 0;
    }

    private static void checkHeader(String name, String value) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> c > 126 || (!Character.isLetterOrDigit(c) && TCHAR.indexOf(c) < 0))) {
            throw new IllegalArgumentException("'" + name + "' is not an HTTP header name");
        }
        if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("The header " + name + " is set by the HTTP client itself and cannot be given");
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            // the value is not repeated: it may be a token
            throw new IllegalArgumentException("The value of the header " + name + " holds a line break or is missing");
        }
    }

    /**
     * What a POST or PUT sends.
     *
     * @param bytes the content
     * @param contentType its media type, or empty to send none
     */
    public record Body(byte[] bytes, Optional<String> contentType) {
        public Body {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** A JSON text ({@code application/json; charset=utf-8}). */
        public static Body json(String json) {
            return new Body(json.getBytes(StandardCharsets.UTF_8), Optional.of("application/json; charset=utf-8"));
        }

        /**
         * One form field ({@code application/x-www-form-urlencoded}), encoded as Python's {@code requests}
         * encodes {@code data={field: value}} ({@code urllib.parse.urlencode}: {@code quote_plus} of UTF-8).
         */
        public static Body form(String field, String value) {
            String text = quotePlus(field) + "=" + quotePlus(value);
            return new Body(text.getBytes(StandardCharsets.US_ASCII), Optional.of("application/x-www-form-urlencoded"));
        }

        /** Several form fields, in the map's order, encoded as {@link #form(String, String)} encodes one. */
        public static Body form(Map<String, String> fields) {
            java.util.StringJoiner text = new java.util.StringJoiner("&");
            fields.forEach((field, value) -> text.add(quotePlus(field) + "=" + quotePlus(value)));
            return new Body(text.toString().getBytes(StandardCharsets.US_ASCII), Optional.of("application/x-www-form-urlencoded"));
        }

        /** Nothing (a POST whose URL says it all). */
        public static Body empty() {
            return new Body(new byte[0], Optional.empty());
        }

        /** Python's {@code urllib.parse.quote_plus}: spaces become {@code +}, all but letters, digits and {@code _.-~} escaped. */
        static String quotePlus(String text) {
            return Urls.quote(text, " ").replace(' ', '+');
        }

        @Override
        public String toString() {
            return "Body[" + bytes.length + " bytes" + contentType.map(t -> ", " + t).orElse("") + "]";
        }
    }

    @Override
    public String toString() {
        // the URL may hold a key, the headers a token: neither is shown
        return "WebRequest[" + method + " " + origin() + "]";
    }
}
