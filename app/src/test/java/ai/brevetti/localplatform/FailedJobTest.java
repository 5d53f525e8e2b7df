package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.kernel.ScriptRunner;
import ai.brevetti.platform.JobStatus;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.testing.Captured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that ends without completing is {@code failed} on the platform, with its message and never its
 * secrets, whichever way its script ends; a completed job stays completed; a new run makes it running again.
 */
class FailedJobTest {
    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        // the in-process `model list` finds the platform's token as the CLI does (the tests' config dir)
        ai.brevetti.platform.PlatformTokens.forUser(System.getenv()).save(platform.url(), platform.accessToken());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(Model model, String script) throws Exception {
        Path file = Files.createTempFile(dir, "job", ".jsh");
        Files.writeString(file, script);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Captured<Integer> c = Captured.run(() -> new ScriptRunner(new PrintStream(err, true, StandardCharsets.UTF_8)).run(file,
                List.of("--job_id", model.id(), "--api_key", model.apiKey().reveal(), "--host", platform.url())));
        return new Run(c.value, c.out, err.toString(StandardCharsets.UTF_8) + c.err);
    }

    static ModelRecord record(Model model) {
        return platform.store().model(model.id()).orElseThrow();
    }

    static Model newModel(String name) {
        return api.createModel(name, List.of(), Map.of(), List.of());
    }

    /** A request of the platform's user (pages need its access token). */
    static HttpRequest asUser(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + platform.accessToken().reveal()).build();
    }

    static String page(Model model) throws Exception {
        return HttpClient.newHttpClient().send(asUser(platform.url() + "/models/" + model.id()),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aScriptThatThrowsFailsItsJobWithItsLineAndWithoutItsSecrets() throws Exception {
        Model model = newModel("throws");
        String key = model.apiKey().reveal();
        Run r = run(model, """
                var job = Job.init();
                var s3 = ((HttpPlatformClient) job.platform()).securityCredentials("job", job.id());
                String secret = s3.secretAccessKey().reveal();
                String token = s3.sessionToken().reveal();
                void train(String why) {
                    throw new IllegalStateException(why);
                }
                train("diverged with key " + job.apiKey().get().reveal() + ", s3 " + secret + " / " + token + " at " + job.hostName() + "/x?key=abc123");
                """);
        assertEquals(1, r.code, r.err);
        ModelRecord record = record(model);
        assertEquals("failed", record.status());
        assertNotNull(record.failed());
        assertNull(record.completed());
        String failure = record.failure();
        assertTrue(failure.contains(":8: IllegalStateException: diverged with key "), failure);
        assertTrue(failure.contains("at train ("), "the script's frames: " + failure);
        assertFalse(failure.contains(key), "the API key is masked: " + failure);
        assertTrue(failure.contains("*".repeat(key.length())), failure);
        assertFalse(failure.contains("abc123"), "key=… in a URL is masked: " + failure);
        List<String> logged = r.err.lines().filter(l -> l.contains("Job failed")).toList();
        assertEquals(1, logged.size(), r.err);
        assertFalse(logged.get(0).contains(key), "nor logged: " + logged);
        // the S3 credentials the job was given are masked too
        String secrets = failure.substring(failure.indexOf(", s3 ") + 5, failure.indexOf(" at http"));
        assertTrue(secrets.matches("\\*+ / \\*+"), secrets);

        String html = page(model);
        assertTrue(html.contains("status-failed"), "the model page shows it");
        assertTrue(html.contains("diverged with key"), html);
        assertFalse(html.contains(key));
        String index = HttpClient.newHttpClient().send(asUser(platform.url() + "/"),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(index.contains("status status-failed"), "the index shows it");

        Model listed = api.getModels().stream().filter(m -> m.id().equals(model.id())).findFirst().orElseThrow();
        assertEquals(record.failed(), listed.failed().orElseThrow());
        assertTrue(listed.failure().orElseThrow().contains("IllegalStateException: diverged"));
        Captured<Integer> list = Captured.run(() -> ai.brevetti.cli.Main.execute("model", "list", "--host", platform.url()));
        assertEquals(0, list.value, list.err);
        String line = list.out.lines().filter(l -> l.startsWith(model.id())).findFirst().orElseThrow();
        assertTrue(line.startsWith(model.id() + "  throws  failed " + record.failed() + ": "), line);
        assertTrue(line.contains("IllegalStateException: diverged with key ****"), line);
        assertFalse(line.contains(key), line);
    }

    @Test
    void aCompileErrorAnExitCodeAndAnEarlyCloseFailTheJob() throws Exception {
        Model compile = newModel("compile error");
        Run r = run(compile, "var job = Job.init();\nint x = 1;\nint y = undefinedThing + x;\n");
        assertEquals(1, r.code);
        assertEquals("failed", record(compile).status());
        assertTrue(record(compile).failure().contains(":3: error: cannot find symbol"), record(compile).failure());

        Model exit = newModel("exit 3");
        r = run(exit, "var job = Job.init();\n/exit 3\n");
        assertEquals(3, r.code);
        assertTrue(record(exit).failure().endsWith("the script ended with /exit 3"), record(exit).failure());

        // closed before completing, then the script goes on and throws: the precise message replaces "closed"
        Model closed = newModel("closed early");
        r = run(closed, """
                try (var job = Job.init()) {
                    job.addOutputMetric("a", 1);
                }
                Integer.parseInt("not a number");
                """);
        assertEquals(1, r.code);
        assertTrue(record(closed).failure().contains("NumberFormatException: For input string: \"not a number\""),
                record(closed).failure());
        // closed before completing, and the script ends normally: failed, and the run says so
        Model quiet = newModel("closed quietly");
        r = run(quiet, "try (var job = Job.init()) {\n}\n");
        assertEquals(1, r.code, r.err);
        assertEquals("The job was closed before it completed (completeJob was not called)", record(quiet).failure());
        assertTrue(r.err.contains("a job of the script failed"), r.err);
    }

    @Test
    void aScriptThatEndsWithoutCompletingLeavesItsJobRunningAndSaysSo() throws Exception {
        Model model = newModel("open");
        Run r = run(model, "var job = Job.init();\njob.addOutputMetric(\"a\", 1);\n");
        assertEquals(0, r.code, r.err);
        assertEquals("running", record(model).status());
        assertTrue(r.err.contains("job " + model.id() + " was not completed (no completeJob call); it stays running"), r.err);
    }

    @Test
    void aCompletedJobStaysCompletedAndAFailedOneRunsAgain() throws Exception {
        Model model = newModel("completed, then throws");
        Run r = run(model, "var job = Job.init();\njob.completeJob();\nthrow new RuntimeException(\"after the end\");\n");
        assertEquals(1, r.code);
        assertEquals("completed", record(model).status());
        assertNull(record(model).failure());

        // the platform refuses it too
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url()
                + "/api/models/" + model.id() + "/fail?key=" + model.apiKey().reveal()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"late\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("completed", record(model).status());
        HttpResponse<String> wrongKey = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url()
                + "/api/models/" + model.id() + "/fail?key=wrong")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongKey.statusCode());

        Model again = newModel("fails, then runs again");
        assertEquals(1, run(again, "var job = Job.init();\nthrow new RuntimeException(\"first try\");\n").code);
        assertEquals("failed", record(again).status());
        r = run(again, "var job = Job.init();\nSystem.out.println(\"status \" + job.status());\njob.uploadArtifact(\"b.txt\", \"second try\");\njob.completeJob();\n");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("status " + JobStatus.RUNNING), r.out);
        assertEquals("completed", record(again).status());
        assertNull(record(again).failure(), "the first run's failure is gone");
    }
}
