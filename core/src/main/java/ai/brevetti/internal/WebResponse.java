package ai.brevetti.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A complete HTTP answer.
 *
 * @param status the status code
 * @param text the body, decoded with the charset its {@code Content-Type} names (UTF-8 when none); empty
 *         when the body went to a file ({@link WebClient#download})
 * @param headers the answer's headers, by lower-case name, each with its values in order
 */
public record WebResponse(int status, String text, Map<String, List<String>> headers) {
    public WebResponse {
        Map<String, List<String>> copy = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (name != null) {
                copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>()).addAll(values);
            }
        });
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** An answer without headers. */
    public WebResponse(int status, String text) {
        this(status, text, Map.of());
    }

    /** The values of the header {@code name} (any case), in order; empty when it is absent. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value of the header {@code name} (any case), if the answer has it. */
    public java.util.Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    /** A 2xx status. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        // header values may hold cookies: only their names are shown
        return "WebResponse[" + status + ", " + text.length() + " characters, headers " + headers.keySet() + "]";
    }
}
