package ai.brevetti.platform;

import ai.brevetti.internal.SageMakerContainer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a job in a SageMaker container failed, written to {@code /opt/ml/output/failure}: SageMaker shows the
 * file's first 1,024 characters as the training job's FailureReason (docs/deployment.md). A failing
 * {@link Job} writes its message there (replacing an earlier one, as {@link Job#failJob} does on the
 * platform); a run that fails before any job exists, or whose failure no job reported, writes its own
 * reason ({@link #recordRunFailure}). Secrets are masked as in the platform's message. Outside a container
 * nothing is written.
 */
public final class ContainerFailure {
    private ContainerFailure() {}

    /**
     * Writes {@code reason} (secrets masked: the container's secret hyperparameters such as {@code api_key},
     * and anything shaped like a key) unless a job of this run wrote its failure already. For the end of a
     * run ({@code bin/brevettiai run}) that exits with a failure. Never throws: a reason that cannot be
     * written is logged.
     */
    public static void recordRunFailure(String reason) {
        Optional<SageMakerContainer> container = SageMakerContainer.ofProcess();
        if (container.isEmpty()) {
            return;
        }
        List<Secret> secrets;
        try {
            secrets = container.get().hyperparameters().orElse(Map.of()).entrySet().stream()
                    .filter(e -> FailureMessage.isSecretName(e.getKey()) && !e.getValue().isEmpty())
                    .map(e -> Secret.of(e.getValue())).toList();
        } catch (RuntimeException unreadable) {
            secrets = List.of();
        }
        write(container, FailureMessage.of(reason, secrets), false);
    }

    /** Writes an already masked reason; {@code replace} false keeps one written before. */
    static void write(Optional<SageMakerContainer> container, String masked, boolean replace) {
        if (container.isEmpty()) {
            return;
        }
        try {
            if (container.get().writeFailure(masked, replace)) {
                Job.LOG.info("Failure reason written to {}", container.get().failureFile());
            }
        } catch (RuntimeException e) {
            Job.LOG.warn("The failure reason could not be written to {}: {}", container.get().failureFile(), e.getMessage());
        }
    }
}
