package ai.brevetti.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SageMaker training container a job runs in (docs/deployment.md): detected, as the Python SDK does, by
 * {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} (or {@code TRAINING_JOB_ARN}) in the environment; its files
 * under {@code /opt/ml}: {@code input/config/hyperparameters.json} (every value a string),
 * {@code input/config/resourceconfig.json} (the instances) and {@code output/failure} (why the job failed,
 * shown by SageMaker).
 *
 * <p>The root {@code /opt/ml} can be moved for tests only, by the environment variable
 * {@value #ROOT_VARIABLE} or the system property {@value #ROOT_PROPERTY}: a simulated container in a
 * temporary folder. Nothing else may set them.
 *
 * @param root the container's {@code /opt/ml}
 * @param trainingJobName SageMaker's name of the training job ({@code TRAINING_JOB_NAME}, else the last part of
 *                        {@code TRAINING_JOB_ARN}); shared by the instances of one run, new for every run
 */
public record SageMakerContainer(Path root, Optional<String> trainingJobName) {
    /** Where SageMaker mounts the container's inputs and outputs. */
    public static final Path DEFAULT_ROOT = Path.of("/opt/ml");
    /** Test-only override of {@link #DEFAULT_ROOT} (environment variable). */
    public static final String ROOT_VARIABLE = "BREVETTIAI_SAGEMAKER_ROOT";
    /** Test-only override of {@link #DEFAULT_ROOT} (system property). */
    public static final String ROOT_PROPERTY = "brevettiai.sagemaker.root";
    /** The variables whose presence means "in a SageMaker container". */
    public static final List<String> MARKERS = List.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "TRAINING_JOB_ARN");

    /** The container this process runs in, if it runs in one. */
    public static Optional<SageMakerContainer> ofProcess() {
        return detect(System.getenv());
    }

    /** The container {@code environment} describes, if it describes one. */
    public static Optional<SageMakerContainer> detect(Map<String, String> environment) {
        if (MARKERS.stream().noneMatch(name -> present(environment, name))) {
            return Optional.empty();
        }
        Path root = Optional.ofNullable(environment.get(ROOT_VARIABLE)).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getProperty(ROOT_PROPERTY)).filter(s -> !s.isBlank()))
                .map(Path::of).orElse(DEFAULT_ROOT);
        Optional<String> name = Optional.ofNullable(environment.get("TRAINING_JOB_NAME")).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(environment.get("TRAINING_JOB_ARN")).filter(s -> !s.isBlank())
                        .map(arn -> arn.substring(arn.lastIndexOf('/') + 1)));
        return Optional.of(new SageMakerContainer(root, name));
    }

    private static boolean present(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    public Path hyperparametersFile() {
        return root.resolve("input/config/hyperparameters.json");
    }

    public Path resourceConfigFile() {
        return root.resolve("input/config/resourceconfig.json");
    }

    public Path failureFile() {
        return root.resolve("output/failure");
    }

    /**
     * The hyperparameters, in the file's order: empty when there is no file. SageMaker writes every value as
     * a string; a number or a boolean is taken as its text, an object or a list as its JSON.
     *
     * @throws IllegalArgumentException naming the file when it is not a JSON object of values
     */
    public Optional<Map<String, String>> hyperparameters() {
        Optional<String> text = read(hyperparametersFile());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> parsed;
        try {
            parsed = Json.parseObject(text.get());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The hyperparameters file " + hyperparametersFile() + " is not a JSON object ("
                    + Json.describe(e) + "); SageMaker writes the training job's HyperParameters there as {\"name\": \"value\", …}", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The hyperparameters file " + hyperparametersFile() + " is not a JSON object: "
                    + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        parsed.forEach((key, value) -> {
            if (key.isBlank() || key.startsWith("-")) {
                throw new IllegalArgumentException("The hyperparameters file " + hyperparametersFile() + " has the name '" + key
                        + "': a hyperparameter becomes the argument --<name>, so its name must be a word such as epochs");
            }
            if (value == null) {
                throw new IllegalArgumentException("The hyperparameter '" + key + "' in " + hyperparametersFile()
                        + " is null; give it a value (a string) or leave it out");
            }
            values.put(key, value instanceof String s ? s : Json.write(value));
        });
        return Optional.of(values);
    }

    /**
     * The instances of this training job: empty when there is no {@code resourceconfig.json}.
     *
     * @throws IllegalArgumentException naming the file when it is malformed
     */
    public Optional<ResourceConfig> resourceConfig() {
        return read(resourceConfigFile()).map(text -> ResourceConfig.parse(text, resourceConfigFile().toString()));
    }

    /**
     * Writes why the job failed to {@code output/failure} (SageMaker shows its first 1,024 characters as the
     * training job's FailureReason); {@code replace} false keeps a reason written before. Nothing is written
     * when the container's root does not exist (not a SageMaker container after all).
     *
     * @return true when the file was written
     */
    public boolean writeFailure(String reason, boolean replace) {
        Path file = failureFile();
        if (!Files.isDirectory(root) || (!replace && Files.exists(file))) {
            return false;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".failure", ".tmp");
            Files.writeString(tmp, reason, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the failure reason to " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
