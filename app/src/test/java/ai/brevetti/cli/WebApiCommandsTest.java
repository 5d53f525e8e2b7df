package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.PlatformTokens;
import ai.brevetti.platform.Report;
import ai.brevetti.platform.Tag;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's web API verbs (model, report, artifacts, dataset update, tag, user) run through {@link Main} against a real local platform. */
class WebApiCommandsTest {
    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Model trained;
    static Report report;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.disableEc2Metadata", "true");
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        PlatformTokens.forUser(System.getenv()).save(platform.url(), platform.accessToken());
        trained = api.createModel("trained", List.of(), Map.of("epochs", 1), List.of());
        try (Job<GenericSettings> job = job(trained.id(), trained.apiKey().reveal())) {
            job.io().writeFile(job.artifactPath("top.txt"), "top");
            job.io().writeFile(job.artifactPath("pivot", "summary.json"), "{}");
            job.completeJob(Files.writeString(dir.resolve("model.tar.gz"), "model bytes"));
        }
        report = api.createTestReport(trained.id(), List.of());
    }

    static Job<GenericSettings> job(String id, String key) {
        return Job.builder().jobId(id).apiKey(key).host(platform.url()).args().environment(Map.of()).uploadOutputOnInit(false).init();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static Captured<Integer> run(String... args) throws Exception {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--host", platform.url()))
                .toArray(String[]::new);
        Captured<Integer> r = Captured.run(() -> Main.execute(all));
        assertEquals(0, r.value, String.join(" ", args) + ":\n" + r.err);
        return r;
    }

    @Test
    void modelTypesAreListedWithTheIdsModelCreateTakes() throws Exception {
        List<ai.brevetti.platform.ModelType> types = api.getAvailableModelTypes();
        assertFalse(types.isEmpty());
        String out = run("model", "types").out;
        for (ai.brevetti.platform.ModelType t : types) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(t.id() + "  " + t.name())), t.id() + " in:\n" + out);
        }
        assertEquals(types.size(), out.lines().count(), out);
    }

    @Test
    void modelsAreShownStartedStoppedAndDeleted() throws Exception {
        String got = run("model", "get", trained.id()).out;
        assertTrue(got.contains("Model 'trained' (" + trained.id() + ")") && got.contains("state:     completed")
                && got.contains("{\"epochs\":1}") && got.contains(platform.url() + "/models/" + trained.id()), got);
        Model m = api.createModel("to stop", List.of(), Map.of(), List.of());
        assertTrue(run("model", "start", m.id()).out.contains("bin/brevettiai run JOB.jsh --job_id " + m.id()));
        assertTrue(api.getModel(m.id()).started().isPresent());
        assertTrue(run("model", "stop", m.id()).out.contains("failed"), "stopped");
        assertEquals("Training stopped by the user", api.getModel(m.id()).failure().orElseThrow());
        run("model", "delete", m.id());
        assertTrue(api.getModels().stream().noneMatch(x -> x.id().equals(m.id())));
    }

    @Test
    void reportsAreListedAndShown() throws Exception {
        String list = run("report", "list").out;
        assertTrue(list.contains(report.id() + "  Test report of trained  of " + trained.id() + "  open"), list);
        String got = run("report", "get", report.id()).out;
        assertTrue(got.contains("model:     " + trained.id() + " (trained)") && got.contains(platform.url() + "/reports/" + report.id()), got);
    }

    @Test
    void artifactsAreListedAndDownloadedIntoFoldersUnderTheirNames() throws Exception {
        String top = run("artifacts", "list", "--model", trained.id()).out;
        assertTrue(top.contains("  top.txt") && top.contains("  pivot/") && !top.contains("summary.json"), top);
        assertTrue(run("artifacts", "list", "--model", trained.id(), "--prefix", "pivot/").out.contains("summary.json"));
        assertTrue(run("artifacts", "list", "--model", trained.id(), "--recursive").out.contains("pivot/summary.json"));
        Path to = dir.resolve("downloaded");
        String out = run("artifacts", "download", "--model", trained.id(), "--to", to.toString()).out;
        assertEquals("top", Files.readString(to.resolve("top.txt")));
        assertEquals("{}", Files.readString(to.resolve("pivot/summary.json")));
        assertEquals("model bytes", Files.readString(to.resolve("model.tar.gz")));
        assertTrue(out.contains("files (") && out.contains(to.toString()), out);
        Path reportFiles = dir.resolve("report-files");
        run("artifacts", "download", "--report", report.id(), "--to", reportFiles.toString());
        assertTrue(Files.isDirectory(reportFiles));
    }

    @Test
    void aDatasetIsUpdatedKeepingWhatIsNotGiven() throws Exception {
        Tag tag = api.createTag("kept");
        Dataset d = api.createDataset("before", "ref", "notes", List.of(tag.id()));
        run("dataset", "update", d.id(), "--name", "after", "--locked");
        Dataset after = api.getDataset(d.id());
        assertEquals(List.of("after", "ref", "notes", true), List.of(after.name(), after.reference(), after.notes(), after.locked()));
        assertEquals(List.of(tag.id()), after.tags().stream().map(Tag::id).toList());
        run("dataset", "update", d.id(), "--no-locked");
        assertFalse(api.getDataset(d.id()).locked());
    }

    @Test
    void tagsAreCreatedListedAsATreeAndDeleted() throws Exception {
        String created = run("tag", "create", "--name", "material").out;
        String rootId = created.substring(created.lastIndexOf(' ') + 1).strip();
        run("tag", "create", "--name", "glass", "--parent", rootId);
        String list = run("tag", "list").out;
        assertTrue(list.contains(rootId + "  material\n  ") && list.contains("  glass"), list);
        run("tag", "delete", rootId);
        assertFalse(run("tag", "list").out.contains("material"));
    }

    @Test
    void theUserIsShown() throws Exception {
        String out = run("user", "info").out;
        assertTrue(out.contains("User " + System.getProperty("user.name") + " (" + api.getUserinfo().id() + ")"), out);
        assertTrue(out.contains("permissions: "), out);
    }
}
