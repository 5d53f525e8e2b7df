package ai.brevetti.cli;

import ai.brevetti.demo.DemoSetup;
import ai.brevetti.kernel.ScriptRunner;
import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.platform.ApiKeyStore;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.DatasetFolder;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.PlatformTokens;
import ai.brevetti.platform.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code brevettiai demo}: the whole product on the embedded default. Starts the local platform (or uses the
 * one running at the default address), makes a dataset of synthetic vials (or uploads a folder), creates a
 * model, runs {@code examples/image_classifier.jsh} as its job, then a test report with
 * {@code examples/test_report.jsh}, and prints the pages to look at.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Trains and tests an image classifier on the local platform, end to end.",
                "It starts the platform, makes a dataset and a model, runs the training job and the test-report job, and prints the model page."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--folder", description = "Your own images (one folder per class) instead of synthetic vials.")
    Path folder;

    @Option(names = "--epochs", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 20;

    @Option(names = "--root", description = "The platform's folder when it is started here (default: $BREVETTIAI_PLATFORM_ROOT, else ~/.brevettiai/local-platform).")
    Path root;

    @Option(names = "--port", description = "The platform's port when it is started here (default: ${DEFAULT-VALUE}; 0: any).")
    int port = LocalPlatform.DEFAULT_PORT;

    @Option(names = "--keep", description = "Keep serving the platform after the demo, until Ctrl+C.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (folder != null) {
            try {
                DatasetFolder.scan(folder);
            } catch (IllegalArgumentException e) {
                System.err.println("brevettiai demo: " + e.getMessage() + " (check --folder)");
                return 2;
            }
        }
        LocalPlatform started = null;
        String host;
        if (root == null && port == LocalPlatform.DEFAULT_PORT && DemoSetup.answers(DemoSetup.DEFAULT_HOST)) {
            host = DemoSetup.DEFAULT_HOST;
            System.out.println("Using the local platform at " + host);
        } else {
            Path folderOfPlatform = root != null ? root : DemoSetup.defaultRoot();
            started = LocalPlatform.start(new LocalPlatform.Config(folderOfPlatform, "127.0.0.1", port, port == 0 ? 0 : port + 1,
                    LocalPlatform.DEFAULT_BUCKET));
            host = started.url();
            PlatformTokens.forUser(System.getenv()).save(host, started.accessToken());
            System.out.println("Started the local platform at " + host + " (data in " + started.root() + ")");
        }
        try {
            return run(host, start);
        } finally {
            if (started != null) {
                if (keep) {
                    System.out.println("Serving " + host + " until Ctrl+C. Log in to its pages with: bin/brevettiai platform link"
                            + (host.equals(DemoSetup.DEFAULT_HOST) ? "" : " --host " + host));
                    CountDownLatch forever = new CountDownLatch(1);
                    LocalPlatform platform = started;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        platform.close();
                        forever.countDown();
                    }));
                    forever.await();
                } else {
                    started.close();
                    System.out.println("The platform stopped with the demo; see its pages again with: bin/brevettiai platform"
                            + (root != null ? " --root " + root : "") + (port != LocalPlatform.DEFAULT_PORT && port != 0 ? " --port " + port : ""));
                }
            }
        }
    }

    private int run(String host, long start) throws Exception {
        PlatformApi api = PlatformApi.connect(host);
        ApiKeyStore keys = ApiKeyStore.forUser(System.getenv());
        Dataset dataset;
        if (folder != null) {
            dataset = api.createDataset(folder.getFileName().toString(), "", "", List.of());
            PlatformApi.Upload upload = api.uploadFolder(dataset, folder);
            System.out.println("Dataset '" + dataset.name() + "': " + upload.files() + " files uploaded");
        } else {
            dataset = DemoSetup.demoDataset(api);
            System.out.println("Dataset '" + dataset.name() + "' (synthetic vials: good, missing_cap, failed_cap; two views per vial)");
        }
        String name = "vials classifier " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        Model model = api.createModel(name, List.of(dataset.id()), Map.of("epochs", epochs), List.of());
        keys.save(model.id(), model.apiKey());
        System.out.println("Model '" + name + "': " + model.page(host));

        Path examples = Path.of(System.getProperty("brevettiai.home", ".")).resolve("examples");
        ScriptRunner runner = new ScriptRunner(System.err);
        int code = runner.run(examples.resolve("image_classifier.jsh"), List.of("--job_id", model.id(), "--host", host));
        if (code != 0) {
            System.err.println("brevettiai demo: the training job failed (exit code " + code + ")");
            return code;
        }
        // the report tests vials the model never saw: the held-out dataset (or, for a folder, the folder itself)
        Dataset testSet = folder != null ? dataset : DemoSetup.demoTestDataset(api);
        Report report = api.createTestReport(model.id(), List.of(testSet.id()));
        keys.save(report.id(), report.apiKey());
        code = runner.run(examples.resolve("test_report.jsh"), List.of("--test_id", report.id(), "--host", host));
        if (code != 0) {
            System.err.println("brevettiai demo: the test-report job failed (exit code " + code + ")");
            return code;
        }
        System.out.printf("%nDemo done in %.0f s.%n  model page:  %s%n  test report: %s%n", (System.nanoTime() - start) / 1e9,
                model.page(host), host + "/models/" + report.id());
        return 0;
    }
}
