package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/brevettiai's class-data archive (docs/benchmarks.md, RunStartBenchmark): made by the first start, used by
 * the next ones, made again when the jar is newer, and a broken or foreign archive costs nothing but its
 * saving (no JVM warning in the output). Each test keeps its archives in a folder of its own
 * (BREVETTIAI_CDS_DIR), so the project's own archive is left alone.
 */
class ClassDataArchiveIT {
    static final Path JAR = LauncherIT.ROOT.resolve("app/target/brevettiai.jar");

    @TempDir
    Path dir;
    Path cds;
    Path script;

    @BeforeEach
    void setUp() throws IOException {
        cds = dir.resolve("cds");
        script = Files.writeString(dir.resolve("one-line.jsh"), "System.out.println(40 + 2);\n");
    }

    Map<String, String> env(String... more) {
        var env = new java.util.HashMap<>(Map.of("BREVETTIAI_CDS_DIR", cds.toString(),
                "BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString(), "BREVETTIAI_PLATFORM_ROOT", dir.resolve("platform").toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** Runs the one-line script; {@code classes} gets the JVM's class-loading log (where each class came from). */
    LauncherIT.Result runLogged(Path classes, String... moreEnv) throws Exception {
        String[] all = Stream.concat(Stream.of("BREVETTIAI_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), Stream.of(moreEnv))
                .toArray(String[]::new);
        LauncherIT.Result r = LauncherIT.launch(env(all), "run", script.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("42\n", r.out(), "the script's output alone, no JVM message");
        assertFalse(r.err().contains("warning") || r.err().contains("cds"), r.err());
        return r;
    }

    static long fromArchive(Path classLog) throws IOException {
        try (Stream<String> lines = Files.lines(classLog)) {
            return lines.filter(l -> l.contains("source: shared objects file (top)")).count();
        }
    }

    static boolean fromArchive(Path classLog, String className) throws IOException {
        try (Stream<String> lines = Files.lines(classLog)) {
            return lines.anyMatch(l -> l.contains(" " + className + " source: shared objects file (top)"));
        }
    }

    Path archive() throws IOException {
        try (Stream<Path> files = Files.list(cds)) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
            assertEquals(1, archives.size(), "one archive in " + cds + ": " + archives);
            return archives.get(0);
        }
    }

    @Test
    void theFirstStartMakesTheArchiveAndLaterStartsMapIt() throws Exception {
        runLogged(dir.resolve("first.log"));
        Path archive = archive();
        FileTime made = Files.getLastModifiedTime(archive);
        assertTrue(Files.size(archive) > 1_000_000, "an archive of the start's classes: " + Files.size(archive) + " bytes");

        Path second = dir.resolve("second.log");
        // a kernel start's classes: loaded by the script here (snippets see the application's class loader)
        Files.writeString(script, "Class.forName(\"ai.brevetti.kernel.JupyterKernel\");\nClass.forName(\"org.zeromq.ZMQ\");\n"
                + Files.readString(script));
        runLogged(second);
        assertEquals(made, Files.getLastModifiedTime(archive), "a fresh archive is not made again");
        assertTrue(fromArchive(second, "jdk.jshell.JShell"), "JShell's classes come from the archive");
        assertTrue(fromArchive(second, "ai.brevetti.kernel.Evaluator"), "the project's classes come from the archive");
        assertTrue(fromArchive(second, "com.sun.tools.javac.main.JavaCompiler"), "javac's classes come from the archive");
        assertTrue(fromArchive(second, "ai.brevetti.kernel.JupyterKernel") && fromArchive(second, "org.zeromq.ZMQ"),
                "the kernel's classes are archived too");
    }

    @Test
    void anArchiveOlderThanTheJarIsMadeAgain() throws Exception {
        runLogged(dir.resolve("first.log"));
        Path archive = archive();
        FileTime old = FileTime.from(Files.getLastModifiedTime(JAR).toInstant().minus(1, ChronoUnit.DAYS));
        Files.setLastModifiedTime(archive, old);

        Path again = dir.resolve("again.log");
        runLogged(again);
        Path refreshed = archive();
        assertTrue(Files.getLastModifiedTime(refreshed).compareTo(Files.getLastModifiedTime(JAR)) > 0,
                "the archive was made again after the jar: " + Files.getLastModifiedTime(refreshed));
        assertTrue(fromArchive(again, "jdk.jshell.JShell"), "and the start used it");
    }

    @Test
    void aBrokenOrForeignArchiveIsIgnoredQuietly() throws Exception {
        runLogged(dir.resolve("first.log"));
        Path archive = archive();

        // garbage, newer than the jar (so the launcher takes it as fresh): the JVM rejects it
        archive.toFile().setWritable(true);
        byte[] junk = new byte[200_000];
        new java.util.Random(16).nextBytes(junk);
        Files.write(archive, junk);
        Path broken = dir.resolve("broken.log");
        runLogged(broken);
        assertEquals(0, fromArchive(broken), "no class from a broken archive");

        // a real archive of this JDK, made for another class path (a copy of the jar elsewhere): the JVM takes none
        // of the project's classes from it, and says nothing
        Path otherJar = Files.copy(JAR, dir.resolve("other.jar"));
        Files.delete(archive);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process dump = new ProcessBuilder(java.toString(), "-XX:ArchiveClassesAtExit=" + archive, "-cp", otherJar.toString(), "-version")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dump.log").toFile()).start();
        assertTrue(dump.waitFor(120, TimeUnit.SECONDS) && dump.exitValue() == 0, Files.readString(dir.resolve("dump.log")));
        assertTrue(Files.isRegularFile(archive), Files.readString(dir.resolve("dump.log")));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(5)));
        Path foreign = dir.resolve("foreign.log");
        runLogged(foreign);
        try (Stream<String> lines = Files.lines(foreign)) {
            assertEquals(List.of(), lines.filter(l -> l.contains(" ai.brevetti.") && l.contains("shared objects file")).toList(),
                    "no class of the project from an archive of another class path");
        }
    }

    @Test
    void offMeansNoArchive() throws Exception {
        runLogged(dir.resolve("off.log"), "BREVETTIAI_CDS", "off");
        assertFalse(Files.exists(cds) && Files.list(cds).anyMatch(f -> f.toString().endsWith(".jsa")), "no archive with BREVETTIAI_CDS=off");
    }

    @Test
    void runStartsWithTheC1CompilerOnlyUnlessTold() throws Exception {
        Path args = Files.writeString(dir.resolve("args.jsh"),
                "System.out.println(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());\n");
        LauncherIT.Result r = LauncherIT.launch(env("BREVETTIAI_CDS", "off"), "run", args.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("-XX:TieredStopAtLevel=1") && r.out().contains("-XX:+UseSerialGC"), r.out());

        r = LauncherIT.launch(env("BREVETTIAI_CDS", "off", "BREVETTIAI_RUN_JAVA_OPTS", ""), "run", args.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("TieredStopAtLevel"), "BREVETTIAI_RUN_JAVA_OPTS replaces them: " + r.out());

        r = LauncherIT.launch(env("BREVETTIAI_CDS", "off"), "--stacktrace", "run", args.toString());
        assertTrue(r.out().contains("-XX:TieredStopAtLevel=1"), "after --stacktrace too: " + r.out());
    }
}
