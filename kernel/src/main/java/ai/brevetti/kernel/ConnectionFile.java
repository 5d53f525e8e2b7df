package ai.brevetti.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.crypto.Mac;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * A Jupyter connection file, as the kernelspec's {@code {connection_file}} names it: the five ports, the
 * address and the message signing (Jupyter's messaging spec). Keys jupyter_client may leave out take
 * jupyter_client's defaults: {@code signature_scheme} {@value #DEFAULT_SCHEME} (its {@code Session}
 * default), {@code transport} {@code tcp}, {@code ip} {@code 127.0.0.1}, {@code key} empty (messages
 * unsigned). A missing port, a scheme that is not {@code hmac-<hash>} or a file that is not a JSON object
 * is an {@link IllegalArgumentException} naming the file and the key. The key is never put in a message.
 */
final class ConnectionFile {
    static final String DEFAULT_SCHEME = "hmac-sha256";
    private static final String[] PORTS = {"shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"};

    private ConnectionFile() {}

    static KernelConnectionProperties read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException(file + " is not a Jupyter connection file: it holds no JSON object");
            }
            json = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + " is not a Jupyter connection file: it is not JSON ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")");
        }
        int[] ports = new int[PORTS.length];
        for (int i = 0; i < PORTS.length; i++) {
            ports[i] = port(file, json, PORTS[i]);
        }
        String scheme = text(file, json, "signature_scheme", DEFAULT_SCHEME);
        checkScheme(file, scheme);
        return new KernelConnectionProperties(text(file, json, "ip", "127.0.0.1"), ports[3], ports[0], ports[2], ports[4], ports[1],
                text(file, json, "transport", "tcp"), scheme, text(file, json, "key", ""));
    }

    private static int port(Path file, JsonObject json, String key) {
        JsonElement value = json.get(key);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException("The connection file " + file + " has no '" + key + "'; a Jupyter connection file"
                    + " gives shell_port, iopub_port, stdin_port, control_port and hb_port (Jupyter writes it when it starts the kernel)");
        }
        if (value instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (d == Math.rint(d) && d >= 1 && d <= 65535) {
                return (int) d;
            }
        }
        throw new IllegalArgumentException("The connection file " + file + " gives '" + key + "' as " + value
                + ", not a port number (1-65535)");
    }

    private static String text(Path file, JsonObject json, String key, String absent) {
        JsonElement value = json.get(key);
        if (value == null || value.isJsonNull()) {
            return absent;
        }
        if (value instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        // the key's value is a secret: name its type only
        throw new IllegalArgumentException("The connection file " + file + " gives '" + key + "' as a JSON "
                + (value.isJsonObject() ? "object" : value.isJsonArray() ? "array" : "number or boolean") + ", not a string");
    }

    /** jupyter_client takes {@code hmac-<hashlib name>}; here the hash must be one Java's {@link Mac} knows. */
    private static void checkScheme(Path file, String scheme) {
        String lower = scheme.toLowerCase(Locale.ROOT);
        boolean known = false;
        if (lower.startsWith("hmac-") && lower.length() > 5) {
            try {
                Mac.getInstance(lower.replace("-", ""));
                known = true;
            } catch (java.security.NoSuchAlgorithmException e) {
                known = false;
            }
        }
        if (!known) {
            throw new IllegalArgumentException("The connection file " + file + " gives 'signature_scheme' as '" + scheme
                    + "'; use hmac-sha256 (Jupyter's default), or another hmac-<hash> such as hmac-sha512");
        }
    }
}
