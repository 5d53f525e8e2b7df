package ai.brevetti.interfaces.monitor;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Posts points to {@code root + path}: as the form field {@code field} (form-encoded, the default) or as
 * a JSON body. One attempt per call with short timeouts: the monitor keeps what fails and retries it.
 */
final class HttpMonitorSink implements MonitorSink {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern KEY = Pattern.compile("[?&]key=([^&#\\s]+)");
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(3))
            .readTimeout(Duration.ofSeconds(10))
            .writeTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofSeconds(15))
            .retryOnConnectionFailure(false)
            .build();

    private final String root;
    private final HttpUrl url;
    private final String field;
    private final Map<String, String> headers;
    private final boolean asJson;
    private final String key;

    HttpMonitorSink(String root, String path, String field, Map<String, String> headers, boolean asJson) {
        this.root = root == null ? "" : root;
        String p = path == null ? "" : path;
        Matcher m = KEY.matcher(p);
        this.key = m.find() ? m.group(1) : null;
        HttpUrl parsed = HttpUrl.parse(this.root + p);
        if (parsed == null) {
            throw new IllegalArgumentException("RemoteMonitor: '" + mask(this.root + p) + "' is not an http(s) URL; give root as "
                    + "the host (e.g. https://platform.brevetti.ai) and path as the endpoint (e.g. job.apiEndpoints().remote())");
        }
        this.url = parsed;
        this.field = field == null || field.isEmpty() ? "data" : field;
        this.headers = Map.copyOf(headers == null ? Map.of() : headers);
        this.asJson = asJson;
    }

    @Override
    public void send(String json) throws IOException, Rejected {
        RequestBody body = asJson ? RequestBody.create(json, JSON) : new FormBody.Builder().add(field, json).build();
        Request.Builder request = new Request.Builder().url(url).post(body);
        headers.forEach(request::header);
        Response answer;
        try {
            answer = CLIENT.newCall(request.build()).execute();
        } catch (IOException e) {
            // no cause chained: only this masked text may reach a log
            throw new IOException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + mask(e.getMessage())));
        }
        try (Response response = answer) {
            int code = response.code();
            if (response.isSuccessful()) {
                return;
            }
            String text = "";
            try {
                ResponseBody rb = response.body();
                text = rb == null ? "" : rb.string().strip();
            } catch (IOException unreadable) {
                // the status says enough
            }
            if (text.length() > 200) {
                text = text.substring(0, 200) + "…";
            }
            String message = "the server answered " + code + (text.isEmpty() ? "" : ": " + mask(text));
            if (code >= 500 || code == 408 || code == 429) {
                throw new IOException(message);
            }
            throw new Rejected(code, message);
        }
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
        return mask(root.isEmpty() ? url.scheme() + "://" + url.host() + ":" + url.port() : root);
    }
}
