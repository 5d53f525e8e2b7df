package ai.brevetti.cli;

import ai.brevetti.platform.AnnotationFolder;
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

    @Command(name = "create", description = "Creates a dataset from a local folder of images (sub-folders are kept), and its annotations.",
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

        @Option(names = "--annotations", paramLabel = "DIR", description = "a local folder of annotation files to upload into the"
                + " dataset's .annotations/: <image path>.json or <image path>/<name>.json per annotated image")
        Path annotations;

        @Override
        public Integer call() {
            DatasetFolder local;
            try {
                local = DatasetFolder.scan(folder);
            } catch (IllegalArgumentException e) {
                System.err.println("brevettiai dataset create: " + e.getMessage() + "; nothing was created (check --folder)");
                return 2;
            }
            AnnotationFolder annotated = null;
            if (annotations != null) {
                try {
                    annotated = AnnotationFolder.scan(annotations, local);
                } catch (IllegalArgumentException e) {
                    System.err.println("brevettiai dataset create: " + e.getMessage() + "; nothing was created (check --annotations)");
                    return 2;
                }
            }
            PlatformApi api = PlatformApi.connect(host.host());
            Dataset dataset = api.createDataset(name, reference, "", List.of());
            PlatformApi.Upload upload = api.uploadFolder(dataset, local.folder());
            System.out.println("Dataset '" + name + "' created: " + dataset.id());
            System.out.println("  " + upload.files() + " files (" + upload.bytes() + " bytes) uploaded to " + dataset.bucket());
            if (annotated != null) {
                PlatformApi.Upload notes = api.uploadAnnotations(dataset, annotated.folder(), local.folder());
                System.out.println("  " + notes.files() + " annotation files (" + notes.bytes() + " bytes) uploaded to "
                        + dataset.getLocation("annotations"));
                if (!annotated.orphans().isEmpty()) {
                    System.err.println("brevettiai dataset create: warning: " + annotated.orphans().size() + " annotation file"
                            + (annotated.orphans().size() == 1 ? " belongs" : "s belong") + " to no image of --folder (e.g. '"
                            + annotated.folder().relativize(annotated.orphans().get(0)) + "'); uploaded, but no image joins them");
                }
            }
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
