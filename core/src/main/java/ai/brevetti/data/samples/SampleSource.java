package ai.brevetti.data.samples;

import ai.brevetti.io.IoTools;

/**
 * Where {@link ImageSamples} lists images from: a dataset's identity, its root folder and the storage it is
 * read through. The platform's {@code Dataset} is one; the samples package knows no more of it than this.
 */
public interface SampleSource {

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
}
