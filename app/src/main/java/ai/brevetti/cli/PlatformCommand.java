package ai.brevetti.cli;

import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.localplatform.LocalUser;
import ai.brevetti.platform.PlatformTokens;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code brevettiai platform}: runs the embedded local platform until stopped; saves its access token for
 * the CLI and prints the pages' login link once. {@code brevettiai platform link} prints the link again;
 * {@code brevettiai platform password} sets the user who logs in as on the real platform (asked at the
 * start, at a terminal in the foreground, while none is set).
 */
@Command(name = "platform",
        description = {"Runs the local platform: the platform's HTTP endpoints and an S3 server, on loopback.",
                "It keeps models, jobs and datasets under one folder. Stop it with Ctrl+C.",
                "Its access token is saved in $BREVETTIAI_CONFIG_DIR/platform_tokens.json (default ~/.brevettiai),"
                        + " where the other commands find it; the login link it prints opens the pages in a browser.",
                "Logging in with a user name and password (as on the real platform) needs a user: `platform password`"
                        + " sets one, and `platform` asks for one at a terminal while none is set. There is no default password."},
        mixinStandardHelpOptions = true, subcommands = {PlatformCommand.Link.class, PlatformCommand.Password.class})
final class PlatformCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port = LocalPlatform.DEFAULT_PORT;

    @Option(names = "--s3-port", description = "S3 port (default: the HTTP port + 1).")
    Integer s3Port;

    @Option(names = "--root", description = "The folder holding everything (default: $BREVETTIAI_PLATFORM_ROOT, else ~/.brevettiai/local-platform).")
    Path root = ai.brevetti.demo.DemoSetup.defaultRoot();

    @Option(names = "--bind", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Override
    public Integer call() throws Exception {
        if (!LocalUser.isSet(root) && inTheForegroundAtATerminal()) {
            askForTheUser(System.console(), root);
        }
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
        System.out.println("  user:    " + (LocalUser.isSet(root) ? "set: log in with PlatformApi.login or bin/brevettiai login --host "
                + platform.url() : "none, so logging in with a password is off; set one with: bin/brevettiai platform password"
                + (root.equals(ai.brevetti.demo.DemoSetup.defaultRoot()) ? "" : " --root " + root)));
        if (!List.of("127.0.0.1", "localhost", "::1").contains(bind)) {
            System.out.println("  warning: listening on " + bind + ": plain HTTP, the token crosses the network unencrypted");
        }
        System.out.println("Use it with --host " + platform.url() + " (or export BREVETTIAI_HOST_NAME=" + platform.url() + ").");
        System.out.println("Press Ctrl+C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * At the first start at a terminal: the user name and password of the platform's user (Enter skips: the
     * platform starts without one, and asks again next time).
     */
    private static void askForTheUser(Console console, Path root) {
        console.printf("%s%n", "No user is set up on this platform. Set one to log in with a user name and password, as on the real");
        console.printf("%s%n", "platform (PlatformApi.login, bin/brevettiai login); there is no default password. Enter skips.");
        String suggested = Optional.ofNullable(System.getenv("USER")).orElse(System.getProperty("user.name", ""));
        String typed = console.readLine("User name [%s]: ", suggested);
        if (typed == null) {
            return;
        }
        String name = typed.isBlank() ? suggested : typed.strip();
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<char[]> password = PasswordInput.newPassword(console,
                    "Password (at least " + LocalUser.MIN_PASSWORD_LENGTH + " characters; Enter skips): ");
            if (password.isEmpty()) {
                console.printf("%s%n", "No user set; set one later with: bin/brevettiai platform password");
                return;
            }
            try {
                LocalUser.set(root, name, password.get(), null, null);
                console.printf("User %s set (in %s).%n", name, root.resolve("user.json"));
                return;
            } catch (IllegalArgumentException e) {
                console.printf("%s%n", e.getMessage());
            } catch (IOException e) {
                console.printf("The user could not be saved: %s%n", e.getMessage());
                return;
            }
        }
    }

    /**
     * Whether the program reads a terminal as the foreground job: a background job ({@code &}) that read it
     * would be stopped by the terminal. Known on Linux ({@code /proc/self/stat}: its process group is the
     * terminal's foreground group); elsewhere no.
     */
    static boolean inTheForegroundAtATerminal() {
        if (System.console() == null) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state ppid pgrp session tty_nr tpgid
            return fields.length > 5 && fields[2].equals(fields[5]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = {"Sets the local platform's user: the user name and password that log in as on the real platform.",
                    "They log in through POST /api/account/token (PlatformApi.login, bin/brevettiai login).",
                    "They are kept as a salted PBKDF2 hash in <root>/user.json (readable by you only).",
                    "Setting it again ends the sessions of the old one; a running platform takes it at once.",
                    "The password is typed (twice, not shown) or read from --password-file."})
    static final class Password implements Callable<Integer> {
        @Option(names = "--root", description = "The platform's folder (default: $BREVETTIAI_PLATFORM_ROOT, else ~/.brevettiai/local-platform).")
        Path root = ai.brevetti.demo.DemoSetup.defaultRoot();

        @Option(names = "--user", description = "The user name (default: your login name, ${sys:user.name}).")
        String user = Optional.ofNullable(System.getenv("USER")).orElse(System.getProperty("user.name", ""));

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "Read the password from the first line of FILE (- : standard input) instead of the terminal.")
        Path passwordFile;

        @Option(names = "--first-name", description = "The first name the login answers (default: the user name).")
        String firstName;

        @Option(names = "--last-name", description = "The last name the login answers.")
        String lastName = "";

        @Override
        public Integer call() throws IOException {
            char[] password;
            if (passwordFile != null) {
                password = PasswordInput.fromFile(passwordFile, "brevettiai platform password");
            } else {
                Console console = System.console();
                if (console == null) {
                    System.err.println("brevettiai platform password: no terminal to type the password at; give --password-file FILE "
                            + "(or --password-file - to read it from standard input)");
                    return 2;
                }
                Optional<char[]> typed = PasswordInput.newPassword(console, "New password for " + user + " (at least "
                        + LocalUser.MIN_PASSWORD_LENGTH + " characters): ");
                if (typed.isEmpty()) {
                    System.err.println("brevettiai platform password: no password typed; nothing changed");
                    return 2;
                }
                password = typed.get();
            }
            try {
                LocalUser.set(root, user, password, firstName, lastName);
            } catch (IllegalArgumentException e) {
                System.err.println("brevettiai platform password: " + e.getMessage() + "; nothing changed");
                return 2;
            }
            System.out.println("User " + user.strip() + " set for the local platform in " + root.toAbsolutePath().normalize()
                    + ". Log in with bin/brevettiai login --user " + user.strip() + " (or PlatformApi.login).");
            return 0;
        }
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
