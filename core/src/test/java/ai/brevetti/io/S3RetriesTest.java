package ai.brevetti.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.ResettingProxy;
import ai.brevetti.testing.S3TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How S3 calls survive what S3 answers: 5xx, throttling and connection resets are retried with backoff
 * (reads too), a bounded number of times; answers that the credentials expired fetch new ones once;
 * everything else is final. Against a real S3 server on loopback that answers with real S3 errors.
 */
class S3RetriesTest {
    @TempDir
    static Path dir;

    static S3TestServer server;
    static final String ROOT = "s3://" + S3TestServer.BUCKET;
    static final String FILE = ROOT + "/retries/file.txt";

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start(Files.createDirectories(dir.resolve("s3")));
        try (IoTools io = new IoTools().routeS3(ROOT, server.access())) {
            io.writeFile(FILE, "content");
        }
    }

    @AfterEach
    void noMoreFailures() {
        server.failNext(0, 200, "");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Counts how often the route asks for credentials. */
    static final class CountingAccess implements Supplier<S3Access> {
        final AtomicInteger asked = new AtomicInteger();
        final Supplier<S3Access> access;

        CountingAccess(Supplier<S3Access> access) {
            this.access = access;
        }

        @Override
        public S3Access get() {
            asked.incrementAndGet();
            return access.get();
        }
    }

    @ParameterizedTest
    @CsvSource({"503, SlowDown", "500, InternalError", "503, ServiceUnavailable"})
    void transientAnswersToReadsAreRetriedUpToFiveAttempts(int status, String code) {
        try (IoTools io = new IoTools().routeS3(ROOT, server.access())) {
            long before = server.gets();
            server.failNext(4, status, code);
            assertEquals("content", io.readText(FILE));
            assertEquals(5, server.gets() - before, "four failed attempts and the one that worked");
        }
    }

    @Test
    void aReadThatKeepsFailingStopsAfterFiveAttemptsSayingWhatS3Answered() {
        try (IoTools io = new IoTools().routeS3(ROOT, server.access())) {
            long before = server.gets();
            server.failNext(1000, 500, "InternalError");
            long start = System.nanoTime();
            StorageException e = assertThrows(StorageException.class, () -> io.readText(FILE));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals("Cannot read '" + FILE + "': S3 answered 500 InternalError after 5 attempts", e.getMessage());
            assertEquals(5, server.gets() - before);
            assertTrue(seconds < 5, "bounded: " + seconds + " s");
        }
    }

    @Test
    void connectionResetsAreRetried() throws Exception {
        try (ResettingProxy proxy = ResettingProxy.to(server.endpoint());
             IoTools io = new IoTools().routeS3(ROOT, S3Access.of(proxy.endpoint(), S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY))) {
            proxy.resetNext(4);
            assertEquals("content", io.readText(FILE));
            assertEquals(4, proxy.resets(), "four connections were reset before the read went through");
        }
    }

    @Test
    void aDeadEndpointFailsWithinAboutTwoSeconds() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + port);
        try (IoTools io = new IoTools().routeS3(ROOT, S3Access.of(dead, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY))) {
            long start = System.nanoTime();
            StorageException e = assertThrows(StorageException.class, () -> io.readText(FILE));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(e.getMessage().startsWith("Cannot read '" + FILE + "': cannot reach " + dead + " ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("after 5 attempts"), e.getMessage());
            System.out.printf("A dead endpoint failed a read after %.2f s%n", seconds);
            assertTrue(seconds < 3, "a person's start is told at once: " + seconds + " s");
        }
    }

    @ParameterizedTest
    @CsvSource({"400, ExpiredToken", "400, InvalidToken", "400, TokenRefreshRequired", "403, InvalidAccessKeyId"})
    void credentialsS3CallsExpiredAreFetchedAgainOnceAndTheCallRetried(int status, String code) {
        CountingAccess access = new CountingAccess(server::access);
        try (IoTools io = new IoTools()) {
            io.s3().route(ROOT, access);
            assertEquals("content", io.readText(FILE));
            assertEquals(1, access.asked.get());
            server.failNext(1, status, code);
            assertEquals("content", io.readText(FILE));
            assertEquals(2, access.asked.get(), "new credentials, once");
        }
    }

    @Test
    void listingsAreRetriedRefreshedAndReportedLikeEveryOtherCall() {
        CountingAccess access = new CountingAccess(server::access);
        try (IoTools io = new IoTools()) {
            io.s3().route(ROOT, access);
            server.failNext(1, 400, "ExpiredToken");
            assertEquals(List.of(FILE), io.list(ROOT + "/retries", false).map(StorageObject::path).toList());
            assertEquals(2, access.asked.get(), "new credentials for the listing");
            server.failNext(4, 503, "SlowDown");
            assertEquals(List.of(FILE), io.list(ROOT + "/retries", false).map(StorageObject::path).toList());
        }
        try (IoTools wrong = new IoTools().routeS3(ROOT, server.access(S3TestServer.ACCESS_KEY, "not-the-secret"))) {
            StorageException e = assertThrows(StorageException.class, () -> wrong.list(ROOT + "/retries", false));
            assertEquals("Cannot list '" + ROOT + "/retries': access denied (403 SignatureDoesNotMatch); the credentials for this path do not allow it",
                    e.getMessage());
        }
    }

    @Test
    void credentialsRefusedAgainAfterTheRefreshAreReportedNotFetchedInALoop() {
        CountingAccess access = new CountingAccess(server::access);
        try (IoTools io = new IoTools()) {
            io.s3().route(ROOT, access);
            server.failNext(2, 400, "ExpiredToken");
            StorageException e = assertThrows(StorageException.class, () -> io.readText(FILE));
            assertEquals("Cannot read '" + FILE + "': S3 answered 400 ExpiredToken", e.getMessage());
            assertEquals(2, access.asked.get());
        }
    }

    @Test
    void accessDeniedIsFinalNeitherRetriedNorRefreshed() {
        CountingAccess access = new CountingAccess(server::access);
        try (IoTools io = new IoTools()) {
            io.s3().route(ROOT, access);
            long before = server.gets();
            server.failNext(1, 403, "AccessDenied");
            StorageException e = assertThrows(StorageException.class, () -> io.readText(FILE));
            assertTrue(e.getMessage().contains("access denied (403 AccessDenied)"), e.getMessage());
            assertEquals(1, access.asked.get());
            assertEquals(1, server.gets() - before);
        }
    }

    @Test
    void temporaryCredentialsAreRenewedAMinuteBeforeTheyExpire() {
        CountingAccess anHour = expiringIn(3600);
        CountingAccess halfAMinute = expiringIn(30);
        try (IoTools io = new IoTools()) {
            io.s3().route(ROOT, anHour);
            assertEquals("content", io.readText(FILE));
            assertEquals("content", io.readText(FILE));
            assertEquals(1, anHour.asked.get(), "an hour left: kept");
            io.s3().route(ROOT, halfAMinute);
            assertEquals("content", io.readText(FILE));
            assertEquals(1, halfAMinute.asked.get());
            assertEquals("content", io.readText(FILE));
            assertEquals(2, halfAMinute.asked.get(), "30 s left: renewed before the call");
            assertFalse(io.s3().hasRouteFor("s3://another-bucket/x"), "the catch-all is no bucket's route");
        }
    }

    /** The test server's keys, said to expire {@code seconds} after each time they are asked for. */
    static CountingAccess expiringIn(long seconds) {
        S3Access keys = server.access();
        return new CountingAccess(() -> new S3Access(keys.credentials(), keys.endpoint(), keys.region(), true,
                Optional.of(Instant.now().plusSeconds(seconds))));
    }
}
