package ai.brevetti.cli;

import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.platform.PlatformTokens;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code brevettiai platform}: runs the embedded local platform until stopped; saves its access token for
 * the CLI and prints the pages' login link once. {@code brevettiai platform link} prints the link again.
 */
@Command(name = "platform",
        description = {"Runs the local platform: the platform's HTTP endpoints and an S3 server, on loopback,",
                "keeping models, jobs and datasets under one folder. Stop it with Ctrl+C.",
                "Its access token is saved in $BREVETTIAI_CONFIG_DIR/platform_tokens.json (default ~/.brevettiai),",
                "where the other commands find it; the login link it prints opens the pages in a browser."},
        mixinStandardHelpOptions = true, subcommands = PlatformCommand.Link.class)
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
        PlatformTokens tokens = PlatformTokens.forUser(System.getenv());
        tokens.save(platform.url(), platform.accessToken());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "local-platform-stop"));
        System.out.println("Local platform running at " + platform.url());
        System.out.println("  S3 API:  " + platform.s3Endpoint() + " (bucket " + platform.dataBucket() + ")");
        System.out.println("  data in: " + platform.root());
        System.out.println("  pages:   " + platform.url() + "/ (models, test reports, datasets)");
        System.out.println("  log in:  " + platform.loginLink().reveal());
        System.out.println("           (opens the pages in your browser; the link holds the platform's access token: keep it to yourself)");
        System.out.println("  token:   saved for the CLI in " + tokens.file());
        if (!List.of("127.0.0.1", "localhost", "::1").contains(bind)) {
            System.out.println("  warning: listening on " + bind + ": plain HTTP, the token crosses the network unencrypted");
        }
        System.out.println("Use it with --host " + platform.url() + " (or export BREVETTIAI_HOST_NAME=" + platform.url() + ").");
        System.out.println("Press Ctrl+C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = {"Prints the login link of the local platform at --host (its token saved by `platform`).",
                    "The link holds the platform's access token: keep it to yourself."})
    static final class Link implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Override
        public Integer call() {
            PlatformTokens tokens = PlatformTokens.forUser(System.getenv());
            String url = host.host().endsWith("/") ? host.host().substring(0, host.host().length() - 1) : host.host();
            var token = tokens.find(url);
            if (token.isEmpty()) {
                System.err.println("brevettiai platform link: no access token for " + url + " in " + tokens.file()
                        + "; start the platform with bin/brevettiai platform (with the same BREVETTIAI_CONFIG_DIR)");
                return 2;
            }
            System.out.println(url + "/?token=" + token.get().reveal());
            return 0;
        }
    }
}
