package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.WebRequest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The platform calls over real HTTP on loopback: what a redirect does. */
class HttpCallsTest {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    final List<HttpServer> servers = new ArrayList<>();

    HttpServer serve(int status, String location) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getLocalAddress().getPort() + " " + exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            byte[] body = "[]".getBytes();
            exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void aRedirectToHttpsIsNotFollowedAndTheErrorSaysToCheckTheHost() throws Exception {
        HttpServer server = serve(301, null);
        int port = server.getAddress().getPort();
        servers.remove(server);
        server.stop(0);
        HttpServer moved = serve(301, "https://127.0.0.1:" + port + "/api/models?key=secret-key");
        String url = "http://127.0.0.1:" + moved.getAddress().getPort() + "/api/models?key=secret-key";
        PlatformException e = assertThrows(PlatformException.class,
                () -> new HttpCalls(Optional.empty()).call(WebRequest.get(url), "Listing models"));
        assertEquals(301, e.status());
        assertTrue(e.getMessage().startsWith("Listing models: the platform sends it elsewhere (an http:// address for an "
                + "https:// platform?); check --host (301 at http://127.0.0.1:"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-key"), e.getMessage());
    }

    @Test
    void aRedirectToAnotherHostIsFollowedWithoutTheToken() throws Exception {
        HttpServer target = serve(200, null);
        HttpServer moved = serve(302, "http://127.0.0.1:" + target.getAddress().getPort() + "/api/data");
        String answer = new HttpCalls(Optional.empty()).call(WebRequest.get("http://127.0.0.1:" + moved.getAddress().getPort()
                + "/api/data").header("Authorization", "Bearer the-token"), "Listing datasets");
        assertEquals("[]", answer);
        assertEquals(List.of(moved.getAddress().getPort() + " GET Bearer the-token", target.getAddress().getPort() + " GET null"), seen,
                "the bearer token does not follow the redirect to another destination");
    }
}
