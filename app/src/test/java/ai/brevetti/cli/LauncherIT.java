package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/brevettiai as a user runs it, against the packaged jar (runs in the integration-test phase). */
class LauncherIT {
    static final Path ROOT = Path.of(System.getProperty("brevettiai.root", ".")).toAbsolutePath();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result launch(String... args) throws IOException, InterruptedException {
        return launch(java.util.Map.of(), args);
    }

    static Result launch(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        return launch(env, 120, args);
    }

    static Result launch(java.util.Map<String, String> env, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin/brevettiai").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        var outText = new java.util.concurrent.CompletableFuture<String>();
        var errText = new java.util.concurrent.CompletableFuture<String>();
        new Thread(() -> outText.complete(read(out))).start();
        new Thread(() -> errText.complete(read(err))).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/brevettiai " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), outText.join(), errText.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result r = launch("--help");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Commands:") && r.out.contains("run "), r.out);
        assertTrue(!r.err.contains("building"), "the packaged jar is current: no rebuild\n" + r.err);
    }

    @Test
    void runsTheLifecycleExample() throws Exception {
        Path jobDir = dir.resolve("job");
        Result r = launch("run", "examples/job_lifecycle.jsh", "--job_dir", jobDir.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Deserialized object config:"), r.out);
        String output = Files.readString(jobDir.resolve("artifacts/output.json"));
        assertTrue(output.contains("\"My custom metric\": 277"), output);
        assertTrue(output.contains("\"api_key\": \"*****"), output);
    }

    @Test
    void aFailingScriptExitsWithOneAndItsLine() throws Exception {
        Path script = Files.writeString(dir.resolve("bad.jsh"), "int a = 1;\nint b = a +* 2;\n");
        Result r = launch("run", script.toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains(script + ":2: error:"), r.err);
        Path exit = Files.writeString(dir.resolve("exit.jsh"), "/exit 7\n");
        assertEquals(7, launch("run", exit.toString()).code);
    }

    static Path jobFolder(Path dir, String id) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(id));
        Files.writeString(folder.resolve("info.json"), "{\"id\": \"" + id + "\", \"api_key\": \"s3cret-api-key-42\", \"settings\": {}}");
        return folder;
    }

    static String failureMessage(Path folder) throws IOException {
        return String.valueOf(ai.brevetti.internal.Json.parseObject(Files.readString(folder.resolve("artifacts/failure.json"))).get("message"));
    }

    @Test
    void systemExitAndSigtermInAScriptFailItsJob() throws Exception {
        Path exiting = jobFolder(dir, "exiting");
        Path script = Files.writeString(dir.resolve("exit.jsh"), "var job = Job.init();\nSystem.exit(3);\n");
        Result r = launch("run", script.toString(), "--job_dir", exiting.toString());
        assertEquals(3, r.code, r.err);
        assertEquals(script + ": the JVM was ended (System.exit) before the script's end", failureMessage(exiting));

        Path killed = jobFolder(dir, "killed");
        Path started = dir.resolve("started");
        Path sleeper = Files.writeString(dir.resolve("sleep.jsh"), "var job = Job.init();\nFiles.writeString(Path.of(\""
                + started + "\"), \"yes\");\nThread.sleep(120_000);\n");
        Process p = new ProcessBuilder(ROOT.resolve("bin/brevettiai").toString(), "run", sleeper.toString(), "--job_dir", killed.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("sleep.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.exists(started) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(started), Files.readString(dir.resolve("sleep.log")));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ends after SIGTERM");
            assertEquals(143, p.exitValue(), Files.readString(dir.resolve("sleep.log")));
        } finally {
            p.destroyForcibly();
        }
        assertEquals("the run was interrupted (SIGTERM)", failureMessage(killed));
        assertTrue(!Files.readString(dir.resolve("sleep.log")).contains("s3cret-api-key-42"));
    }

    /** The README's steps for a user without an account: platform, dataset, model, job by id. */
    @Test
    void theReadmeStepsRunTheLifecycleByIdAgainstTheLocalPlatform() throws Exception {
        Path root = dir.resolve("platform");
        ProcessBuilder platformProcess = new ProcessBuilder(ROOT.resolve("bin/brevettiai").toString(), "platform", "--port", "0", "--root",
                root.toString()).directory(ROOT.toFile()).redirectErrorStream(true);
        platformProcess.environment().put("BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString());
        Process platform = platformProcess.start();
        try {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(platform.getInputStream(), StandardCharsets.UTF_8));
            String host = null;
            String loginLink = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("Local platform running at ")) {
                    host = line.substring("Local platform running at ".length()).strip();
                }
                if (line.startsWith("  log in:  ")) {
                    loginLink = line.substring("  log in:  ".length()).strip();
                }
                if (line.startsWith("Press Ctrl+C")) {
                    break;
                }
            }
            assertTrue(host != null && host.startsWith("http://127.0.0.1:"), "the platform printed its address");
            assertTrue(loginLink != null && loginLink.startsWith(host + "/?token="), "the platform printed its login link once");
            var drain = new Thread(() -> read(platform.getInputStream()));
            drain.setDaemon(true);
            drain.start();
            var env = java.util.Map.of("BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString(), "BREVETTIAI_HOST_NAME", host);
            Path images = Files.createDirectories(dir.resolve("vials/good"));
            Files.write(images.resolve("1.bmp"), new byte[] {'B', 'M'});

            Result dataset = launch(env, "dataset", "create", "--name", "vials", "--folder", dir.resolve("vials").toString());
            assertEquals(0, dataset.code, dataset.err);
            String datasetId = dataset.out.lines().filter(l -> l.startsWith("Dataset 'vials' created: ")).findFirst().orElseThrow()
                    .substring("Dataset 'vials' created: ".length());

            Result model = launch(env, "model", "create", "--name", "demo", "--dataset", datasetId,
                    "--settings", "{\"some_setting_i_need\": 42}");
            assertEquals(0, model.code, model.err);
            String modelId = model.out.lines().filter(l -> l.startsWith("Model 'demo' created: ")).findFirst().orElseThrow()
                    .substring("Model 'demo' created: ".length());
            assertTrue(model.out.contains("api key: saved in"), model.out);

            Result job = launch(env, "run", "examples/job_lifecycle.jsh", "--job_id", modelId);
            assertEquals(0, job.code, job.err);
            assertTrue(job.err.contains("Config args found at: 's3://data.criterion.ai/" + modelId + "/info.json'"), job.err);
            String output = Files.readString(root.resolve("s3/data.criterion.ai/" + modelId + "/artifacts/output.json"));
            assertTrue(output.contains("\"My custom metric\": 277"), output);
            assertTrue(Files.readString(root.resolve("platform/models/" + modelId + ".json")).contains("\"completed\" : \"")
                    || Files.readString(root.resolve("platform/models/" + modelId + ".json")).contains("\"completed\": \""));

            // the token the CLI used: saved by the platform in the user config; the link is printed again on demand
            Result link = launch(env, "platform", "link");
            assertEquals(0, link.code, link.err);
            assertEquals(loginLink, link.out.strip());
            Result otherUser = launch(java.util.Map.of("BREVETTIAI_CONFIG_DIR", dir.resolve("other-config").toString(),
                    "BREVETTIAI_HOST_NAME", host), "model", "list");
            assertEquals(1, otherUser.code, "without the token: " + otherUser.out);
            assertTrue(otherUser.err.contains("not authorized by the platform at " + host), otherUser.err);

            Result missing = launch(env, "dataset", "create", "--name", "x", "--folder", dir.resolve("nope").toString());
            assertEquals(2, missing.code);
            assertTrue(missing.err.contains("does not exist; nothing was created"), missing.err);
        } finally {
            platform.destroy();
            platform.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
