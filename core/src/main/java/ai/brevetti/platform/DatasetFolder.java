package ai.brevetti.platform;

import ai.brevetti.data.samples.ImageSamples;
import ai.brevetti.internal.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local folder to upload as a dataset: its files, hidden ones (a name part starting with '.') left out.
 * {@link #scan} refuses a folder that is missing, is a file, or holds no images (the file types
 * {@code getImageSamples} lists), before anything is created or uploaded.
 *
 * @param folder the folder
 * @param files its files to upload, sorted
 * @param images how many of them are images
 */
public record DatasetFolder(Path folder, List<Path> files, int images) {
    private static final Pattern IMAGE = Pattern.compile(ImageSamples.DEFAULT_FILTER);

    public DatasetFolder {
        files = List.copyOf(files);
    }

    /** The folder's files; an {@link IllegalArgumentException} naming the folder when it cannot be a dataset. */
    public static DatasetFolder scan(Path folder) {
        if (!Files.exists(folder)) {
            throw new IllegalArgumentException("The dataset folder '" + folder + "' does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("'" + folder + "' is a file; a dataset is made from a folder of images"
                    + " (one sub-folder per class)");
        }
        List<Path> files;
        try (Progress progress = Progress.start("Listing " + folder + " (files)", 0); Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !hidden(folder.relativize(p))).peek(p -> progress.step()).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("Cannot list the dataset folder '" + folder + "': " + e.getMessage(), e);
        }
        int images = (int) files.stream().filter(DatasetFolder::isImage).count();
        if (images == 0) {
            throw new IllegalArgumentException("The dataset folder '" + folder + "' holds no images (.bmp .png .jpg .jpeg .tif .tiff)"
                    + (files.isEmpty() ? ": it is empty" : ", only " + files.size() + " other file" + (files.size() == 1 ? "" : "s")
                    + " (" + folder.relativize(files.get(0)) + (files.size() > 1 ? ", …" : "") + ")")
                    + "; a dataset is a folder of images, one sub-folder per class");
        }
        return new DatasetFolder(folder, files, images);
    }

    static boolean isImage(Path file) {
        return IMAGE.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT)).find();
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
