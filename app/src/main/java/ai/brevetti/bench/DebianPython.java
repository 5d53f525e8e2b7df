package ai.brevetti.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Python peers' interpreter: Debian's {@code /usr/bin/python3}, where {@code python3-torch} and
 * {@code python3-torchvision} install (not a {@code python3} first on the PATH, such as pyenv's), and the peers'
 * scripts, resources of this package extracted to a folder of their own before they run.
 */
final class DebianPython {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private DebianPython() {
    }

    /** Whether the interpreter is there and imports every one of {@code modules}. */
    static boolean has(String... modules) throws IOException, InterruptedException {
        return Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import " + String.join(", ", modules))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    }

    /** Writes the resources {@code scripts} of this package into {@code dir}; returns {@code dir}. */
    static Path extract(Path dir, String... scripts) throws IOException {
        for (String script : scripts) {
            try (InputStream in = DebianPython.class.getResourceAsStream(script)) {
                if (in == null) {
                    throw new IllegalStateException("The benchmark's script " + script + " is missing from the build");
                }
                Files.write(dir.resolve(script), in.readAllBytes());
            }
        }
        return dir;
    }
}
