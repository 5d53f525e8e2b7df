package ai.brevetti.data.generator;

/** Producing a batch failed; the message names the batch, the epoch and the step. */
public class GeneratorException extends RuntimeException {
    public GeneratorException(String message, Throwable cause) {
        super(message, cause);
    }
}
