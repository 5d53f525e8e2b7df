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
        System.clearProperty(RetryWindow.BACKOFF_PROPERTY);
    }

    static List<Object> epochs(LocalPlatform platform, Model model) {
        return platform.store().monitor(model.id()).stream().map(p -> p.get("epoch")).toList();
    }

    /** The platform on {@code root}, restarted on the same ports {@code millis} after it is closed here. */
    static CompletableFuture<LocalPlatform> restartAfter(LocalPlatform platform, Path root, long millis) {
        String url = platform.url();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        int s3Port = platform.s3Endpoint().getPort();
        platform.close();
        CompletableFuture<LocalPlatform> restarted = new CompletableFuture<>();
        Thread restarter = new Thread(() -> {
            try {
                Thread.sleep(millis);
                restarted.complete(LocalPlatform.start(new LocalPlatform.Config(root, "127.0.0.1", port, s3Port,
                        LocalPlatform.DEFAULT_BUCKET)));
            } catch (Exception e) {
                restarted.completeExceptionally(e);
            }
        });
        restarter.start();
        return restarted;
    }

    /** The test JVM's standard error as the class found it (a hung scenario may hold System.err captured). */
    static final PrintStream REPORT = System.err;

    /** What a scenario does: any test body. */
    interface Scenario {
        void run() throws Exception;
    }

    /**
     * Runs {@code scenario} on a thread of its own, bounded: a run still going after {@code seconds} (a hang,
     * which this class once showed on CI and never here) has every thread's stack printed under the marker
     * {@code brevettiai-hang-report} (CI prints it) and is run once more; a second hang fails the test.
     * Assertion failures are never retried.
     */
    static void bounded(int seconds, Scenario scenario) throws Exception {
        for (int attempt = 1; ; attempt++) {
            java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
                scenario.run();
                return null;
            });
            Thread thread = new Thread(task, "restart-scenario-" + attempt);
            thread.setDaemon(true);
            thread.start();
            try {
                task.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof Exception x) {
                    throw x;
                }
                throw (Error) e.getCause();
            } catch (java.util.concurrent.TimeoutException e) {
                REPORT.println("brevettiai-hang-report: attempt " + attempt + " still runs after " + seconds + " s; every thread:");
                REPORT.println(threads());
                REPORT.flush();
                thread.interrupt();
                if (attempt == 2) {
                    throw new AssertionError("The scenario hung twice (threads printed above, marker brevettiai-hang-report)");
                }
            }
        }
    }

    /** Every live thread with its whole stack and the locks it holds or waits for. */
    static String threads() {
        StringBuilder out = new StringBuilder();
        for (java.lang.management.ThreadInfo info : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                out.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            out.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
            for (java.lang.management.LockInfo lock : info.getLockedSynchronizers()) {
                out.append("    holds ").append(lock).append('\n');
            }
        }
        return out.toString();
    }

    /** Runs {@code step} while the platform restarts; returns the seconds it took. */
    static double during(java.util.concurrent.Callable<String> step) throws Exception {
        long start = System.nanoTime();
        Captured<String> run = Captured.run(step);
        assertEquals("done", run.value, run.err);
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void aRestartWithinTheRetryWindowCostsTheJobAPauseNotItsRun() throws Exception {
        bounded(150, () -> {
            System.setProperty(RetryWindow.WINDOW_PROPERTY, "30000");
            // pauses of 0.1, 0.2, 0.4 … s: the platform's old four attempts gave up after 0.7 s
            System.setProperty(RetryWindow.BACKOFF_PROPERTY, "100");
            Path root = Files.createTempDirectory(dir, "platform");
            LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(root));
            String url = platform.url();
            Model model = platform.api().createModel("restarted", List.of(), Map.of(), List.of());
            Job<GenericSettings> job = Job.builder().jobId(model.id()).apiKey(model.apiKey().reveal()).host(url).args()
                    .environment(Map.of()).init();
            try {
                RemoteMonitor monitor = job.getRemoteMonitor();
                monitor.onEpochEnd(0, Map.of("loss", 1.0));

                // each idempotent write is the first call during a restart of 2.5 s: it waits and succeeds
                CompletableFuture<LocalPlatform> back = restartAfter(platform, root, 2500);
                monitor.onEpochEnd(1, Map.of("loss", 0.5));
                assertEquals(1, monitor.pending(), "buffered while the platform is away");
                assertTrue(during(() -> {
                    job.uploadChart("late", "{\"mark\": \"bar\"}");
                    return "done";
                }) >= 2.0, "the chart waited for the restart");
                platform = back.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals("{\"mark\":\"bar\"}", platform.store().charts(model.id()).get("late"));

                back = restartAfter(platform, root, 2500);
                assertTrue(during(() -> {
                    job.io().writeFile(job.artifactPath("weights.bin"), "precious");
                    return "done";
                }) >= 2.0, "the artifact write waited for the restart");
                platform = back.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals("precious", Files.readString(root.resolve("s3/data.criterion.ai/" + model.id() + "/artifacts/weights.bin")));

                back = restartAfter(platform, root, 2500);
                assertTrue(during(() -> {
                    job.completeJob();
                    return "done";
                }) >= 2.0, "the completion waited for the restart");
                platform = back.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(JobStatus.COMPLETED, job.status());
                assertEquals(0, monitor.pending());
                assertEquals("completed", platform.store().model(model.id()).orElseThrow().status());
                assertEquals(List.of(0, 1), epochs(platform, model), "the buffered point arrived before the completion");
            } finally {
                job.close();
                platform.close();
            }
        });
    }

    @Test
    void aJobStartedOnAStoppedPlatformFailsAtOnce() throws Exception {
        bounded(150, () -> {
            LocalPlatform stopped = LocalPlatform.start(LocalPlatform.Config.ephemeral(Files.createTempDirectory(dir, "stopped")));
            String url = stopped.url();
            Model model = stopped.api().createModel("never started", List.of(), Map.of(), List.of());
            stopped.close();
            long start = System.nanoTime();
            ai.brevetti.platform.PlatformException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ai.brevetti.platform.PlatformException.class, () -> Job.builder().jobId(model.id())
                            .apiKey(model.apiKey().reveal()).host(url).args().environment(Map.of()).init());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(e.getMessage().contains("cannot reach the platform at " + url), e.getMessage());
            assertTrue(seconds < 5, "a person's start is told at once, not after the 30 s job window: " + seconds + " s");
        });
    }

    record Run(int code, String out, String err) {
    }

    Run runWithOutage(String end) throws Exception {
        current = LocalPlatform.start(LocalPlatform.Config.ephemeral(Files.createTempDirectory(dir, "platform")));
        Model model = current.api().createModel("outage", List.of(), Map.of(), List.of());
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
        bounded(150, () -> {
            System.setProperty(RetryWindow.WINDOW_PROPERTY, "1000");
            Run r = runWithOutage("System.out.println(\"trained\");\n");
            assertTrue(r.out.contains("trained"), r.out);
            assertEquals(0, r.code, "the script did not complete its job: nothing else was lost\n" + r.err);
            assertTrue(r.err.contains("not delivered: job "), r.err);
            assertTrue(r.err.contains(": 21 training-progress point(s) were not delivered to the platform at http://127.0.0.1:"), r.err);
        });
    }

    @Test
    void aCompletionThatNeverArrivesFailsTheRun() throws Exception {
        bounded(150, () -> {
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
        });
    }
}
