package ai.brevetti.platform;

import java.util.Collection;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * The text a failed job reports: its secrets masked (the API key, S3 credentials the job was given, and
 * anything shaped like a key or signature in a URL or setting), bounded in length.
 */
final class FailureMessage {
    /** The longest message sent; longer ones keep their start and say how much was cut. */
    static final int MAX_CHARS = 8_000;

    private static final Pattern[] SHAPES = {
            Pattern.compile("(?i)([?&;\\s](?:key|api_key|apikey|token|signature|x-amz-signature|x-amz-security-token|x-amz-credential)=)[^&\\s\"']+"),
            Pattern.compile("(?i)((?:aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|secret_key|api_key|apiKey)"
                    + "[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',}&]+"),
            Pattern.compile("(?i)(authorization:\\s*(?:bearer|basic)\\s+)\\S+"),
    };

    /** Names whose values are secrets (hyperparameters, settings): {@code api_key}, {@code *token*}, {@code *secret*}, {@code *password*}… */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(key|token|secret|password|credential).*");

    private FailureMessage() {}

    /** True for a name whose value is a secret ({@code api_key}, {@code aws_session_token}, {@code password}…). */
    static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /** {@code text} with every secret masked and at most {@link #MAX_CHARS} characters. */
    static String of(String text, Collection<Secret> secrets) {
        String out = mask(text == null || text.isBlank() ? "the job failed (no message)" : text.strip(), secrets);
        if (out.length() > MAX_CHARS) {
            out = out.substring(0, MAX_CHARS) + "\n… (" + (out.length() - MAX_CHARS) + " more characters)";
        }
        return out;
    }

    /** {@code text} with every occurrence of the secrets (longest first) and of secret-shaped values masked. */
    static String mask(String text, Collection<Secret> secrets) {
        String out = text;
        for (Secret s : secrets.stream().filter(s -> !s.isEmpty()).sorted(Comparator.comparingInt((Secret s) -> s.reveal().length()).reversed()).toList()) {
            out = s.mask(out);
        }
        for (Pattern shape : SHAPES) {
            out = shape.matcher(out).replaceAll("$1****");
        }
        return out;
    }
}
