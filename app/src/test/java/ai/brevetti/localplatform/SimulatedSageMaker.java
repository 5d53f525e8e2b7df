package ai.brevetti.localplatform;

import ai.brevetti.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SageMaker running the job image, without Docker: the image's files laid out as docker/Dockerfile copies them
 * (its COPY lines read from the Dockerfile, every source checked; big build outputs linked, scripts copied), a
 * container's {@code /opt/ml} (hyperparameters.json, resourceconfig.json) in a temporary folder, the
 * environment SageMaker sets plus the Dockerfile's ENV, and the ENTRYPOINT started with SageMaker's
 * {@code train} argument.
 */
final class SimulatedSageMaker {
    static final Path ROOT = Path.of(System.getProperty("brevettiai.root", ".")).toAbsolutePath();
    static final Path DOCKERFILE = ROOT.resolve("docker/Dockerfile");
    private static final Pattern ARG = Pattern.compile("^ARG\\s+(\\w+)=(\\S+)\\s*$");
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern ENV = Pattern.compile("^ENV\\s+(\\w+)=\"([^\"]*)\"\\s*$");
    private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT\\s+\\[\"([^\"]+)\"]\\s*$");

    /** The image's file system (its root folder), its ENV and its entrypoint (a path below the root). */
    record Image(Path root, Map<String, String> env, Path entrypoint) {
    }

    private SimulatedSageMaker() {}

    /** The image docker/Dockerfile builds with {@code buildArgs}, laid out under {@code dir}. */
    static Image image(Path dir, Map<String, String> buildArgs) throws IOException {
        Map<String, String> args = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        Path entrypoint = null;
        int copies = 0;
        for (String line : Files.readAllLines(DOCKERFILE)) {
            Matcher m;
            if ((m = ARG.matcher(line)).matches()) {
                args.put(m.group(1), buildArgs.getOrDefault(m.group(1), m.group(2)));
            } else if ((m = COPY.matcher(line)).matches()) {
                String source = substitute(m.group(1), args);
                Path from = ROOT.resolve(source);
                if (!Files.exists(from)) {
                    throw new AssertionError("docker/Dockerfile copies " + source + ", which the build did not make");
                }
                Path to = inside(dir, m.group(2));
                Files.createDirectories(to.getParent());
                if (Files.isDirectory(from) || Files.size(from) > 1_000_000) {
                    Files.createSymbolicLink(to, from);
                } else {
                    Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
                copies++;
            } else if ((m = ENV.matcher(line)).matches()) {
                env.put(m.group(1), m.group(2));
            } else if ((m = ENTRYPOINT.matcher(line)).matches()) {
                entrypoint = inside(dir, m.group(1));
            } else if (line.startsWith("COPY") || line.startsWith("ENV") || line.startsWith("ENTRYPOINT") || line.startsWith("RUN")
                    || line.startsWith("ADD")) {
                throw new AssertionError("The simulation does not understand this line of docker/Dockerfile: " + line);
            }
        }
        if (entrypoint == null || copies == 0) {
            throw new AssertionError("docker/Dockerfile has no ENTRYPOINT in exec form or no COPY");
        }
        return new Image(dir, env, entrypoint);
    }

    private static String substitute(String text, Map<String, String> args) {
        String out = text;
        for (Map.Entry<String, String> a : args.entrySet()) {
            out = out.replace("${" + a.getKey() + "}", a.getValue()).replace("$" + a.getKey(), a.getValue());
        }
        return out;
    }

    private static Path inside(Path dir, String absolute) {
        return dir.resolve(absolute.replaceAll("^/+", "").replaceAll("/+$", ""));
    }

    /** A container's /opt/ml: the hyperparameters (values are strings on SageMaker) and, for several instances, the resource config. */
    static Path optMl(Path dir, Map<String, String> hyperparameters, Optional<Map<String, Object>> resourceConfig) throws IOException {
        Path ml = dir.resolve("opt/ml");
        Path config = Files.createDirectories(ml.resolve("input/config"));
        Files.createDirectories(ml.resolve("output/data"));
        Files.createDirectories(ml.resolve("model"));
        if (hyperparameters != null) {
            Files.writeString(config.resolve("hyperparameters.json"), Json.write(hyperparameters));
        }
        if (resourceConfig.isPresent()) {
            Files.writeString(config.resolve("resourceconfig.json"), Json.write(resourceConfig.get()));
        }
        return ml;
    }

    /** What SageMaker sets in a training container (the credentials' URI, the job's name and ARN), the test-only root, the platform's address. */
    static Map<String, String> environment(Image image, Path ml, String trainingJob, String host, Path configDir) {
        Map<String, String> env = new LinkedHashMap<>(image.env());
        env.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/simulated-" + trainingJob);
        env.put("TRAINING_JOB_NAME", trainingJob);
        env.put("TRAINING_JOB_ARN", "arn:aws:sagemaker:eu-west-1:000000000000:training-job/" + trainingJob);
        env.put("BREVETTIAI_SAGEMAKER_ROOT", ml.toString());
        env.put("BREVETTIAI_HOST_NAME", host);
        env.put("BREVETTIAI_CONFIG_DIR", configDir.toString());
        return env;
    }

    /** {@code docker run IMAGE train}: the entrypoint with SageMaker's argument, output to {@code log}. */
    static Process start(Image image, Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(image.entrypoint().toString(), "train"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(image.root().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TRAINING_JOB") || k.startsWith("SM_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    record Run(int code, String log) {
    }

    static Run waitFor(Process process, Path log, int seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The container did not end in " + seconds + " s:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    static Run run(Image image, Map<String, String> env, Path log, int seconds) throws Exception {
        return waitFor(start(image, env, log), log, seconds);
    }
}
