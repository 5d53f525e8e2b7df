package ai.brevetti.interfaces.monitor;

import ai.brevetti.io.IoTools;
import ai.brevetti.io.LocalStorage;
import ai.brevetti.io.StorageBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each point as one line of a JSON Lines file (a job without a platform:
 * {@code artifacts/remotemonitor.jsonl}). Local files are appended to; a file on an object store is
 * rewritten with the line added.
 */
final class JsonLinesSink implements MonitorSink {
    private final IoTools io;
    private final String path;

    JsonLinesSink(IoTools io, String path) {
        this.io = io;
        this.path = path;
    }

    @Override
    public void send(String json) throws IOException {
        String line = json.replace('\n', ' ') + "\n";
        try {
            if (io.backend(path) instanceof LocalStorage) {
                Path file = LocalStorage.toPath(path);
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                // straight to the backend: the read cache holds objects as immutable, this one grows
                StorageBackend backend = io.backend(path);
                byte[] before = backend.isFile(path) ? backend.read(path) : new byte[0];
                byte[] added = line.getBytes(StandardCharsets.UTF_8);
                byte[] all = java.util.Arrays.copyOf(before, before.length + added.length);
                System.arraycopy(added, 0, all, before.length, added.length);
                backend.write(path, all);
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return path;
    }
}
