package ai.brevetti.kernel;

/** A script asked to stop with {@code /exit [code]}. */
public final class ExitRequest extends Exception {
    private final int code;

    ExitRequest(int code) {
        super("exit " + code, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
