package ai.brevetti.cli;

import ai.brevetti.platform.AnnotationFolder;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.DatasetFolder;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.Tag;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brevettiai dataset create|list|update}. */
@Command(name = "dataset", description = "Creates, lists and updates datasets on a platform.", mixinStandardHelpOptions = true,
        subcommands = {DatasetCommand.Create.class, DatasetCommand.ListDatasets.class, DatasetCommand.Update.class})
final class DatasetCommand {

    @Command(name = "create", description = "Creates a dataset from a local folder of images (sub-folders are kept), and its annotations.",
            mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Option(names = "--name", required = true, description = "The dataset's name.")
        String name;

        @Option(names = "--folder", required = true, description = "The local folder to upload.")
        Path folder;

        @Option(names = "--reference", description = "A free-text reference.")
        String reference = "";

        @Option(names = "--annotations", paramLabel = "DIR", description = "A local folder of annotation files to upload into the"
                + " dataset's .annotations/: <image path>.json or <image path>/<name>.json per annotated image.")
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

    @Command(name = "update", description = {"Changes a dataset's name, reference, notes, tags or lock; what you do not give is kept.",
            "A locked dataset's files cannot be changed."}, mixinStandardHelpOptions = true)
    static final class Update implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Parameters(paramLabel = "ID", description = "The dataset's id.")
        String id;

        @Option(names = "--name", description = "The new name.")
        String name;

        @Option(names = "--reference", description = "The new reference.")
        String reference;

        @Option(names = "--notes", description = "The new notes.")
        String notes;

        @Option(names = "--tag", description = "A tag id (repeat for several; replaces the dataset's tags).")
        List<String> tags;

        @Option(names = "--locked", negatable = true, description = "Lock the dataset (--no-locked unlocks it).")
        Boolean locked;

        @Override
        public Integer call() {
            if (name != null && name.isBlank()) {
                System.err.println("brevettiai dataset update: --name is empty; give the dataset a name, or leave --name out to keep it");
                return 2;
            }
            PlatformApi api = PlatformApi.connect(host.host());
            Dataset d = api.getDataset(id);
            Dataset updated = api.updateDataset(id, name == null ? d.name() : name, reference == null ? d.reference() : reference,
                    notes == null ? d.notes() : notes, tags == null ? d.tags().stream().map(Tag::id).toList() : tags,
                    locked == null ? d.locked() : locked);
            System.out.println("Dataset '" + updated.name() + "' (" + updated.id() + ") updated" + (updated.locked() ? "; locked" : ""));
            return 0;
        }
    }
}
