package ai.brevetti.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A discarded result of an option method fails the build (decision 44): a snippet that calls one option of
 * every immutable option class as a statement, ignoring the new instance, is compiled the way the build
 * compiles (the compiler arguments of pom.xml, javac's openings of .mvn/jvm.config, Error Prone at the
 * pom's version) against the built classes, and must fail with one {@code [CheckReturnValue]} error per
 * line; the same calls with their results used compile.
 */
class DiscardedOptionResultIT {
    private static final Path ROOT = Path.of(System.getProperty("brevettiai.root", ".")).toAbsolutePath();

    /** One discarded option call per class; each must be reported on its own line. */
    private static final List<String> CALLS = List.of(
            "new ai.brevetti.data.image.ImagePipeline().targetSize(64, 64)",
            "new ai.brevetti.data.annotation.AnnotationLoader(java.util.List.of(\"a\")).sparse(true)",
            "new ai.brevetti.data.annotation.AnnotationPooling().poolingMethod(\"average\")",
            "new ai.brevetti.data.generator.DataGenerator(samples).batchSize(8)",
            "new ai.brevetti.data.generator.StratifiedSampler().seed(3)",
            "new ai.brevetti.data.split.SampleSplit().split(0.5)",
            "ai.brevetti.data.samples.ImageSamples.options().fullPath(true)",
            "ai.brevetti.demo.DemoData.builder().items(3)",
            "new ai.brevetti.data.image.augmentation.RandomTransformer().rotate(30)",
            "new ai.brevetti.data.image.augmentation.ImageNoise().stddev(0.1)",
            "new ai.brevetti.data.image.augmentation.ImageFiltering().chance(1)",
            "new ai.brevetti.data.image.augmentation.ImageSaltAndPepper().scale(3)",
            "new ai.brevetti.data.image.augmentation.ImageDeformation().alpha(2)",
            "new ai.brevetti.data.image.augmentation.ImageAugmenter().imageNoise(null)");

    @TempDir
    static Path dir;
    private static String processorPath;

    /** Error Prone's class path at the pom's version, resolved by Maven from the local repository the build filled. */
    @BeforeAll
    static void resolveErrorProne() throws Exception {
        String version = matchOne(Files.readString(ROOT.resolve("pom.xml")), "<errorprone.version>([^<]+)</errorprone.version>");
        Path pom = dir.resolve("ep/pom.xml");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>scratch</groupId><artifactId>error-prone-path</artifactId><version>1</version>
                  <dependencies><dependency><groupId>com.google.errorprone</groupId><artifactId>error_prone_core</artifactId>
                    <version>%s</version></dependency></dependencies>
                </project>
                """.formatted(version));
        Path out = dir.resolve("ep/classpath.txt");
        List<String> mvn = new ArrayList<>(List.of("mvn", "-B", "-q", "-o", "-f", pom.toString(),
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath", "-Dmdep.outputFile=" + out));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            mvn.add("-Dmaven.repo.local=" + repo);
        }
        Result r = run(mvn, dir.resolve("ep"));
        assertEquals(0, r.exit(), "resolving Error Prone " + version + ": " + r.output());
        processorPath = Files.readString(out).strip();
    }

    @Test
    void everyDiscardedOptionResultIsAnError() throws Exception {
        Result r = compile("Discarded", CALLS.stream().map(c -> "        " + c + ";").toList());
        assertTrue(r.exit() != 0, "the discarded results compiled:\n" + r.output());
        TreeSet<Integer> flagged = new TreeSet<>();
        Matcher m = Pattern.compile("Discarded\\.java:(\\d+): error: \\[CheckReturnValue\\]").matcher(r.output());
        while (m.find()) {
            flagged.add(Integer.parseInt(m.group(1)));
        }
        TreeSet<Integer> expected = new TreeSet<>();
        for (int i = 0; i < CALLS.size(); i++) {
            expected.add(FIRST_LINE + i);
        }
        assertEquals(expected, flagged, r.output());
        assertEquals(CALLS.size(), r.output().split("error:", -1).length - 1, "no other error:\n" + r.output());
    }

    @Test
    void usedResultsCompile() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CALLS.size(); i++) {
            lines.add("        var used" + i + " = " + CALLS.get(i) + ";");
        }
        Result r = compile("Used", lines);
        assertEquals(0, r.exit(), r.output());
    }

    /** The line of the first call in a snippet. */
    private static final int FIRST_LINE = 4;

    private static Result compile(String name, List<String> body) throws Exception {
        Path src = dir.resolve(name + "/snippet/" + name + ".java");
        Files.createDirectories(src.getParent());
        List<String> lines = new ArrayList<>(List.of("package snippet;", "class " + name + " {",
                "    void run(ai.brevetti.data.samples.Samples samples) {"));
        lines.addAll(body);
        lines.addAll(List.of("    }", "}"));
        Files.write(src, lines, StandardCharsets.UTF_8);

        List<String> javac = new ArrayList<>();
        javac.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
        for (String option : Files.readAllLines(ROOT.resolve(".mvn/jvm.config"))) {
            if (!option.isBlank()) {
                javac.add("-J" + option.strip());
            }
        }
        javac.addAll(List.of("-processorpath", processorPath, "-cp", ROOT.resolve("app/target/classes") + java.io.File.pathSeparator
                + System.getProperty("java.class.path"), "-d", dir.resolve(name + "/classes").toString()));
        javac.addAll(compilerArgs());
        javac.add(src.toString());
        return run(javac, dir);
    }

    /** The compiler arguments of the build (maven-compiler-plugin's compilerArgs in pom.xml). */
    private static List<String> compilerArgs() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String block = matchOne(pom, "(?s)<compilerArgs>(.*?)</compilerArgs>");
        List<String> args = new ArrayList<>();
        Matcher m = Pattern.compile("<arg>([^<]+)</arg>").matcher(block);
        while (m.find()) {
            args.add(m.group(1).strip());
        }
        assertTrue(args.stream().anyMatch(a -> a.startsWith("-Xplugin:ErrorProne") && a.contains("CheckReturnValue:ERROR")),
                "the build runs Error Prone's CheckReturnValue as an error: " + args);
        return args;
    }

    private static String matchOne(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "pom.xml has " + regex);
        return m.group(1);
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, Path in) throws Exception {
        Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished: " + command);
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
