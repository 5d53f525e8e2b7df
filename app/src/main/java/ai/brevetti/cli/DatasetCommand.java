package ai.brevetti.cli;

import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.DatasetFolder;
import ai.brevetti.platform.PlatformApi;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code brevettiai dataset create|list}. */
@Command(name = "dataset", description = "Creates and lists datasets on a platform.", mixinStandardHelpOptions = true,
        subcommands = {DatasetCommand.Create.class, DatasetCommand.ListDatasets.class})
final class DatasetCommand {

    @Command(name = "create", description = "Creates a dataset from a local folder of images (sub-folders are kept).",
            mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Option(names = "--name", required = true, description = "the dataset's name")
        String name;

        @Option(names = "--folder", required = true, description = "the local folder to upload")
        Path folder;

        @Option(names = "--reference", description = "a free-text reference")
        String reference = "";

        @Override
        public Integer call() {
            DatasetFolder local;
            try {
                local = DatasetFolder.scan(folder);
            } catch (IllegalArgumentException e) {
                System.err.println("brevettiai dataset create: " + e.getMessage() + "; nothing was created (check --folder)");
                return 2;
            }
            PlatformApi api = PlatformApi.connect(host.host());
            Dataset dataset = api.createDataset(name, reference, "", List.of());
            PlatformApi.Upload upload = api.uploadFolder(dataset, local.folder());
            System.out.println("Dataset '" + name + "' created: " + dataset.id());
            System.out.println("  " + upload.files() + " files (" + upload.bytes() + " bytes) uploaded to " + dataset.bucket());
            System.out.println("  page: " + dataset.getUri(api.host()));
            return 0;
        }
    }

    @Command(name = "list", description = "Lists the datasets.", mixinStandardHelpOptions = true)
    static final class ListDatasets implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Override
        public Integer call() {
            for (Dataset d : PlatformApi.connect(host.host()).getDatasets()) {
                System.out.println(d.id() + "  " + d.name() + "  " + d.bucket());
            }
            return 0;
        }
    }
}
