package ai.brevetti.cli;

import ai.brevetti.platform.ApiKeyStore;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brevettiai report create|list|get}: test reports (jobs testing a model) on a platform. */
@Command(name = "report", description = "Creates, lists and shows test reports of models on a platform.", mixinStandardHelpOptions = true,
        subcommands = {ReportCommand.Create.class, ReportCommand.ListReports.class, ReportCommand.Get.class})
final class ReportCommand {

    @Command(name = "create", description = {"Creates a test report of a completed model, on datasets (the model's by default).",
            "Its API key is saved like a model's."}, mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Option(names = "--model", required = true, description = "The model to test.")
        String model;

        @Option(names = "--dataset", description = "A dataset id (repeat for several).")
        List<String> datasets = new ArrayList<>();

        @Override
        public Integer call() {
            PlatformApi api = PlatformApi.connect(host.host());
            Report report = api.createTestReport(model, datasets);
            ApiKeyStore store = ApiKeyStore.forUser(System.getenv());
            store.save(report.id(), report.apiKey());
            System.out.println("Test report created: " + report.id());
            System.out.println("  api key: saved in " + store.file());
            System.out.println("Run a test-report job on it:");
            System.out.println("  bin/brevettiai run JOB.jsh --test_id " + report.id() + " --host " + api.host());
            return 0;
        }
    }

    @Command(name = "list", description = "Lists the test reports with the model each tests and their state.", mixinStandardHelpOptions = true)
    static final class ListReports implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Override
        public Integer call() {
            for (Report r : PlatformApi.connect(host.host()).getReports()) {
                System.out.println(r.id() + "  " + r.name() + "  of " + r.parentId().orElse("-") + "  "
                        + ModelCommand.state(r.completed(), r.failed(), r.failure()));
            }
            return 0;
        }
    }

    @Command(name = "get", description = "Shows a test report: its model, datasets, state and page.", mixinStandardHelpOptions = true)
    static final class Get implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Parameters(paramLabel = "ID", description = "The test report's id.")
        String id;

        @Override
        public Integer call() {
            PlatformApi api = PlatformApi.connect(host.host());
            Report r = api.getReport(id);
            System.out.println("Test report '" + r.name() + "' (" + r.id() + ")");
            System.out.println("  model:     " + r.parentId().orElse("-") + (r.parentName().isEmpty() ? "" : " (" + r.parentName() + ")"));
            System.out.println("  type:      " + r.reportTypeName() + " (" + r.reportTypeId() + ")");
            System.out.println("  datasets:  " + String.join(", ", r.datasetIds()));
            System.out.println("  created:   " + r.created());
            System.out.println("  state:     " + ModelCommand.state(r.completed(), r.failed(), r.failure()));
            System.out.println("  settings:  " + r.settings());
            System.out.println("  page:      " + r.page(api.host()));
            return 0;
        }
    }
}
