package ai.brevetti.platform;

/** No job was named: no job folder, info file or job id in the arguments or the environment. */
public final class NoJobException extends JobException {
    public NoJobException(String message) {
        super(message);
    }
}
