package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP calls to the platform on OkHttp: timeouts, retries with exponential backoff on connection errors
 * and 5xx answers, and clear errors for 401/403/404. Secrets in URLs are masked in every message.
 */
final class HttpCalls {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCalls.class);
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .writeTimeout(Duration.ofSeconds(60))
            .callTimeout(Duration.ofSeconds(120))
            .retryOnConnectionFailure(true)
            .build();

    private final OkHttpClient client;
    private final int attempts;
    private final Duration backoff;
    private final Optional<Secret> secret;

    HttpCalls(Optional<Secret> secret) {
        this(SHARED, Integer.getInteger("brevettiai.http.attempts", 4),
                Duration.ofMillis(Long.getLong("brevettiai.http.backoffMillis", 250)), secret);
    }

    HttpCalls(OkHttpClient client, int attempts, Duration backoff, Optional<Secret> secret) {
        this.client = client;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.secret = secret;
    }

    String mask(String text) {
        String masked = secret.map(s -> s.mask(text)).orElse(text);
        return masked.replaceAll("key=[^&\\s]+", "key=****");
    }

    /** Sends {@code request}; returns the body text of a 2xx answer. */
    String call(Request request, String what) {
        String url = mask(request.url().toString());
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Response response = client.newCall(request).execute()) {
                ResponseBody body = response.body();
                String text = body == null ? "" : body.string();
                int code = response.code();
                if (response.isSuccessful()) {
                    return text;
                }
                String detail = serverMessage(text);
                if (code >= 500 && attempt < attempts) {
                    LOG.warn("{}: the platform answered {} ({}); retrying", what, code, mask(detail));
                    sleep(attempt);
                    continue;
                }
                throw new PlatformException(code, what + ": " + explain(code) + " (" + code + " at " + url + ")"
                        + (detail.isEmpty() ? "" : ": " + mask(detail)));
            } catch (IOException e) {
                lastFailure = e;
                if (attempt < attempts) {
                    sleep(attempt);
                }
            }
        }
        throw new PlatformException(0, what + ": cannot reach the platform at " + mask(request.url().scheme() + "://"
                + request.url().host() + ":" + request.url().port()) + " after " + attempts + " attempts ("
                + lastFailure.getClass().getSimpleName() + (lastFailure.getMessage() == null ? "" : ": " + mask(lastFailure.getMessage()))
                + "). Is it running? Start the local one with: bin/brevettiai platform", lastFailure);
    }

    private static String explain(int code) {
        return switch (code) {
            case 401 -> "the platform refused the API key; check --api_key (or the api_key environment variable)";
            case 403 -> "the platform forbids it";
            case 404 -> "not found on the platform; check the job id and --host";
            case 400 -> "the platform rejected the request";
            default -> "the platform answered with an error";
        };
    }

    private static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            Map<String, Object> json = Json.parseObject(body);
            Object error = json.getOrDefault("error", json.get("message"));
            if (error != null) {
                return String.valueOf(error);
            }
        } catch (Exception notJson) {
            // plain text
        }
        String text = body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private void sleep(int attempt) {
        try {
            Thread.sleep(backoff.toMillis() << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(0, "Interrupted while waiting to retry a platform call");
        }
    }
}
