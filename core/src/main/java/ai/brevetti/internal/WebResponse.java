package ai.brevetti.internal;

/**
 * A complete HTTP answer.
 *
 * @param status the status code
 * @param text the body, decoded with the charset its {@code Content-Type} names (UTF-8 when none)
 */
public record WebResponse(int status, String text) {

    /** A 2xx status. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "WebResponse[" + status + ", " + text.length() + " characters]";
    }
}
