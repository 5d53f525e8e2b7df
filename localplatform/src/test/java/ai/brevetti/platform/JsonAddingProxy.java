package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A platform that has grown: a proxy on loopback in front of a local platform that adds fields the client
 * does not know to every JSON object of every answer ({@link #EXTRA_FIELDS}), and answers downloads with a
 * {@code Content-Disposition} naming a file outside the folder. Records which requests carried a token.
 */
final class JsonAddingProxy implements AutoCloseable {
    /** What every JSON object of an answer gets: a new object, a new list, a new flag, a number where text is known. */
    static final Map<String, Object> EXTRA_FIELDS = Map.of("zzNewObject", Map.of("nested", List.of(1, "two")), "zzNewList",
            List.of(Map.of("x", 1)), "zzNewFlag", true, "zzNewNumber", 12.5);
    /** The name the proxy's downloads claim: outside the folder, with a non-ASCII letter. */
    static final String CLAIMED_NAME = "../../escaped æ.bin";

    private final HttpServer server;
    private final String target;
    private final HttpClient client = HttpClient.newHttpClient();
    final Set<String> withToken = ConcurrentHashMap.newKeySet();
    final Set<String> withoutToken = ConcurrentHashMap.newKeySet();

    JsonAddingProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            String authorization = ex.getRequestHeaders().getFirst("Authorization");
            (authorization == null ? withoutToken : withToken).add(path);
            byte[] body = ex.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] out = answer.body();
            String answerType = answer.headers().firstValue("Content-Type").orElse("");
            if (answerType.startsWith("application/json") && out.length > 0) {
                out = Json.write(grow(Json.parse(new String(out, StandardCharsets.UTF_8)))).getBytes(StandardCharsets.UTF_8);
            }
            answer.headers().firstValue("Content-Type").ifPresent(t -> ex.getResponseHeaders().set("Content-Type", t));
            if (answer.headers().firstValue("Content-Disposition").isPresent()) {
                ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"evil/../../x.bin\"; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(CLAIMED_NAME, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            ex.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code value} with {@link #EXTRA_FIELDS} in every object, at every depth. */
    static Object grow(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), grow(v)));
            out.putAll(EXTRA_FIELDS);
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonAddingProxy::grow).toList();
        }
        return value;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
