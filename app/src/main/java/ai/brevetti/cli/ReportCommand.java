package ai.brevetti.cli;

import ai.brevetti.platform.ApiKeyStore;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code brevettiai report create}: a test report (a job testing a model) on a platform. */
@Command(name = "report", description = "Creates test reports of models on a platform.", mixinStandardHelpOptions = true,
        subcommands = {ReportCommand.Create.class})
final class ReportCommand {

    @Command(name = "create", description = {"Creates a test report of a completed model, on datasets (the model's by default).",
            "Its API key is saved like a model's."}, mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Option(names = "--model", required = true, description = "the model to test")
        String model;

        @Option(names = "--dataset", description = "a dataset id (repeat for several)")
        List<String> datasets = new ArrayList<>();

        @Override
        public Integer call() {
            PlatformApi api = PlatformApi.connect(host.host());
            Model report = api.createTestReport(model, datasets);
            ApiKeyStore store = ApiKeyStore.forUser(System.getenv());
            store.save(report.id(), report.apiKey());
            System.out.println("Test report created: " + report.id());
            System.out.println("  api key: saved in " + store.file());
            System.out.println("Run a test-report job on it:");
            System.out.println("  bin/brevettiai run JOB.jsh --test_id " + report.id() + " --host " + api.host());
            return 0;
        }
    }
}
