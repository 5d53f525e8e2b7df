package ai.brevetti.cli;

import ai.brevetti.platform.FileEntry;
import ai.brevetti.platform.PlatformApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code brevettiai artifacts list|download}: the files a model's or test report's job saved. */
@Command(name = "artifacts", description = "Lists and downloads the artifacts of a model or test report.", mixinStandardHelpOptions = true,
        subcommands = {ArtifactsCommand.ListArtifacts.class, ArtifactsCommand.Download.class})
final class ArtifactsCommand {

    /** Whose artifacts: a model's or a report's. */
    static final class Owner {
        @Option(names = "--model", required = true, description = "The model's id.")
        String model;

        @Option(names = "--report", required = true, description = "The test report's id.")
        String report;

        List<FileEntry> list(PlatformApi api, String prefix, boolean recursive) {
            return model != null ? api.getArtifacts(api.getModel(model), prefix, recursive)
                    : api.getArtifacts(api.getReport(report), prefix, recursive);
        }

        String id() {
            return model != null ? model : report;
        }
    }

    @Command(name = "list", description = "Lists the files and folders under a prefix of the artifacts (folders end with '/').",
            mixinStandardHelpOptions = true)
    static final class ListArtifacts implements Callable<Integer> {
        @Mixin
        HostOption host;

        @ArgGroup(multiplicity = "1")
        Owner owner;

        @Option(names = "--prefix", description = "The folder to list, such as pivot/ (default: all of them).")
        String prefix = "";

        @Option(names = "--recursive", description = "List every file below the prefix.")
        boolean recursive;

        @Override
        public Integer call() {
            List<FileEntry> entries = owner.list(PlatformApi.connect(host.host()), prefix, recursive);
            for (FileEntry e : entries) {
                System.out.println(e.isFolder() ? String.format("%12s  %s/", "", e.name()) : String.format("%12d  %s", e.size(), e.name()));
            }
            System.out.println(entries.size() + " entries under artifacts/" + prefix);
            return 0;
        }
    }

    @Command(name = "download", description = {"Downloads every file under a prefix of the artifacts into a folder, keeping sub-folders.",
            "Each file is named as the platform names it (Content-Disposition)."}, mixinStandardHelpOptions = true)
    static final class Download implements Callable<Integer> {
        @Mixin
        HostOption host;

        @ArgGroup(multiplicity = "1")
        Owner owner;

        @Option(names = "--prefix", description = "The folder to download, such as pivot/ (default: all of them).")
        String prefix = "";

        @Option(names = "--to", description = "The folder to write to (default: a folder named after the id).")
        Path to;

        @Override
        public Integer call() throws Exception {
            Path target = (to == null ? Path.of(owner.id()) : to).toAbsolutePath().normalize();
            if (Files.exists(target) && !Files.isDirectory(target)) {
                System.err.println("brevettiai artifacts download: --to " + target + " is a file; give a folder (it is made when missing)");
                return 2;
            }
            PlatformApi api = PlatformApi.connect(host.host());
            List<FileEntry> files = owner.list(api, prefix, true);
            Files.createDirectories(target);
            long bytes = 0;
            int written = 0;
            for (FileEntry f : files) {
                Path folder = target.resolve(parentOf(f.name())).normalize();
                if (!folder.startsWith(target) || f.link().isEmpty()) {
                    System.err.println("brevettiai artifacts download: skipped '" + f.name() + "': "
                            + (f.link().isEmpty() ? "the platform gives no link to it" : "its name leaves the folder"));
                    continue;
                }
                Files.createDirectories(folder);
                Path file = api.downloadUrl(f.link(), folder);
                bytes += Files.size(file);
                written++;
                System.out.println(target.relativize(file));
            }
            System.out.println(written + " files (" + bytes + " bytes) downloaded to " + target
                    + (written < files.size() ? "; " + (files.size() - written) + " skipped" : ""));
            return written < files.size() ? 1 : 0;
        }

        private static String parentOf(String name) {
            int slash = name.lastIndexOf('/');
            return slash < 0 ? "" : name.substring(0, slash);
        }
    }
}
