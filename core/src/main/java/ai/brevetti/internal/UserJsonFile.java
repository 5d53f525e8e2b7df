package ai.brevetti.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A JSON object of strings in a file only its user may read ({@code api_keys.json}, {@code platform_tokens.json}),
 * which several processes may change at once. A change holds a lock on {@code <file>.lock} while it reads
 * the file, applies itself and replaces the file by an atomic move of a temporary file that was 0600 from
 * its creation: no change is lost, no reader sees half a file, and the folder is created 0700.
 */
public final class UserJsonFile {
    private UserJsonFile() {}

    /** Reads the map ({@code read}), applies {@code change} and writes it back, all under the file's lock. */
    public static void update(Path file, Supplier<Map<String, String>> read, Consumer<Map<String, String>> change) throws IOException {
        // one JVM holds one lock per file: its threads take turns here, processes at the file lock
        synchronized (UserJsonFile.class) {
            Path dir = UserDirs.createPrivate(file.toAbsolutePath().getParent());
            try (FileChannel lockFile = open(dir.resolve(file.getFileName() + ".lock"));
                 FileLock ignored = lockFile.lock()) {
                Map<String, String> map = read.get();
                change.accept(map);
                replace(dir, file, Json.writePretty(map).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static FileChannel open(Path path) throws IOException {
        try {
            return FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), UserDirs.privateFile());
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }

    private static void replace(Path dir, Path file, byte[] content) throws IOException {
        UserDirs.writePrivate(dir.resolve(file.getFileName()), content);
    }
}
