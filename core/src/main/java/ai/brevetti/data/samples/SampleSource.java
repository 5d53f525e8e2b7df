package ai.brevetti.data.samples;

import ai.brevetti.io.IoTools;
import java.util.Map;

/**
 * Where {@link ImageSamples} lists images from: a dataset's identity, its root folder and the storage it is
 * read through. The platform's {@code Dataset} is one; the samples package knows no more of it than this.
 */
public interface SampleSource {

    /**
     * Where a dataset keeps what is not an image, by mode (Python's {@code DATASET_LOCATIONS}): its
     * annotations, meta data and sample files in hidden folders at its root, the images at the root itself.
     */
    Map<String, String> DATASET_LOCATIONS = Map.of("annotations", ".annotations", "meta", ".meta", "samples", ".samples", "data", "");

    /** The dataset's id (the {@code dataset_id} column). */
    String id();

    /** The dataset's name (the {@code dataset} column). */
    String name();

    /** The root location the images are listed under, without a trailing '/' (the {@code bucket} column). */
    String bucket();

    /** The dataset's reference, empty when it has none (the {@code reference} column, "N/A" then). */
    String reference();

    /** The storage the images are read through. */
    IoTools io();

    /** The dataset's page (logged when listing). */
    String getUri();

    /** A download link of one of its files (the {@code url} column). */
    String getSampleUri(String path);

    /**
     * A location in the dataset (Python's {@code get_location(mode, *path)}): its root ({@code "data"}) or
     * one of its hidden folders ({@code "annotations"}, {@code "meta"}, {@code "samples"}), joined with
     * {@code path}. Each part may hold '/'-separated folders; parts that would leave the dataset ({@code ..},
     * {@code .}, an empty folder name, a backslash) are refused.
     *
     * @throws IllegalArgumentException for an unknown mode or a path leaving the dataset
     */
    default String getLocation(String mode, String... path) {
        String folder = DATASET_LOCATIONS.get(mode);
        if (folder == null) {
            throw new IllegalArgumentException("Unknown dataset location '" + mode + "'; use one of "
                    + new java.util.TreeSet<>(DATASET_LOCATIONS.keySet()));
        }
        String[] parts = new String[path.length + 1];
        parts[0] = folder;
        for (int i = 0; i < path.length; i++) {
            parts[i + 1] = RelativePaths.require(path[i], "Dataset '" + name() + "': the path");
        }
        return IoTools.join(bucket(), parts);
    }
}
