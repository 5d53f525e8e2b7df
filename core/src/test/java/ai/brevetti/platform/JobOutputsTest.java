package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.interfaces.charts.VegaLite;
import ai.brevetti.interfaces.monitor.RemoteMonitor;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's platform outputs on a folder without a platform: monitor points and charts land in artifacts/. */
class JobOutputsTest {
    @TempDir
    Path dir;

    @Test
    void withoutAPlatformTheMonitorAppendsToArtifactsRemotemonitorJsonl() throws Exception {
        Path folder = JobTest.jobFolder(dir, "{}");
        Captured<Void> run = Captured.run(() -> {
            try (Job<GenericSettings> job = Job.init("--job_dir", folder.toString())) {
                RemoteMonitor monitor = job.getRemoteMonitor();
                assertSame(monitor, job.getRemoteMonitor());
                monitor.onEpochEnd(11, Map.of("loss", 0.9));
                monitor.onEpochEnd(12, Map.of("loss", Double.NaN));
            }
            return null;
        });
        assertTrue(run.err.contains("No platform: training progress goes to " + folder + "/artifacts/remotemonitor.jsonl"), run.err);
        assertEquals(List.of("{\"epoch\": 11, \"loss\": 0.9}", "{\"epoch\": 12, \"loss\": null}"),
                Files.readAllLines(folder.resolve("artifacts/remotemonitor.jsonl")));
        assertTrue(!run.err.contains(JobTest.KEY), "the key is never logged");
    }

    @Test
    void aVegaLiteChartIsUploadedAsItsSpecAndABrokenSpecIsRefusedByName() throws Exception {
        Path folder = JobTest.jobFolder(dir, "{}");
        try (Job<GenericSettings> job = Captured.run(() -> Job.init("--job_dir", folder.toString())).value) {
            VegaLite chart = VegaLite.of("{\"mark\": \"bar\", \"data\": {\"values\": []}}");
            job.uploadChart("demo", chart);
            Object asObject = chart;
            job.uploadChart("as object", asObject);
            assertEquals("{\"mark\":\"bar\",\"data\":{\"values\":[]}}", Files.readString(folder.resolve("artifacts/charts/demo.json")));
            assertEquals(chart.toJson(), Files.readString(folder.resolve("artifacts/charts/as_object.json")),
                    "a VegaLite passed as Object is still its spec, not {\"spec\": …}");
            IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, () -> job.uploadChart("Broken one", "{\"mark\": "));
            assertTrue(broken.getMessage().startsWith("Chart 'Broken one' is not a JSON object"), broken.getMessage());
        }
    }
}
