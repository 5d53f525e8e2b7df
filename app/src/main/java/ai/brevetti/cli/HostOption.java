package ai.brevetti.cli;

import picocli.CommandLine.Option;

/** {@code --host}: the platform to talk to (the local one by default). */
final class HostOption {
    static final String LOCAL = "http://127.0.0.1:8800";

    @Option(names = "--host", description = "The platform (default: $BREVETTIAI_HOST_NAME, else " + LOCAL + ").")
    String host;

    String host() {
        if (host != null && !host.isBlank()) {
            return host;
        }
        String env = System.getenv("BREVETTIAI_HOST_NAME");
        return env != null && !env.isBlank() ? env : LOCAL;
    }
}
