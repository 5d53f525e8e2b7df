package ai.brevetti.interfaces.monitor;

import ai.brevetti.internal.WebClient;
import ai.brevetti.internal.WebRequest;
import ai.brevetti.internal.WebRequest.Body;
import ai.brevetti.internal.WebResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts points to {@code root + path}: as the form field {@code field} (form-encoded, the default) or as
 * a JSON body. One attempt per call with short timeouts: the monitor keeps what fails and retries it.
 */
final class HttpMonitorSink implements MonitorSink {
    private static final Pattern KEY = Pattern.compile("[?&]key=([^&#\\s]+)");
    private static final WebClient CLIENT = new WebClient(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(15));

    private final String root;
    private final WebRequest target;
    private final String field;
    private final boolean asJson;
    private final String key;

    HttpMonitorSink(String root, String path, String field, Map<String, String> headers, boolean asJson) {
        this.root = root == null ? "" : root;
        String p = path == null ? "" : path;
        Matcher m = KEY.matcher(p);
        this.key = m.find() ? m.group(1) : null;
        this.field = field == null || field.isEmpty() ? "data" : field;
        this.asJson = asJson;
        WebRequest request = WebRequest.tryParseUrl(this.root + p).map(url -> WebRequest.post(url, Body.empty()))
                .orElseThrow(() -> new IllegalArgumentException("RemoteMonitor: '" + mask(this.root + p) + "' is not an http(s) URL; give "
                        + "root as the host (e.g. https://platform.brevetti.ai) and path as the endpoint (e.g. job.apiEndpoints().remote())"));
        try {
            this.target = request.headers(headers == null ? Map.of() : headers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RemoteMonitor headers: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(String json) throws IOException, Rejected {
        Body body = asJson ? Body.json(json) : Body.form(field, json);
        WebResponse response;
        try {
            response = CLIENT.send(target.withBody(body));
        } catch (IOException e) {
            // no cause chained: only this masked text may reach a log
            throw new IOException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + mask(e.getMessage())));
        }
        int code = response.status();
        if (response.successful()) {
            return;
        }
        String text = response.text().strip();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        }
        String message = "the server answered " + code + (text.isEmpty() ? "" : ": " + mask(text));
        if (code >= 500 || code == 408 || code == 429) {
            throw new IOException(message);
        }
        throw new Rejected(code, message);
    }

    /** {@code text} with the API key of the path and any {@code key=…} masked. */
    String mask(String text) {
        String out = text;
        if (key != null && !key.isEmpty()) {
            out = out.replace(key, "*".repeat(key.length()));
        }
        return out.replaceAll("key=[^&\\s]+", "key=****");
    }

    @Override
    public String describe() {
        return mask(root.isEmpty() ? target.origin() : root);
    }
}
