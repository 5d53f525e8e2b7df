package ai.brevetti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.WebRequest.Body;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK-based HTTP client against real servers on loopback. */
class WebClientTest {
    /** What the server received. */
    record Received(String method, String uri, String contentType, String authorization, String body, int clientPort) {
    }

    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    HttpServer server;
    final List<ServerSocket> sockets = new ArrayList<>();

    String serve(int status, String contentType, byte[] answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(body, StandardCharsets.UTF_8), exchange.getRemoteAddress().getPort()));
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A server that accepts, reads the request and then answers with {@code answer}, one byte every {@code pause}. */
    int slowServer(String answer, Duration pause) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        Thread t = new Thread(() -> {
            try (Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                byte[] buffer = new byte[8192];
                in.read(buffer);
                OutputStream out = s.getOutputStream();
                for (byte b : answer.getBytes(StandardCharsets.US_ASCII)) {
                    Thread.sleep(pause.toMillis());
                    out.write(b);
                    out.flush();
                }
                Thread.sleep(60_000);
            } catch (IOException | InterruptedException stopped) {
                // the test is over
            }
        }, "slow-server");
        t.setDaemon(true);
        t.start();
        return socket.getLocalPort();
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        for (ServerSocket s : sockets) {
            s.close();
        }
    }

    static WebClient client() {
        return new WebClient(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void aFormIsEncodedAsPythonsRequestsEncodesIt() throws Exception {
        String root = serve(204, null, new byte[0]);
        // urllib.parse.urlencode({"data": '{"a": "x ~*!\'()é"}'}) in Python 3
        client().send(WebRequest.post(root + "/form", Body.form("data", "{\"a\": \"x ~*!'()é\"}")));
        assertEquals("data=%7B%22a%22%3A+%22x+~%2A%21%27%28%29%C3%A9%22%7D", received.get(0).body());
        assertEquals("application/x-www-form-urlencoded", received.get(0).contentType());
    }

    @Test
    void jsonBodiesAndHeadersArriveAndTheAnswerIsDecodedWithItsCharset() throws Exception {
        String root = serve(200, "text/plain; charset=ISO-8859-1", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        WebResponse answer = client().send(WebRequest.post(root + "/j", Body.json("{\"ø\": 1}")).header("Authorization", "Bearer t"));
        assertEquals(new WebResponse(200, "caf\u00e9"), new WebResponse(answer.status(), answer.text()));
        assertEquals(List.of("text/plain; charset=ISO-8859-1"), answer.headers("content-TYPE"), "headers by any case");
        assertEquals(new Received("POST", "/j", "application/json; charset=utf-8", "Bearer t", "{\"ø\": 1}",
                received.get(0).clientPort()), received.get(0));
    }

    @Test
    void errorStatusesComeBackWithTheirBody() throws Exception {
        String root = serve(409, "application/json", "{\"error\": \"completed\"}".getBytes(StandardCharsets.UTF_8));
        WebResponse answer = client().send(WebRequest.delete(root + "/m/1"));
        assertFalse(answer.successful());
        assertEquals(new WebResponse(409, "{\"error\": \"completed\"}"), new WebResponse(answer.status(), answer.text()));
        assertEquals("DELETE", received.get(0).method());
    }

    @Test
    void callsOnOneOriginShareAKeptAliveConnection() throws Exception {
        String root = serve(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
        WebClient client = client();
        for (int i = 0; i < 5; i++) {
            assertEquals("ok", client.send(i % 2 == 0 ? WebRequest.get(root + "/a?i=" + i) : WebRequest.post(root + "/b", Body.json("{}"))).text());
        }
        Set<Integer> ports = ConcurrentHashMap.newKeySet();
        received.forEach(r -> ports.add(r.clientPort()));
        assertEquals(1, ports.size(), "one connection for five calls: " + received);
    }

    @Test
    void aRefusedConnectionIsAConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThrows(ConnectException.class, () -> client().send(WebRequest.get("http://127.0.0.1:" + port + "/x")));
    }

    @Test
    void aServerThatStopsAnsweringHitsTheReadTimeout() throws Exception {
        int port = slowServer("", Duration.ofMillis(1));
        WebClient client = new WebClient(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(30));
        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> client.send(WebRequest.get("http://127.0.0.1:" + port + "/x")));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void anAnswerThatTricklesInHitsTheCallTimeout() throws Exception {
        // every byte comes within the read timeout, the whole answer would take minutes
        int port = slowServer("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(1000), Duration.ofMillis(100));
        WebClient client = new WebClient(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1500));
        long start = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> client.send(WebRequest.get("http://127.0.0.1:" + port + "/x")));
        long took = System.nanoTime() - start;
        assertTrue(took < Duration.ofSeconds(6).toNanos(), "stopped after " + took / 1_000_000 + " ms");
        assertTrue(e.getMessage().contains("no complete answer within"), e.getMessage());
    }

    @Test
    void urlsWithCharactersAUrlCannotHoldAreEscapedNotRefused() {
        assertEquals("http://h:1/a%20b/%7Bc%7D?name=x%20y&key=%41%25z", WebRequest.parseUrl("http://h:1/a b/{c}?name=x y&key=%41%z").toString());
        assertEquals("http://h/%C3%A9", WebRequest.parseUrl(" http://h/é ").toString());
        assertEquals("http://[::1]:8800/x%5B0%5D", WebRequest.parseUrl("http://[::1]:8800/x[0]").toString());
        for (String bad : new String[] {"platform.brevetti.ai/x", "ftp://h/x", "http:///x", "http://h:99999/x", ""}) {
            assertTrue(WebRequest.tryParseUrl(bad).isEmpty(), bad);
        }
        assertEquals("https://platform.brevetti.ai:443", WebRequest.get("https://platform.brevetti.ai/api?key=k").origin());
    }

    @Test
    void headersTheClientSetsItselfOrThatBreakLinesAreRefused() {
        WebRequest request = WebRequest.get("http://127.0.0.1:1/x");
        for (String name : List.of("Host", "content-length", "Connection", "Origin")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> request.header(name, "v"));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("cannot be given"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> request.headers(Map.of("X-Token", "secret-value\r\nX-Evil: 1")));
        assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> request.header("Bad Name", "v"));
        assertFalse(request.header("Authorization", "Bearer hidden").toString().contains("hidden"));
    }
}
