package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as an unlucky user meets it: every bad input, run through {@link Main} in this JVM, must
 * exit non-zero with a short report (at most {@link #MAX_LINES} lines besides log lines, no stack frames)
 * that names the input, and leave nothing half-made on the platform. Prints
 * "N bad inputs: N clear, N unclear".
 */
class BadInputsTest {
    static final int MAX_LINES = 3;
    static final String SECRET = "S3CR3T-KEY-do-not-print-4711";
    static final Pattern LOG_LINE = Pattern.compile("^(INFO|WARN|DEBUG|TRACE|ERROR) [\\w.$]+ - .*");

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Model running;
    static Model noArchive;
    static Path script;
    static Path empty;
    static Path textOnly;
    static Path aFile;
    static Path notJson;
    static Path badInfo;
    static Path jobDir;
    static Path images;
    static Path annotations;

    /** One bad input: the arguments and the texts its report must contain (the input, what to do). */
    record Case(String what, List<String> args, List<String> mustSay) {
        static Case of(String what, String args, String... mustSay) {
            return new Case(what, split(args), List.of(mustSay));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        // the in-process commands find the platform's token as the CLI does (the tests' config dir)
        ai.brevetti.platform.PlatformTokens.forUser(System.getenv()).save(platform.url(), platform.accessToken());
        running = api.createModel("running", List.of(), Map.of(), List.of());
        noArchive = api.createModel("no archive", List.of(), Map.of(), List.of());
        try (Job<GenericSettings> job = Job.builder(GenericSettings.class)
                .args("--job_id", noArchive.id(), "--api_key", noArchive.apiKey().reveal(), "--host", platform.url()).init()) {
            job.completeJob();
        }
        script = Files.writeString(dir.resolve("job.jsh"), "var job = Job.init();\nSystem.out.println(\"started \" + job.settings());\n");
        empty = Files.createDirectories(dir.resolve("empty"));
        textOnly = Files.createDirectories(dir.resolve("text-only"));
        Files.writeString(textOnly.resolve("notes.txt"), "no images here");
        aFile = Files.writeString(dir.resolve("a-file.txt"), "a file");
        notJson = Files.writeString(dir.resolve("not-json.json"), "this is not json");
        jobDir = Files.createDirectories(dir.resolve("job-dir"));
        badInfo = Files.writeString(jobDir.resolve("info.json"), "{\"settings\": 3}");
        images = Files.createDirectories(dir.resolve("images/good"));
        Files.writeString(images.resolve("1.bmp"), "BM");
        images = images.getParent();
        annotations = Files.createDirectories(dir.resolve("annotations"));
        for (String kind : List.of("malformed/good", "unmatched/good", "not-json/good")) {
            Files.createDirectories(annotations.resolve(kind));
        }
        Files.writeString(annotations.resolve("malformed/good/1.bmp.json"), "{\"annotations\": [");
        Files.writeString(annotations.resolve("unmatched/good/1.json"), "{\"annotations\": []}");
        Files.writeString(annotations.resolve("not-json/good/1.bmp.json"), "{\"annotations\": []}");
        Files.writeString(annotations.resolve("not-json/good/1.bmp.txt"), "notes");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static List<Case> cases() {
        String host = platform.url();
        int httpPort = Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
        String run = "run " + script + " ";
        return List.of(
                // the command line itself
                Case.of("unknown command", "bogus", "'bogus'", "--help"),
                Case.of("misspelt command", "platfrm", "'platfrm'", "platform"),
                Case.of("run without a script", "run", "FILE.jsh", "--help"),
                Case.of("port not a number", "platform --port abc", "--port", "'abc'"),
                Case.of("epochs not a number", "bench pipeline --epochs abc", "--epochs", "'abc'"),
                Case.of("missing required option", "dataset create --folder " + empty, "--name"),
                Case.of("unknown option", "model create --name m --colour red", "--colour"),
                Case.of("unknown benchmark", "bench foo", "'foo'", "pipeline"),
                Case.of("image count not positive", "bench predict --count 0", "--count", "positive"),
                Case.of("an option of another benchmark", "bench pipeline --batch 4", "--batch", "bench predict"),
                // run: scripts and job arguments
                Case.of("missing script", "run " + dir.resolve("nope.jsh"), dir.resolve("nope.jsh").toString()),
                Case.of("no job given", run.strip(), "--job_dir", "--job_id"),
                Case.of("job folder without info.json", run + "--job_dir " + empty, empty.toString(), "info.json"),
                Case.of("job folder that is a file", run + "--job_dir " + aFile, aFile.toString(), "--info_file"),
                Case.of("info file that is a folder", run + "--info_file " + empty, empty.toString(), "--job_dir"),
                Case.of("info.json not JSON", run + "--info_file " + notJson, notJson.toString(), "not valid JSON"),
                Case.of("info.json with wrong fields", run + "--job_dir " + jobDir, badInfo.toString(), "\"settings\""),
                Case.of("unreachable host", run + "--job_id abc --api_key " + SECRET + " --host http://127.0.0.1:1",
                        "http://127.0.0.1:1", "bin/brevettiai platform"),
                Case.of("host not a URL", run + "--job_id abc --api_key " + SECRET + " --host notaurl", "'notaurl'", "--host"),
                Case.of("host with a bad port", run + "--job_id abc --api_key " + SECRET + " --host http://127.0.0.1:99999",
                        "99999", "--host"),
                Case.of("unknown job", run + "--job_id no-such-job --api_key " + SECRET + " --host " + host, "no-such-job"),
                Case.of("s3 URL with one slash", run + "--job_dir s3:/bucket/job", "'s3:/bucket/job'", "s3://BUCKET/KEY"),
                Case.of("s3 URL without a bucket", run + "--job_dir s3://", "'s3://'", "no bucket"),
                Case.of("s3 bucket S3 refuses", run + "--job_dir s3://Bad_Bucket/job", "Bad_Bucket", "Malformed S3 URL"),
                // platform
                Case.of("port out of range", "platform --port 99999", "99999", "--port"),
                Case.of("S3 port out of range", "platform --port 65535", "65536", "--s3-port"),
                Case.of("port in use", "platform --port " + httpPort + " --s3-port 0", String.valueOf(httpPort), "--port"),
                Case.of("root is a file", "platform --port 0 --root " + aFile, aFile.toString(), "--root"),
                Case.of("root not writable", "platform --port 0 --root " + aFile.resolve("sub"), aFile.resolve("sub").toString(),
                        "not writable", "--root"),
                Case.of("bind to an unknown address", "platform --port 0 --bind no-such-host.invalid", "no-such-host.invalid", "--bind"),
                // datasets
                Case.of("empty dataset folder", "dataset create --name d --folder " + empty + " --host " + host, empty.toString(),
                        "no images", "nothing was created"),
                Case.of("dataset folder without images", "dataset create --name d --folder " + textOnly + " --host " + host,
                        textOnly.toString(), "no images"),
                Case.of("dataset folder missing", "dataset create --name d --folder " + dir.resolve("nope") + " --host " + host,
                        dir.resolve("nope").toString(), "does not exist"),
                Case.of("dataset folder is a file", "dataset create --name d --folder " + aFile + " --host " + host, aFile.toString()),
                Case.of("annotation folder missing", "dataset create --name d --folder " + images + " --annotations " + dir.resolve("nope")
                        + " --host " + host, dir.resolve("nope").toString(), "does not exist", "--annotations", "nothing was created"),
                Case.of("annotation file not JSON", "dataset create --name d --folder " + images + " --annotations "
                        + annotations.resolve("malformed") + " --host " + host, annotations.resolve("malformed/good/1.bmp.json").toString(),
                        "not valid JSON", "nothing was created"),
                Case.of("annotations of no image", "dataset create --name d --folder " + images + " --annotations "
                        + annotations.resolve("unmatched") + " --host " + host, annotations.resolve("unmatched").toString(), "good/1.json",
                        "good/1.bmp.json"),
                Case.of("a file in the annotations that is not JSON", "dataset create --name d --folder " + images + " --annotations "
                        + annotations.resolve("not-json") + " --host " + host, annotations.resolve("not-json/good/1.bmp.txt").toString(), ".json"),
                Case.of("list on an unreachable host", "dataset list --host http://127.0.0.1:1", "http://127.0.0.1:1"),
                Case.of("list on a host that is no URL", "dataset list --host ftp://x", "'ftp://x'", "http"),
                // models and reports
                Case.of("settings not JSON", "model create --name m --settings [1 --host " + host, "--settings", "line 1"),
                Case.of("settings not an object", "model create --name m --settings [1] --host " + host, "--settings", "a list"),
                Case.of("model on a missing dataset", "model create --name m --dataset no-such-dataset --host " + host, "no-such-dataset"),
                Case.of("report of a missing model", "report create --model no-such-model --host " + host, "no-such-model"),
                Case.of("report of a running model", "report create --model " + running.id() + " --host " + host, running.id(),
                        "not completed", "completeJob"),
                Case.of("report of a model without archive", "report create --model " + noArchive.id() + " --host " + host,
                        noArchive.id(), "without a model archive"),
                // models, reports, artifacts, datasets, tags and the user through the web API
                Case.of("model get of a missing model", "model get no-such-model --host " + host, "no-such-model", "404"),
                Case.of("model start without an id", "model start --host " + host, "'ID'", "--help"),
                Case.of("model start in a cloud", "model start " + running.id() + " --submit-to-cloud --host " + host, running.id(),
                        "not available on the local platform", "bin/brevettiai run"),
                Case.of("model stop of a completed model", "model stop " + noArchive.id() + " --host " + host, noArchive.id(),
                        "no training to stop"),
                Case.of("model delete of a missing model", "model delete no-such-model --host " + host, "no-such-model"),
                Case.of("report get of a missing report", "report get no-such-report --host " + host, "no-such-report"),
                Case.of("report get of a model", "report get " + running.id() + " --host " + host, running.id(), "not a test report"),
                Case.of("artifacts without a model or report", "artifacts list --host " + host, "--model", "--report"),
                Case.of("artifacts of a model and a report", "artifacts list --model a --report b --host " + host, "--model", "--report"),
                Case.of("artifacts of a missing model", "artifacts list --model no-such-model --host " + host, "no-such-model"),
                Case.of("artifacts download to a file", "artifacts download --model " + noArchive.id() + " --to " + aFile + " --host " + host,
                        aFile.toString(), "folder"),
                Case.of("dataset update of a missing dataset", "dataset update no-such-dataset --name x --host " + host, "no-such-dataset"),
                Case.of("tag delete of a missing tag", "tag delete no-such-tag --host " + host, "no-such-tag"),
                Case.of("tag under a missing parent", "tag create --name t --parent no-such-tag --host " + host, "no-such-tag"),
                Case.of("tag without a name", "tag create --host " + host, "--name"),
                Case.of("user info on an unreachable host", "user info --host http://127.0.0.1:1", "http://127.0.0.1:1"),
                // the rest
                Case.of("kernel without its connection file", "kernel run " + dir.resolve("nope.json"), dir.resolve("nope.json").toString()),
                Case.of("demo on a missing folder", "demo --folder " + dir.resolve("nope"), dir.resolve("nope").toString()),
                Case.of("demo on an empty folder", "demo --folder " + empty, empty.toString(), "no images"),
                Case.of("demo on a bad port", "demo --port 99999 --root " + dir.resolve("demo"), "99999", "--port"));
    }

    @Test
    void everyBadInputGetsAShortReportNamingIt() throws Exception {
        int datasets = api.getDatasets().size();
        int models = api.getModels().size();
        List<String> unclear = new ArrayList<>();
        List<Case> cases = cases();
        for (Case c : cases) {
            Captured<Integer> r = Captured.run(() -> Main.execute(c.args().toArray(String[]::new)));
            String problem = judge(c, r.value, r.out, r.err);
            if (problem != null) {
                unclear.add(c.what() + " (" + String.join(" ", c.args()) + "): " + problem + "\n--- stderr:\n" + r.err);
            }
        }
        System.out.println(cases.size() + " bad inputs: " + (cases.size() - unclear.size()) + " clear, " + unclear.size() + " unclear");
        assertEquals(List.of(), unclear, cases.size() + " bad inputs: " + (cases.size() - unclear.size()) + " clear, " + unclear.size() + " unclear");
        assertEquals(datasets, api.getDatasets().size(), "no dataset was created by a refused command");
        assertEquals(models, api.getModels().size(), "no model or report was created by a refused command");
    }

    /** Why the report of a bad input is not clear, or null when it is. */
    static String judge(Case c, int code, String out, String err) {
        if (code == 0) {
            return "exit code 0";
        }
        List<String> lines = Arrays.stream(err.split("\n")).filter(l -> !l.isBlank() && !LOG_LINE.matcher(l).matches()).toList();
        if (lines.isEmpty()) {
            return "no message";
        }
        if (lines.size() > MAX_LINES) {
            return lines.size() + " lines";
        }
        if (lines.stream().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:") || l.startsWith("Usage:"))) {
            return "stack frames or a usage dump";
        }
        for (String s : c.mustSay()) {
            if (!err.contains(s)) {
                return "does not say '" + s + "'";
            }
        }
        if ((out + err).contains(SECRET)) {
            return "prints the API key";
        }
        return null;
    }

    @Test
    void stacktracePrintsTheFramesAndTheDefaultNamesALogWithThem() throws Exception {
        String[] args = split("run " + script + " --job_id abc --api_key " + SECRET + " --host notaurl").toArray(String[]::new);
        Captured<Integer> quiet = Captured.run(() -> Main.execute(args));
        assertEquals(1, quiet.value, quiet.err);
        Matcher log = Pattern.compile("full trace in (\\S+\\.log);").matcher(quiet.err);
        assertTrue(log.find(), quiet.err);
        String trace = Files.readString(Path.of(log.group(1)));
        assertTrue(trace.contains("\tat ai.brevetti.platform.HostUrl.check"), trace);
        assertFalse(trace.contains(SECRET), trace);

        String[] loud = new String[args.length + 1];
        loud[0] = "--stacktrace";
        System.arraycopy(args, 0, loud, 1, args.length);
        Captured<Integer> full = Captured.run(() -> Main.execute(loud));
        assertEquals(1, full.value);
        assertTrue(full.err.contains("\tat ai.brevetti.platform.HostUrl.check"), full.err);
        assertFalse(full.err.contains("full trace in"), full.err);

        Captured<Integer> cli = Captured.run(() -> Main.execute("--stacktrace", "platform", "--port", "0", "--root", aFile.toString()));
        assertEquals(1, cli.value);
        assertTrue(cli.err.contains("\tat ai.brevetti.localplatform.LocalPlatform"), cli.err);
    }

    static List<String> split(String args) {
        return List.of(args.strip().split(" +"));
    }
}
