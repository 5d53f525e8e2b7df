package ai.brevetti.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A complete HTTP answer.
 *
 * @param status the status code
 * @param text the body, decoded with the charset its {@code Content-Type} names (UTF-8 when none); empty
 *         when the body went to a file ({@link WebClient#download})
 * @param headers the answer's headers, names in lower case, the first value of each
 */
public record WebResponse(int status, String text, Map<String, String> headers) {

    public WebResponse {
        headers = Map.copyOf(headers);
    }

    /** An answer without headers. */
    public WebResponse(int status, String text) {
        this(status, text, Map.of());
    }

    /** The header {@code name} (any case), if the answer has it. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A 2xx status. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "WebResponse[" + status + ", " + text.length() + " characters]";
    }
}
