package ai.brevetti.cli;

import ai.brevetti.kernel.KernelInstaller;
import ai.brevetti.kernel.KernelMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brevettiai kernel install|run}: the Jupyter kernel. */
@Command(name = "kernel", description = "The Jupyter kernel (Java through JShell, startup.jsh preloaded).",
        mixinStandardHelpOptions = true, subcommands = {KernelCommand.Install.class, KernelCommand.Run.class})
final class KernelCommand {

    /** The project folder bin/brevettiai passes (-Dbrevettiai.home). */
    static Path projectRoot() {
        String home = System.getProperty("brevettiai.home");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Installs the kernelspec 'brevettiai-java' (display name \"Java (brevettiai)\") for Jupyter.",
                    "It runs this project's build through bin/brevettiai: install again after moving the project."})
    static final class Install implements Callable<Integer> {
        static final class Where {
            @Option(names = "--user", description = "For you: ~/.local/share/jupyter/kernels (the default).")
            boolean user;

            @Option(names = "--prefix", paramLabel = "P", description = "Into P/share/jupyter/kernels (Jupyter finds it with JUPYTER_PATH=P/share/jupyter).")
            Path prefix;

            @Option(names = "--sys-prefix", description = "Into the kernels folder of the Python that runs `jupyter`.")
            boolean sysPrefix;
        }

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Where where;

        @Option(names = "--java-opts", paramLabel = "OPTS", defaultValue = KernelInstaller.DEFAULT_JAVA_OPTS,
                description = {"JVM options of the kernel (default: ${DEFAULT-VALUE}, for a fast start;",
                        "\"\" gives the JVM's own, which compute hot loops faster). BREVETTIAI_KERNEL_JAVA_OPTS overrides them when set."})
        String javaOpts;

        @Override
        public Integer call() throws IOException {
            Path kernels = where == null || where.user ? KernelInstaller.userKernels()
                    : where.prefix != null ? KernelInstaller.prefixKernels(where.prefix)
                    : KernelInstaller.sysPrefixKernels();
            Path dir = new KernelInstaller(projectRoot(), javaOpts).install(kernels);
            System.out.println("Installed the kernelspec " + KernelInstaller.NAME + " in " + dir);
            if (where != null && where.prefix != null && !KernelInstaller.onDefaultPath(kernels)) {
                System.out.println("Jupyter finds it with: export JUPYTER_PATH=" + kernels.getParent());
            }
            if (KernelInstaller.onPath("jupyter").isEmpty()) {
                System.out.println("(jupyter is not on the PATH here; Debian: apt-get install jupyter-notebook or jupyter-nbconvert)");
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Runs the kernel on a Jupyter connection file (what the kernelspec starts).")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONNECTION_FILE", description = "The connection file Jupyter wrote.")
        Path connectionFile;

        @Override
        public Integer call() {
            return KernelMain.run(connectionFile, System.err);
        }
    }
}
