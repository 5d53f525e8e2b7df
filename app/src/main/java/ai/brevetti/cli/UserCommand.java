package ai.brevetti.cli;

import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.User;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code brevettiai user info}: who the platform's token belongs to. */
@Command(name = "user", description = "Shows the user the platform knows you as.", mixinStandardHelpOptions = true,
        subcommands = {UserCommand.Info.class})
final class UserCommand {

    @Command(name = "info", description = "Prints your user name, id, e-mail address, roles and how many resources you may use.",
            mixinStandardHelpOptions = true)
    static final class Info implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Override
        public Integer call() {
            User u = PlatformApi.connect(host.host()).getUserinfo();
            System.out.println("User " + u.username() + " (" + u.id() + ")");
            System.out.println("  name:        " + (u.firstName() + " " + u.lastName()).strip());
            System.out.println("  e-mail:      " + u.email());
            System.out.println("  admin:       " + u.isAdmin() + (u.hasAccessToMasterMode() ? ", master mode" : ""));
            User.Permissions p = u.permissions();
            System.out.println("  permissions: " + p.datasets().size() + " datasets, " + p.models().size() + " models, "
                    + p.projects().size() + " projects, " + p.devices().size() + " devices");
            return 0;
        }
    }
}
