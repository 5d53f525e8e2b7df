package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.interfaces.monitor.RemoteMonitor;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Captured;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's remote monitor against the local platform: order, an outage, a restart on the same port. */
class RemoteMonitorPlatformTest {
    @TempDir
    Path dir;

    static List<Object> epochs(LocalPlatform platform, Model model) {
        return platform.store().monitor(model.id()).stream().map(p -> p.get("epoch")).toList();
    }

    @Test
    void pointsArriveInOrderSurviveAnOutageAndAreDeliveredAfterARestart() throws Exception {
        Path root = dir.resolve("platform");
        LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(root));
        Model model = platform.api().createModel("monitored", List.of(), Map.of(), List.of());
        String url = platform.url();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        int s3Port = platform.s3Endpoint().getPort();
        Job<GenericSettings> job = Job.builder().jobId(model.id()).apiKey(model.apiKey().reveal()).host(platform.url()).args()
                .environment(Map.of()).init();
        LocalPlatform restarted = null;
        try {
            RemoteMonitor monitor = job.getRemoteMonitor();
            assertSame(monitor, job.getRemoteMonitor(), "one monitor per job");
            assertEquals(platform.url(), monitor.target());

            for (int epoch = 0; epoch < 3; epoch++) {
                monitor.onEpochEnd(epoch, Map.of("loss", 1.0 / (epoch + 1)));
            }
            assertEquals(List.of(0, 1, 2), epochs(platform, model));
            assertEquals(Map.of("epoch", 1, "loss", 0.5), platform.store().monitor(model.id()).get(1));

            platform.close();
            Captured<Integer> outage = Captured.run(() -> {
                int trained = 0;
                for (int epoch = 3; epoch < 6; epoch++) {
                    monitor.onEpochEnd(epoch, Map.of("loss", 1.0 / (epoch + 1)));
                    trained++;
                }
                return trained;
            });
            assertEquals(3, outage.value, "training went on");
            assertEquals(3, monitor.pending());
            List<String> warnings = outage.err.lines().filter(l -> l.startsWith("WARN")).toList();
            assertEquals(1, warnings.size(), outage.err);
            assertTrue(warnings.get(0).contains("Could not reach RemoteMonitor root server at " + url), warnings.get(0));
            assertFalse(outage.err.contains(model.apiKey().reveal()), "the key is never logged");

            restarted = LocalPlatform.start(new LocalPlatform.Config(root, "127.0.0.1", port, s3Port, LocalPlatform.DEFAULT_BUCKET));
            assertEquals(url, restarted.url());
            monitor.onEpochEnd(6, Map.of("loss", 1.0 / 7));
            assertEquals(0, monitor.pending());
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), epochs(restarted, model), "the buffered points in order, then the new one");
        } finally {
            job.close();
            if (restarted != null) {
                restarted.close();
            } else {
                platform.close();
            }
        }
    }
}
