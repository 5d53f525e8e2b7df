package ai.brevetti.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's {@code startup.jsh}: the imports and DSL every JShell session starts with. Read from the
 * file named by the system property {@code brevettiai.startup} when set, else from the copy packaged
 * with the classes (built from the top-level {@code startup.jsh}).
 */
public final class StartupScript {
    public static final String PROPERTY = "brevettiai.startup";
    static final String RESOURCE = "/ai/brevetti/startup.jsh";

    private StartupScript() {}

    /** Where the script comes from, for messages. */
    public static String name() {
        String file = System.getProperty(PROPERTY);
        return file != null ? file : "startup.jsh";
    }

    public static String source() {
        String file = System.getProperty(PROPERTY);
        try {
            if (file != null) {
                return Files.readString(Path.of(file));
            }
            try (InputStream in = StartupScript.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("startup.jsh is missing from the class path; rebuild with mvn package");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name() + ": " + e.getMessage(), e);
        }
    }
}
