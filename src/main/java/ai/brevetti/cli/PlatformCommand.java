package ai.brevetti.cli;

import ai.brevetti.localplatform.LocalPlatform;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code brevettiai platform}: runs the embedded local platform until stopped. */
@Command(name = "platform",
        description = {"Runs the local platform: the platform's HTTP endpoints and an S3 server, on loopback,",
                "keeping models, jobs and datasets under one folder. Stop it with Ctrl+C."},
        mixinStandardHelpOptions = true)
final class PlatformCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port = LocalPlatform.DEFAULT_PORT;

    @Option(names = "--s3-port", description = "S3 port (default: the HTTP port + 1)")
    Integer s3Port;

    @Option(names = "--root", description = "the folder holding everything (default: $BREVETTIAI_PLATFORM_ROOT, else ~/.brevettiai/local-platform)")
    Path root = ai.brevetti.demo.DemoSetup.defaultRoot();

    @Option(names = "--bind", description = "the address to listen on (default: ${DEFAULT-VALUE})")
    String bind = "127.0.0.1";

    @Override
    public Integer call() throws Exception {
        LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Config(root, bind, port,
                s3Port != null ? s3Port : port == 0 ? 0 : port + 1, LocalPlatform.DEFAULT_BUCKET));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "local-platform-stop"));
        System.out.println("Local platform running at " + platform.url());
        System.out.println("  S3 API:  " + platform.s3Endpoint() + " (bucket " + platform.dataBucket() + ")");
        System.out.println("  data in: " + platform.root());
        System.out.println("  pages:   " + platform.url() + "/ (models, test reports, datasets)");
        System.out.println("Use it with --host " + platform.url() + " (or export BREVETTIAI_HOST_NAME=" + platform.url() + ").");
        System.out.println("Press Ctrl+C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
