package ai.brevetti.platform;

import ai.brevetti.data.samples.AnnotationJoin;
import ai.brevetti.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A local folder of annotation files to upload into a dataset's {@code .annotations/}, laid out by the
 * images' paths in the dataset folder: {@code <image path>/<name>.json} or {@code <image path>.json}
 * ({@link AnnotationJoin}). {@link #scan} checks it before anything is created or uploaded: the folder
 * exists, holds only {@code .json} files (hidden ones left out), each is JSON of the annotation file's
 * shape (an object with an {@code annotations} list, or a list), and at least one belongs to an image.
 *
 * @param folder the folder
 * @param files its annotation files, sorted
 * @param orphans those that belong to no image of the dataset folder (uploaded all the same, and reported)
 */
public record AnnotationFolder(Path folder, List<Path> files, List<Path> orphans) {

    public AnnotationFolder {
        files = List.copyOf(files);
        orphans = List.copyOf(orphans);
    }

    /** The annotation files of {@code folder} for the images of {@code images}; an {@link IllegalArgumentException} naming what is wrong. */
    public static AnnotationFolder scan(Path folder, DatasetFolder images) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("The annotation folder '" + folder + "' " + (Files.exists(folder) ? "is a file" : "does not exist")
                    + "; it holds one <image path>.json (or <image path>/<name>.json) per annotated image");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !hidden(folder.relativize(p))).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("Cannot list the annotation folder '" + folder + "': " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("The annotation folder '" + folder + "' is empty");
        }
        Set<String> imagePaths = new HashSet<>();
        for (Path image : images.files()) {
            imagePaths.add(relative(images.folder(), image));
        }
        List<Path> orphans = new java.util.ArrayList<>();
        for (Path file : files) {
            String rel = relative(folder, file);
            if (!rel.toLowerCase(Locale.ROOT).endsWith(".json")) {
                throw new IllegalArgumentException("'" + file + "' in the annotation folder is not a .json file; the folder holds"
                        + " one <image path>.json (or <image path>/<name>.json) per annotated image");
            }
            check(file);
            if (AnnotationJoin.imagesOf(rel).stream().noneMatch(imagePaths::contains)) {
                orphans.add(file);
            }
        }
        if (orphans.size() == files.size()) {
            throw new IllegalArgumentException("None of the " + files.size() + " files in the annotation folder '" + folder
                    + "' belongs to an image of '" + images.folder() + "' (e.g. '" + relative(folder, files.get(0))
                    + "'); the annotation of the image good/1.bmp is good/1.bmp.json or good/1.bmp/<name>.json");
        }
        return new AnnotationFolder(folder, files, orphans);
    }

    /** Refuses a file that is not JSON of an annotation file's shape, naming it. */
    private static void check(Path file) {
        Object json;
        try {
            json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The annotation file '" + file + "' is not valid JSON (" + Json.describe(e) + ")");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("Cannot read the annotation file '" + file + "': " + e.getMessage(), e);
        }
        if (!(json instanceof List<?>) && !(json instanceof Map<?, ?> m && m.get("annotations") instanceof List<?>)) {
            throw new IllegalArgumentException("The annotation file '" + file + "' is JSON but not an annotation file:"
                    + " expected {\"annotations\": [...]} or a list of entries");
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
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
