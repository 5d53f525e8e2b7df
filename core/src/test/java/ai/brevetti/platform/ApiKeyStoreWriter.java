package ai.brevetti.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that saves keys in an {@link ApiKeyStore}, for ApiKeyStoreTest: {@code <config dir> <go file>
 * <name> <count> [tokens]} waits for the go file, then saves {@code <name>-0 … <name>-<count-1>}; with
 * {@code tokens}, saves platform tokens ({@link PlatformTokens}) for hosts {@code http://<name>-<i>:80}.
 */
public final class ApiKeyStoreWriter {
    public static void main(String[] args) throws Exception {
        ApiKeyStore store = ApiKeyStore.in(Path.of(args[0]));
        Path go = Path.of(args[1]);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        boolean tokens = args.length > 4 && args[4].equals("tokens");
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            String id = args[2] + "-" + i;
            if (tokens) {
                PlatformTokens.in(Path.of(args[0])).save("http://" + id + ":80", Secret.of("key-of-" + id));
            } else {
                store.save(id, Secret.of("key-of-" + id));
            }
        }
    }
}
