package ai.brevetti.cli;

import ai.brevetti.platform.CredentialPrompt;
import ai.brevetti.platform.LoginUser;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.PlatformApiBuilder;
import ai.brevetti.platform.RememberedCredentials;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code brevettiai login}: logs in to a platform as Python's SDK does (and checks the credentials);
 * with {@code --remember-me} keeps them, encrypted, for the commands and {@code PlatformApi} to log in with.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Logs in to a platform with a user name and password, as the Python SDK does (POST /api/account/token).",
                "The credentials come from --user and --password-file, else BREVETTI_AI_USER and BREVETTI_AI_PW, else the"
                        + " ones remembered for the platform, else the terminal (the password is not shown).",
                "With --remember-me they are kept, encrypted, in $BREVETTIAI_CONFIG_DIR/webapi_credentials.json (default"
                        + " ~/.brevettiai), where the other commands and PlatformApi.connect find them; `logout` forgets them.",
                "The local platform needs no login (its token is saved when it starts), but takes one once a user is set"
                        + " (bin/brevettiai platform password)."})
final class LoginCommand implements Callable<Integer> {
    @Mixin
    HostOption host;

    @Option(names = "--user", description = "The user name (default: $BREVETTI_AI_USER, else asked).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (- : standard input).")
    Path passwordFile;

    @Option(names = "--remember-me", description = "Keep the credentials, encrypted, for the next logins.")
    boolean rememberMe;

    @Override
    public Integer call() {
        PlatformApiBuilder builder = PlatformApi.builder().host(host.host()).rememberMe(rememberMe).prompt(CredentialPrompt.console());
        if (passwordFile != null) {
            char[] password = PasswordInput.fromFile(passwordFile, "brevettiai login");
            String name = user != null ? user : System.getenv("BREVETTI_AI_USER");
            if (name == null || name.isBlank()) {
                System.err.println("brevettiai login: --password-file needs a user name: give --user (or set BREVETTI_AI_USER)");
                return 2;
            }
            builder.credentials(name, new String(password));
            java.util.Arrays.fill(password, '\0');
        } else if (user != null) {
            builder.user(user);
        }
        PlatformApi api = builder.connect();
        LoginUser who = api.user().orElseThrow();
        System.out.println("Logged in to " + api.host() + " as " + who.displayName() + "."
                + (rememberMe ? " The credentials are remembered in " + RememberedCredentials.forUser(System.getenv()).file()
                + " (bin/brevettiai logout forgets them)." : ""));
        return 0;
    }
}
