package ai.brevetti.localplatform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP server's own errors (a request refused before any route, e.g. a malformed {@code Host}) as
 * {@code {"error": "<status> <reason>"}}: Jetty's default page repeats the request's URI, with the API
 * key or token a link may carry in its query.
 */
final class BareErrors extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String reason = HttpStatus.getMessage(code);
        byte[] body = ("{\"error\":\"" + code + " " + (reason == null ? "" : reason.replaceAll("[^A-Za-z0-9 -]", "")) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
