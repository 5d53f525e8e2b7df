package ai.brevetti.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP/1.1 calls on the JDK's {@link HttpURLConnection}, so the library needs no HTTP dependency (see
 * docs/decisions.md, 44). Connections are kept alive and reused (the JDK's keep-alive cache); proxies come
 * from the default {@link java.net.ProxySelector} ({@code http.proxyHost}, {@code https.proxyHost}, …) and
 * certificates from the JDK's trust store, as any Java client. A connection that fails before the answer
 * (a kept-alive one the server had closed) is tried once more by the JDK, POSTs included.
 *
 * <p>Three bounds: to connect, between two reads, and for the whole call (enforced by closing the
 * connection). Thread-safe; one instance serves any number of threads.
 */
public final class WebClient {
    private static final String USER_AGENT = "brevettiai-java";
    /** Closes connections whose call ran over its bound; its thread waits in Java, not in a native call. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final int connectMillis;
    private final int readMillis;
    private final Duration callTimeout;

    /**
     * @param connectTimeout the bound on opening a connection
     * @param readTimeout the bound on a pause between two reads
     * @param callTimeout the bound on the whole call, from connecting to the last byte of the answer
     */
    public WebClient(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        this.connectMillis = millis(connectTimeout);
        this.readMillis = millis(readTimeout);
        this.callTimeout = callTimeout;
    }

    /**
     * Sends {@code request} and reads the whole answer, whatever its status.
     *
     * @throws IOException when no complete answer came: the server could not be reached ({@link
     *         java.net.ConnectException}), a bound was passed ({@link SocketTimeoutException}), the connection broke
     */
    public WebResponse send(WebRequest request) throws IOException {
        return exchange(request, null);
    }

    /**
     * Sends {@code request}; the body of a 2xx answer is written to {@code file} (replaced), that of another
     * answer is its {@link WebResponse#text()}. The whole-call bound does not apply (a large file takes its
     * time), the bound between two reads does.
     *
     * @throws IOException as {@link #send}, or when {@code file} cannot be written
     */
    public WebResponse download(WebRequest request, Path file) throws IOException {
        return exchange(request, file);
    }

    private WebResponse exchange(WebRequest request, Path file) throws IOException {
        HttpURLConnection c = (HttpURLConnection) request.url().openConnection();
        c.setConnectTimeout(connectMillis);
        c.setReadTimeout(readMillis);
        c.setUseCaches(false);
        c.setRequestMethod(request.method());
        c.setRequestProperty("User-Agent", USER_AGENT);
        c.setRequestProperty("Accept", "*/*");
        request.headers().forEach(c::setRequestProperty);
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = file != null ? null : DEADLINES.schedule(() -> {
            late.set(true);
            c.disconnect();
        }, callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (request.body().isPresent()) {
                WebRequest.Body body = request.body().get();
                body.contentType().ifPresent(t -> c.setRequestProperty("Content-Type", t));
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body.bytes());
                }
            }
            int status = c.getResponseCode();
            Map<String, List<String>> headers = c.getHeaderFields();
            if (file != null && status >= 200 && status < 300) {
                try (InputStream in = c.getInputStream()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                return new WebResponse(status, "", headers);
            }
            byte[] bytes;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                bytes = in == null ? new byte[0] : in.readAllBytes();
            }
            return new WebResponse(status, new String(bytes, charset(c.getContentType())), headers);
        } catch (IOException e) {
            if (late.get()) {
                throw new SocketTimeoutException("no complete answer within " + callTimeout.toSeconds() + " s");
            }
            throw e;
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    /** The charset a {@code Content-Type} names, UTF-8 when it names none or one Java does not know. */
    static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring("charset=".length()).replace("\"", "").strip());
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "brevettiai-http-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Override
    public String toString() {
        return "WebClient[connect " + connectMillis + " ms, read " + readMillis + " ms, call " + callTimeout.toMillis() + " ms]";
    }
}
