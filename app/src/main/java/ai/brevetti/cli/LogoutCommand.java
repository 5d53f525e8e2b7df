package ai.brevetti.cli;

import ai.brevetti.platform.RememberedCredentials;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code brevettiai logout}: forgets the credentials {@code login --remember-me} kept for a platform. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Forgets the credentials remembered for the platform at --host (bin/brevettiai login --remember-me).")
final class LogoutCommand implements Callable<Integer> {
    @Mixin
    HostOption host;

    @Override
    public Integer call() {
        RememberedCredentials remembered = RememberedCredentials.forUser(System.getenv());
        if (remembered.forget(host.host())) {
            System.out.println("Forgot the credentials remembered for " + host.host() + " (in " + remembered.file() + ").");
        } else {
            System.out.println("No credentials were remembered for " + host.host() + " (in " + remembered.file() + ").");
        }
        return 0;
    }
}
