package ai.brevetti.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a server: the next {@link #resetNext n} connections are reset (RST)
 * as soon as their request begins, as a load balancer or a dropped network does; later ones are passed
 * through byte for byte.
 */
public final class ResettingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final AtomicInteger resetsLeft = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private ResettingProxy(URI target) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "resetting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to {@code target} (its scheme, host and port). */
    public static ResettingProxy to(URI target) throws IOException {
        return new ResettingProxy(target);
    }

    /** The proxy's address, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Resets the next {@code count} connections. */
    public void resetNext(int count) {
        resetsLeft.set(count);
    }

    /** Connections reset so far. */
    public int resets() {
        return resets.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(client), "resetting-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            if (resetsLeft.getAndDecrement() > 0) {
                int first = client.getInputStream().read();
                if (first >= 0) {
                    resets.incrementAndGet();
                }
                client.setSoLinger(true, 0);
                client.close();
                return;
            }
            Socket upstream = new Socket(target.getAddress(), target.getPort());
            Thread back = new Thread(() -> pump(upstream, client), "resetting-proxy-back");
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the other follows
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
