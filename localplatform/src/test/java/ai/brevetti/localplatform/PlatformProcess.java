package ai.brevetti.localplatform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A local platform in a process of its own, for tests that kill it ({@code kill -9}). As a program:
 * {@code <root> [<pause file>]} starts the platform on free ports and prints {@code URL <url>}; with a pause
 * file, a model's creation stops after its files are written and before its record is, and the model's id
 * is written to the pause file.
 */
final class PlatformProcess implements AutoCloseable {
    final Process process;
    final String url;

    private PlatformProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            Path pause = Path.of(args[1]);
            PlatformStore.beforeRecord = id -> {
                try {
                    Files.writeString(pause, id);
                    Thread.sleep(Long.MAX_VALUE);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
        LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(Path.of(args[0])));
        System.out.println("URL " + platform.url());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts the platform over {@code root} in a new process (pausing model creation when {@code pause} is given). */
    static PlatformProcess start(Path root, Path pause) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PlatformProcess.class.getName(), root.toString()));
        if (pause != null) {
            command.add(pause.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("URL ")) {
                        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                        drain.setDaemon(true);
                        drain.start();
                        return line.substring(4);
                    }
                    seen.append(line).append('\n');
                }
                throw new IllegalStateException("The platform process ended:\n" + seen);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return new PlatformProcess(p, url.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** {@code kill -9}: the process ends without running anything of its own. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
