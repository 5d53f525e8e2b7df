package ai.brevetti.interfaces.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.io.IoTools;
import ai.brevetti.testing.Captured;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteMonitorTest {
    /** What the fake server received: content type, body, one header. */
    record Received(String contentType, String body, String header) {
    }

    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    HttpServer server;
    volatile int status = 204;

    HttpServer serve(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/api/models/m1/remotemonitor", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("X-Test")));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        s.start();
        return s;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String root(int port) {
        return "http://127.0.0.1:" + port;
    }

    static Map<String, Object> logs(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String formData(Received r) {
        assertTrue(r.body().startsWith("data="), r.body());
        return URLDecoder.decode(r.body().substring("data=".length()), StandardCharsets.UTF_8);
    }

    @Test
    void theDocumentationsPointsArePostedAsTheFormFieldData() throws Exception {
        server = serve(0);
        try (RemoteMonitor monitor = new RemoteMonitor(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor?key=k")) {
            monitor.onEpochEnd(11, logs("loss", 0.9, "accuracy", 0.5));
            monitor.onEpochEnd(12, logs("loss", 0.7, "accuracy", 0.8));
        }
        assertEquals(2, received.size());
        Received first = received.get(0);
        assertTrue(first.contentType().startsWith("application/x-www-form-urlencoded"), first.contentType());
        // the seed's example, in the layout Python's json.dumps gives it
        assertEquals("{\"epoch\": 11, \"loss\": 0.9, \"accuracy\": 0.5}", formData(first));
        assertEquals("{\"epoch\": 12, \"loss\": 0.7, \"accuracy\": 0.8}", formData(received.get(1)));
        Map<String, Object> parsed = Json.parseObject(formData(first));
        assertEquals(List.of("epoch", "loss", "accuracy"), List.copyOf(parsed.keySet()));
        assertEquals(11, parsed.get("epoch"));
    }

    @Test
    void sendAsJsonPostsAJsonBodyWithTheHeaders() throws Exception {
        server = serve(0);
        try (RemoteMonitor monitor = new RemoteMonitor(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor?key=k",
                "data", Map.of("X-Test", "yes"), true)) {
            monitor.onEpochEnd(0, logs("loss", 1.5));
        }
        assertEquals(new Received("application/json; charset=utf-8", "{\"epoch\": 0, \"loss\": 1.5}", "yes"), received.get(0));
    }

    @Test
    void anotherFieldNameCarriesThePoint() throws Exception {
        server = serve(0);
        try (RemoteMonitor monitor = RemoteMonitor.builder().url(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor")
                .field("payload").build()) {
            monitor.onEpochEnd(3, Map.of());
        }
        assertEquals("payload=%7B%22epoch%22%3A+3%7D", received.get(0).body(), "form-encoded as Python's requests does it");
    }

    @Test
    void theFormIsEncodedExactlyAsPythonsRequestsEncodesIt() throws Exception {
        server = serve(0);
        try (RemoteMonitor monitor = new RemoteMonitor(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor?key=k")) {
            monitor.send(logs("note", "~*!'()"));
        }
        // Python: requests.post(url, data={"data": json.dumps({"note": "~*!'()"})}).request.body
        assertEquals("data=%7B%22note%22%3A+%22~%2A%21%27%28%29%22%7D", received.get(0).body());
    }

    @Test
    void headersTheHttpClientSetsItselfAreRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RemoteMonitor("http://127.0.0.1:1",
                "/api/models/m1/remotemonitor?key=k", "data", Map.of("Host", "elsewhere"), false));
        assertTrue(e.getMessage().contains("RemoteMonitor headers: The header Host is set by the HTTP client itself"), e.getMessage());
    }

    @Test
    void notANumberAndInfinityAreSentAsNull() throws Exception {
        server = serve(0);
        try (RemoteMonitor monitor = new RemoteMonitor(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor?key=k")) {
            monitor.onEpochEnd(1, logs("loss", Double.NaN, "val_loss", Double.POSITIVE_INFINITY, "acc", Float.NEGATIVE_INFINITY,
                    "lr", 1e-3f, "per_class", new double[] {0.5, Double.NaN}, "note", null));
        }
        assertEquals("{\"epoch\": 1, \"loss\": null, \"val_loss\": null, \"acc\": null, \"lr\": 0.001, \"per_class\": [0.5, null], "
                + "\"note\": null}", formData(received.get(0)));
    }

    @Test
    void anUnreachableServerGivesOneWarningAndTheBufferedPointsArriveInOrderWhenItIsBack() throws Exception {
        int port = freePort();
        String secret = "s3cr3t-key-value";
        RemoteMonitor monitor = RemoteMonitor.builder().url(root(port), "/api/models/m1/remotemonitor?key=" + secret)
                .capacity(3).retryBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).build();
        Captured<Void> down = Captured.run(() -> {
            for (int epoch = 0; epoch < 5; epoch++) {
                monitor.onEpochEnd(epoch, logs("loss", 1.0 / (epoch + 1)));
            }
            return null;
        });
        assertTrue(monitor.isDown());
        assertEquals(3, monitor.pending(), "the buffer keeps the newest 3");
        assertEquals(2, monitor.dropped());
        List<String> warnings = down.err.lines().filter(l -> l.startsWith("WARN")).toList();
        assertEquals(2, warnings.size(), down.err);
        assertTrue(warnings.get(0).contains("Could not reach RemoteMonitor root server at " + root(port)), warnings.get(0));
        assertTrue(warnings.get(1).contains("dropping the oldest"), warnings.get(1));
        assertFalse(down.err.contains(secret), "the key is never logged");

        server = serve(port);
        Captured<Void> back = Captured.run(() -> {
            monitor.onEpochEnd(5, logs("loss", 1.0 / 6));
            return null;
        });
        assertFalse(monitor.isDown());
        assertEquals(0, monitor.pending());
        assertEquals(List.of(2, 3, 4, 5), received.stream().map(r -> (Integer) parse(formData(r)).get("epoch")).toList(),
                "the backlog first, in order, then the new point");
        assertTrue(back.err.contains("reachable again"), back.err);
        assertTrue(back.err.contains("2 oldest point(s) were dropped"), back.err);
        monitor.close();
    }

    @Test
    void theBackgroundRetryDeliversWithoutAnotherCall() throws Exception {
        int port = freePort();
        RemoteMonitor monitor = RemoteMonitor.builder().url(root(port), "/api/models/m1/remotemonitor?key=k")
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();
        Captured.run(() -> {
            monitor.onEpochEnd(0, logs("loss", 2.0));
            monitor.onEpochEnd(1, logs("loss", 1.0));
            return null;
        });
        assertEquals(2, monitor.pending());
        server = serve(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (monitor.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, monitor.pending());
        assertEquals(List.of(0, 1), received.stream().map(r -> (Integer) parse(formData(r)).get("epoch")).toList());
        monitor.close();
    }

    @Test
    void refusedPointsAreDroppedWithOneWarningAndNotRetried() throws Exception {
        server = serve(0);
        status = 401;
        RemoteMonitor monitor = new RemoteMonitor(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor?key=wrong-key-123");
        Captured<Void> run = Captured.run(() -> {
            monitor.onEpochEnd(0, logs("loss", 1.0));
            monitor.onEpochEnd(1, logs("loss", 0.5));
            return null;
        });
        assertEquals(0, monitor.pending());
        assertFalse(monitor.isDown());
        assertEquals(2, received.size(), "each point was tried once");
        assertEquals(1, run.err.lines().filter(l -> l.startsWith("WARN")).count(), run.err);
        assertTrue(run.err.contains("refused a training-progress point (the server answered 401)"), run.err);
        assertFalse(run.err.contains("wrong-key-123"));
        monitor.close();
    }

    @Test
    void serverErrorsAreRetriedLikeAnOutage() throws Exception {
        server = serve(0);
        status = 503;
        RemoteMonitor monitor = RemoteMonitor.builder().url(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor")
                .retryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).build();
        Captured.run(() -> {
            monitor.onEpochEnd(0, logs("loss", 1.0));
            return null;
        });
        assertTrue(monitor.isDown());
        assertEquals(1, monitor.pending());
        status = 204;
        assertTrue(monitor.flush());
        assertEquals(2, received.size());
        monitor.close();
    }

    @Test
    void timeoutsTooManyRequestsAndServerErrorsAreOutagesOtherRefusalsDropThePoint() throws Exception {
        server = serve(0);
        for (int code : new int[] {408, 429, 500, 502}) {
            status = code;
            RemoteMonitor monitor = RemoteMonitor.builder().url(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor")
                    .retryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).closeWait(Duration.ZERO).build();
            Captured.run(() -> {
                monitor.onEpochEnd(0, logs("loss", 1.0));
                return null;
            });
            assertTrue(monitor.isDown(), "an outage: " + code);
            assertEquals(1, monitor.pending(), "kept: " + code);
            Captured.run(() -> {
                monitor.close();
                return null;
            });
        }
        for (int code : new int[] {400, 403, 404, 413}) {
            status = code;
            RemoteMonitor monitor = new RemoteMonitor(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor");
            Captured.run(() -> {
                monitor.onEpochEnd(0, logs("loss", 1.0));
                return null;
            });
            assertFalse(monitor.isDown(), "not an outage: " + code);
            assertEquals(0, monitor.pending(), "dropped: " + code);
            monitor.close();
        }
    }

    @Test
    void pointsFromSeveralThreadsArriveOnceEachInTheOrderTheyWereReported() throws Exception {
        server = serve(0);
        int threads = 4;
        int each = 150;
        try (RemoteMonitor monitor = new RemoteMonitor(root(server.getAddress().getPort()), "/api/models/m1/remotemonitor?key=k")) {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread sender = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        monitor.send(logs("thread", thread, "i", i));
                    }
                });
                senders.add(sender);
                sender.start();
            }
            start.countDown();
            for (Thread sender : senders) {
                sender.join();
            }
            assertTrue(monitor.flush());
            List<Map<String, Object>> reported = monitor.history();
            List<Map<String, Object>> arrived = received.stream().map(r -> parse(formData(r))).toList();
            assertEquals(threads * each, arrived.size());
            assertEquals(reported, arrived, "the server saw the points in the order the monitor took them, each once");
            for (int t = 0; t < threads; t++) {
                int thread = t;
                assertEquals(java.util.stream.IntStream.range(0, each).boxed().toList(),
                        arrived.stream().filter(p -> p.get("thread").equals(thread)).map(p -> (Integer) p.get("i")).toList());
            }
            assertEquals(threads * each, monitor.delivered());
        }
    }

    @Test
    void pointsReportedDuringAnOutageFromSeveralThreadsKeepTheNewestInOrder() throws Exception {
        int port = freePort();
        RemoteMonitor monitor = RemoteMonitor.builder().url(root(port), "/api/models/m1/remotemonitor?key=k").capacity(50)
                .retryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).build();
        Captured.run(() -> {
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                Thread sender = new Thread(() -> {
                    for (int i = 0; i < 40; i++) {
                        monitor.send(logs("thread", thread, "i", i));
                    }
                });
                senders.add(sender);
                sender.start();
            }
            for (Thread sender : senders) {
                sender.join();
            }
            return null;
        });
        assertEquals(50, monitor.pending());
        assertEquals(70, monitor.dropped());
        List<Map<String, Object>> kept = monitor.history();
        server = serve(port);
        assertTrue(monitor.flush());
        assertEquals(kept, received.stream().map(r -> parse(formData(r))).toList(), "the newest 50, in the order they were taken");
        monitor.close();
    }

    @Test
    void aFlushWithAWaitDeliversWhenTheServerComesBackAndASecondOneRightAfterAVainWaitTriesOnce() throws Exception {
        int port = freePort();
        RemoteMonitor monitor = RemoteMonitor.builder().url(root(port), "/api/models/m1/remotemonitor")
                .retryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).closeWait(Duration.ofMillis(300)).build();
        Captured<Void> run = Captured.run(() -> {
            monitor.onEpochEnd(0, logs("loss", 1.0));
            long start = System.nanoTime();
            assertFalse(monitor.flush(Duration.ofMillis(800)), "nobody listens");
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited >= 700 && waited < 5_000, "waited the whole wait: " + waited + " ms");
            start = System.nanoTime();
            assertFalse(monitor.flush(Duration.ofSeconds(20)), "still nobody");
            waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited < 2_000, "right after a vain wait: one attempt, not another wait (" + waited + " ms)");

            java.util.concurrent.CompletableFuture<HttpServer> later = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(1_000);
                    return serve(port);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_200);
            server = later.get();
            assertTrue(monitor.flush(Duration.ofSeconds(20)), "delivered once the server is back");
            return null;
        });
        assertEquals(0, monitor.pending());
        assertEquals(1, received.size(), run.err);
        monitor.close();
    }

    @Test
    void closeWaitsAtMostItsWaitWarnsAboutWhatIsLeftAndLaterPointsAreRefusedQuietly() throws Exception {
        int port = freePort();
        RemoteMonitor monitor = RemoteMonitor.builder().url(root(port), "/api/models/m1/remotemonitor?key=the-key")
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(100)).closeWait(Duration.ofSeconds(1)).build();
        Captured<Long> closing = Captured.run(() -> {
            monitor.onEpochEnd(0, logs("loss", 1.0));
            monitor.onEpochEnd(1, logs("loss", 0.5));
            long start = System.nanoTime();
            monitor.close();
            return (System.nanoTime() - start) / 1_000_000;
        });
        // attempts 250 ms and 500 ms apart within the wait of 1 s
        assertTrue(closing.value >= 600 && closing.value < 5_000, "close tried again within its wait, then gave up: " + closing.value + " ms");
        assertTrue(closing.err.contains("2 training-progress point(s) could not be delivered to " + root(port)), closing.err);
        assertFalse(closing.err.contains("the-key"));

        Captured<Void> after = Captured.run(() -> {
            monitor.onEpochEnd(2, logs("loss", 0.1));
            return null;
        });
        assertTrue(after.err.contains("a training-progress point was not recorded"), after.err);
        server = serve(port);
        Thread.sleep(400);
        assertEquals(List.of(), received, "no background retry after close");
        assertEquals(2, monitor.pending());
        monitor.close();
    }

    @Test
    void aPathThatMakesNoUrlIsRefusedWithoutShowingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RemoteMonitor("platform.brevetti.ai", "/api/models/x/remotemonitor?key=hidden-key"));
        assertTrue(e.getMessage().contains("is not an http(s) URL"), e.getMessage());
        assertFalse(e.getMessage().contains("hidden-key"), e.getMessage());
    }

    @Test
    void aJsonLinesMonitorAppendsOnePointALine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("artifacts/remotemonitor.jsonl");
        try (RemoteMonitor monitor = RemoteMonitor.toJsonLines(new IoTools(), file.toString())) {
            monitor.onEpochEnd(0, logs("loss", 0.9, "accuracy", 0.5));
            monitor.onEpochEnd(1, logs("loss", Double.NaN));
            assertEquals(2, monitor.history().size());
        }
        assertEquals(List.of("{\"epoch\": 0, \"loss\": 0.9, \"accuracy\": 0.5}", "{\"epoch\": 1, \"loss\": null}"),
                Files.readAllLines(file));
    }

    @Test
    void valuesJsonCannotHoldBecomeText() {
        assertNull(JsonValues.of(Float.NaN));
        assertEquals(List.of(1, 2), JsonValues.of(new int[] {1, 2}));
        assertEquals("PT1S", JsonValues.of(Duration.ofSeconds(1)));
        assertEquals(Map.of("a", List.of(0.5)), JsonValues.of(Map.of("a", List.of(0.5))));
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Json.parseObject(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
