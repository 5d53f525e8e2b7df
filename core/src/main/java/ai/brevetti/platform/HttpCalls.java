package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.RetryWindow;
import ai.brevetti.internal.WebClient;
import ai.brevetti.internal.WebRequest;
import ai.brevetti.internal.WebResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP calls to the platform (the JDK's HTTP client, {@link WebClient}): timeouts, retries of idempotent calls with exponential backoff
 * within a {@link RetryWindow} (connection errors, 5xx, 408, 429), and clear errors for 401/403/404.
 * Secrets in URLs are masked in every message.
 */
final class HttpCalls {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCalls.class);
    private static final WebClient SHARED = new WebClient(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120));

    private final WebClient client;
    private final Supplier<RetryWindow> retry;
    private final Optional<Secret> secret;
    /** When a call last spent its whole window without reaching the platform (nanoTime), or null. */
    private final java.util.concurrent.atomic.AtomicReference<Long> gaveUpAt = new java.util.concurrent.atomic.AtomicReference<>();

    /** Calls of a person's command (the web API): a short retry window. */
    HttpCalls(Optional<Secret> secret) {
        this(SHARED, RetryWindow::forCommands, secret);
    }

    HttpCalls(WebClient client, Supplier<RetryWindow> retry, Optional<Secret> secret) {
        this.client = client;
        this.retry = retry;
        this.secret = secret;
    }

    /** The same calls retrying through the window {@code retry} gives at each call. */
    HttpCalls withRetry(Supplier<RetryWindow> retry) {
        return new HttpCalls(client, retry, secret);
    }

    String mask(String text) {
        String masked = secret.map(s -> s.mask(text)).orElse(text);
        return masked.replaceAll("key=[^&\\s]+", "key=****");
    }

    /**
     * Sends {@code request}; returns the body text of a 2xx answer. GET, HEAD, PUT and DELETE are idempotent
     * and retried; a POST only when the server never saw it (the connection was refused).
     */
    String call(WebRequest request, String what) {
        return call(request, what, request.idempotent());
    }

    /**
     * Sends {@code request}; returns the body text of a 2xx answer. When {@code idempotent} (sending it twice
     * does what sending it once does), connection failures and 5xx/408/429 answers are retried with backoff
     * within the retry window; other 4xx answers are final. Otherwise only a refused connection is retried.
     */
    String call(WebRequest request, String what, boolean idempotent) {
        return checked(send(request, what, idempotent), request, what).text();
    }

    /**
     * Sends {@code request} with {@link #call}'s retries and returns the final answer, whatever its status
     * (a login reads its own errors, a session its cookies).
     *
     * @throws PlatformException when the platform could not be reached
     */
    WebResponse send(WebRequest request, String what) {
        return send(request, what, request.idempotent());
    }

    /**
     * Sends the GET {@code request} with {@link #call}'s retries; the body of a 2xx answer goes to {@code file},
     * and the final answer comes back whatever its status, with its headers ({@code Content-Disposition}).
     */
    WebResponse download(WebRequest request, java.nio.file.Path file, String what) {
        return exchange(request, what, request.idempotent(), () -> client.download(request, file));
    }

    /** How one authorized request goes out ({@link ApiAccess#exchange}): its body read as text, or written to a file. */
    @FunctionalInterface
    interface Transfer {
        /** Sends {@code authorized} through {@code http} with its retries; the final answer, whatever its status. */
        WebResponse send(HttpCalls http, WebRequest authorized);
    }

    /** One way of sending a request: with the body as text, or to a file. */
    private interface Sender {
        WebResponse send() throws IOException;
    }

    /** {@code response} when it is a 2xx answer; the {@link PlatformException} {@link #call} throws otherwise. */
    WebResponse checked(WebResponse response, WebRequest request, String what) {
        if (response.successful()) {
            return response;
        }
        int code = response.status();
        String detail = serverMessage(response.text());
        throw new PlatformException(code, what + ": " + explain(code) + " (" + code + " at " + mask(request.url().toString()) + ")"
                + (detail.isEmpty() ? "" : ": " + mask(detail)));
    }

    private WebResponse send(WebRequest request, String what, boolean idempotent) {
        return exchange(request, what, idempotent, () -> client.send(request));
    }

    private WebResponse exchange(WebRequest request, String what, boolean idempotent, Sender sender) {
        RetryWindow window = retry.get();
        Long gaveUp = gaveUpAt.get();
        if (gaveUp != null && System.nanoTime() - gaveUp < window.window().toNanos()) {
            // the platform was unreachable for a whole window moments ago: one attempt, not another window
            window = RetryWindow.none();
        }
        RetryWindow.Attempts attempts = window.start();
        IOException lastFailure;
        while (true) {
            try {
                WebResponse response = sender.send();
                int code = response.status();
                gaveUpAt.set(null);
                if (!response.successful() && idempotent && (code >= 500 && code != 501 || code == 408 || code == 429) && pause(attempts)) {
                    LOG.warn("{}: the platform answered {} ({}); retrying", what, code, mask(serverMessage(response.text())));
                    continue;
                }
                return response;
            } catch (IOException e) {
                lastFailure = e;
                if ((idempotent || e instanceof java.net.ConnectException) && pause(attempts)) {
                    if (attempts.count() == 2) {
                        LOG.warn("{}: cannot reach the platform at {} ({}); retrying for up to {} s", what, origin(request),
                                mask(String.valueOf(e.getMessage())), window.window().toSeconds());
                    }
                    continue;
                }
                break;
            }
        }
        if (idempotent) {
            gaveUpAt.set(System.nanoTime());
        }
        throw new PlatformException(0, what + ": cannot reach the platform at " + origin(request) + " after " + attempts.count()
                + (attempts.count() == 1 ? " attempt" : " attempts over " + attempts.elapsed().toSeconds() + " s") + " ("
                + lastFailure.getClass().getSimpleName() + (lastFailure.getMessage() == null ? "" : ": " + mask(lastFailure.getMessage()))
                + "). Is it running? Start the local one with: bin/brevettiai platform", lastFailure);
    }

    private String origin(WebRequest request) {
        return mask(request.origin());
    }

    private static boolean pause(RetryWindow.Attempts attempts) {
        try {
            return attempts.pauseBeforeNext();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(0, "Interrupted while waiting to retry a platform call");
        }
    }

    private static String explain(int code) {
        return switch (code) {
            case 401 -> "the platform refused the API key; check --api_key (or the api_key environment variable)";
            case 403 -> "the platform forbids it";
            case 404 -> "not found on the platform; check the id and --host";
            case 501 -> "this platform does not offer it";
            case 400 -> "the platform rejected the request";
            case 409 -> "the job's state on the platform does not allow it";
            case 300, 301, 302, 303, 307, 308 -> "the platform sends it elsewhere (an http:// address for an https:// "
                    + "platform?); check --host";
            default -> "the platform answered with an error";
        };
    }

    /** The error an answer's body gives ({@code error} or {@code message} of a JSON object, else its text, shortened). */
    static String serverMessage(String body) {
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
}
