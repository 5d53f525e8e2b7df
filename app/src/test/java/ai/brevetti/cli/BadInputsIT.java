package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs through the real launcher (bin/brevettiai): a short report naming the input, the right exit code. */
class BadInputsIT {
    @TempDir
    Path dir;

    Map<String, String> env() throws Exception {
        Path none = Files.writeString(dir.resolve("no-aws"), "");
        return Map.of("BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString(),
                "BREVETTIAI_PLATFORM_ROOT", dir.resolve("platform").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_SHARED_CREDENTIALS_FILE", none.toString(), "AWS_CONFIG_FILE", none.toString());
    }

    static List<String> lines(String err) {
        return Arrays.stream(err.split("\n")).filter(l -> !l.isBlank() && !l.matches("^(INFO|WARN) [\\w.$]+ - .*")).toList();
    }

    @Test
    void aJobIdWithoutAKeySaysSoInTwoLines() throws Exception {
        Path script = Files.writeString(dir.resolve("job.jsh"), "var job = Job.init();\n");
        LauncherIT.Result r = LauncherIT.launch(env(), "run", script.toString(), "--job_id", "abc123");
        assertEquals(1, r.code(), r.err());
        List<String> lines = lines(r.err());
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(script + ":1: JobException: No API key for job abc123: pass --api_key KEY"), lines.get(0));
        assertTrue(lines.get(0).contains(dir.resolve("config").resolve("api_keys.json").toString()), lines.get(0));
        assertTrue(lines.get(1).contains("full trace in "), lines.get(1));

        LauncherIT.Result loud = LauncherIT.launch(env(), "--stacktrace", "run", script.toString(), "--job_id", "abc123");
        assertEquals(1, loud.code());
        assertTrue(loud.err().contains("\tat ai.brevetti.platform.JobBuilder.init("), loud.err());
    }

    @Test
    void commandLineMistakesAreTwoLinesWithExitCodeTwo() throws Exception {
        LauncherIT.Result r = LauncherIT.launch(env(), "platform", "--port", "abc");
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("brevettiai platform: Invalid value for option '--port': 'abc' is not an int",
                "  (usage: brevettiai platform --help)"), lines(r.err()));
    }

    @Test
    void anUnusablePlatformRootOrEmptyDatasetFolderIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        LauncherIT.Result root = LauncherIT.launch(env(), "platform", "--port", "0", "--root", file.toString());
        assertEquals(1, root.code(), root.err());
        assertTrue(lines(root.err()).get(0).equals("brevettiai platform: The platform folder '" + file
                + "' is a file, not a folder. Choose another folder with --root DIR (or BREVETTIAI_PLATFORM_ROOT)."), root.err());
        assertFalse(root.err().contains("\tat "), root.err());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        LauncherIT.Result dataset = LauncherIT.launch(env(), "dataset", "create", "--name", "d", "--folder", empty.toString(),
                "--host", "http://127.0.0.1:1");
        assertEquals(2, dataset.code(), dataset.err());
        assertEquals(1, lines(dataset.err()).size(), dataset.err());
        assertTrue(dataset.err().contains("'" + empty + "' holds no images") && dataset.err().contains("nothing was created"), dataset.err());
    }
}
