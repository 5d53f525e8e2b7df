package ai.brevetti.training;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Points DJL's TensorFlow engine at the natives the build unpacks (the training module's
 * {@code target/tf-native/native/lib}):
 * the Maven native jar is mislabelled, so without this DJL would try to download them. Also keeps DJL
 * offline. Call before the first {@code Engine.getEngine("TensorFlow")}.
 */
final class TensorFlowNatives {
    static final String PROPERTY = "TENSORFLOW_LIBRARY_PATH";

    private TensorFlowNatives() {}

    static synchronized void configure() {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty(PROPERTY) != null || System.getenv(PROPERTY) != null) {
            return;
        }
        find().ifPresent(dir -> System.setProperty(PROPERTY, dir.toString()));
    }

    /**
     * The unpacked natives under {@code brevettiai.home} (the repository: {@code training/target/tf-native}), or
     * next to this module's classes or jar ({@code training/target/}).
     */
    static Optional<Path> find() {
        String home = System.getProperty("brevettiai.home");
        if (home != null) {
            Path dir = Path.of(home, "training", "target", "tf-native", "native", "lib");
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        try {
            Path code = Path.of(TensorFlowNatives.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent().resolve("tf-native").resolve("native").resolve("lib");
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
