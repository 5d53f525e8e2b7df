package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.RetryWindow;
import ai.brevetti.interfaces.monitor.RemoteMonitor;
import ai.brevetti.kernel.ScriptRunner;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.JobStatus;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Captured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose platform goes away: a restart of a few seconds costs it a pause (idempotent writes, the
 * chart and the completion are retried), a platform that stays away is reported (what was not
 * delivered, exit code 1 when the completion never arrived), never lost silently.
 */
public class PlatformRestartTest {
    @TempDir
    Path dir;

    /** The platform a script stops with {@link #outage()}. */
    static volatile LocalPlatform current;

    /** Called by the scripts below: the platform goes away mid-run. */
    public static void outage() {
        current.close();
    }

    @AfterEach
    void clear() {
        System.clearProperty(RetryWindow.WINDOW_PROPERTY);
    }

    static List<Object> epochs(LocalPlatform platform, Model model) {
        return platform.store().monitor(model.id()).stream().map(p -> p.get("epoch")).toList();
    }

    @Test
    void aRestartWithinTheRetryWindowCostsTheJobAPauseNotItsRun() throws Exception {
        System.setProperty(RetryWindow.WINDOW_PROPERTY, "30000");
        Path root = dir.resolve("platform");
        LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(root));
        String url = platform.url();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        int s3Port = platform.s3Endpoint().getPort();
        Model model = PlatformApi.connect(url).createModel("restarted", List.of(), Map.of(), List.of());
        CompletableFuture<LocalPlatform> restarted = new CompletableFuture<>();
        try (Job<GenericSettings> job = Job.builder().jobId(model.id()).apiKey(model.apiKey().reveal()).host(url).args()
                .environment(Map.of()).init()) {
            RemoteMonitor monitor = job.getRemoteMonitor();
            monitor.onEpochEnd(0, Map.of("loss", 1.0));
            platform.close();
            monitor.onEpochEnd(1, Map.of("loss", 0.5));
            assertEquals(1, monitor.pending(), "buffered while the platform is away");

            // the platform comes back on the same root and ports 2 s later
            Thread restarter = new Thread(() -> {
                try {
                    Thread.sleep(2000);
                    restarted.complete(LocalPlatform.start(new LocalPlatform.Config(root, "127.0.0.1", port, s3Port,
                            LocalPlatform.DEFAULT_BUCKET)));
                } catch (Exception e) {
                    restarted.completeExceptionally(e);
                }
            });
            restarter.start();
            long start = System.nanoTime();
            Captured<String> writes = Captured.run(() -> {
                job.io().writeFile(job.artifactPath("weights.bin"), "precious");
                job.uploadChart("late", "{\"mark\": \"bar\"}");
                job.completeJob();
                return "done";
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals("done", writes.value, writes.err);
            assertTrue(seconds >= 1.5, "the write waited for the restart: " + seconds + " s");
            assertTrue(writes.err.contains("retrying for up to 30 s"), writes.err);
            assertFalse(writes.err.contains(model.apiKey().reveal()));
            assertEquals(JobStatus.COMPLETED, job.status());
            assertEquals(0, monitor.pending());
        } finally {
            if (!restarted.isDone()) {
                platform.close();
            }
        }
        LocalPlatform back = restarted.get();
        try {
            assertEquals("precious", Files.readString(root.resolve("s3/data.criterion.ai/" + model.id() + "/artifacts/weights.bin")));
            assertEquals("{\"mark\":\"bar\"}", back.store().charts(model.id()).get("late"));
            assertEquals("completed", back.store().model(model.id()).orElseThrow().status());
            assertEquals(List.of(0, 1), epochs(back, model), "the buffered point arrived before the completion");
        } finally {
            back.close();
        }
    }

    record Run(int code, String out, String err) {
    }

    Run runWithOutage(String end) throws Exception {
        current = LocalPlatform.start(LocalPlatform.Config.ephemeral(Files.createTempDirectory(dir, "platform")));
        Model model = PlatformApi.connect(current.url()).createModel("outage", List.of(), Map.of(), List.of());
        Path script = Files.writeString(Files.createTempFile(dir, "job", ".jsh"), """
                var job = Job.init();
                var monitor = job.getRemoteMonitor();
                for (int epoch = 0; epoch < 4; epoch++) monitor.onEpochEnd(epoch, Map.of("loss", 1.0 / (epoch + 1)));
                ai.brevetti.localplatform.PlatformRestartTest.outage();
                for (int epoch = 4; epoch < 25; epoch++) monitor.onEpochEnd(epoch, Map.of("loss", 1.0 / (epoch + 1)));
                """ + end);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Captured<Integer> c = Captured.run(() -> new ScriptRunner(new PrintStream(err, true, StandardCharsets.UTF_8)).run(script,
                List.of("--job_id", model.id(), "--api_key", model.apiKey().reveal(), "--host", current.url())));
        assertEquals(List.of(0, 1, 2, 3), epochs(current, model), "4 points reached the platform before it went");
        return new Run(c.value, c.out, err.toString(StandardCharsets.UTF_8) + c.err);
    }

    @Test
    void pointsThatNeverArriveAreReported() throws Exception {
        System.setProperty(RetryWindow.WINDOW_PROPERTY, "1000");
        Run r = runWithOutage("System.out.println(\"trained\");\n");
        assertTrue(r.out.contains("trained"), r.out);
        assertEquals(0, r.code, "the script did not complete its job: nothing else was lost\n" + r.err);
        assertTrue(r.err.contains("not delivered: job "), r.err);
        assertTrue(r.err.contains(": 21 training-progress point(s) were not delivered to the platform at http://127.0.0.1:"), r.err);
    }

    @Test
    void aCompletionThatNeverArrivesFailsTheRun() throws Exception {
        System.setProperty(RetryWindow.WINDOW_PROPERTY, "1000");
        Run r = runWithOutage("""
                try {
                    job.completeJob();
                } catch (PlatformException e) {
                    System.out.println("completion failed");
                }
                """);
        assertTrue(r.out.contains("completion failed"), r.out);
        assertEquals(1, r.code, r.err);
        assertTrue(r.err.contains("its completion did not reach the platform at http://127.0.0.1:"), r.err);
        assertTrue(r.err.contains("21 training-progress point(s) were not delivered"), r.err);
        assertTrue(r.err.contains("the platform did not receive the end of the job; exit code 1"), r.err);
    }
}
