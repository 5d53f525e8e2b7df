package ai.brevetti.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application of a {@link Project} (Python's {@code api.Application}): its models and its training and
 * test datasets. Read tolerantly: fields the platform adds are ignored, missing ones get their defaults.
 *
 * @param id application id
 * @param name name
 * @param description description
 * @param created creation time
 * @param type its kind: {@link #CLASSIFICATION} or {@link #GENERIC} (-1 when not given)
 * @param thumbnailData its picture as the platform sends it, if any
 * @param modelIds its models
 * @param starredModelIds the models marked as its best
 * @param trainingDatasetIds the datasets its models train on
 * @param testDatasetIds the datasets its models are tested on
 */
public record Application(String id, String name, String description, String created, int type, Optional<String> thumbnailData,
                          List<String> modelIds, List<String> starredModelIds, List<String> trainingDatasetIds,
                          List<String> testDatasetIds) {
    /** A generic application's {@code type}. */
    public static final int GENERIC = 0;
    /** A classification application's {@code type}. */
    public static final int CLASSIFICATION = 1;

    public Application {
        modelIds = List.copyOf(modelIds);
        starredModelIds = List.copyOf(starredModelIds);
        trainingDatasetIds = List.copyOf(trainingDatasetIds);
        testDatasetIds = List.copyOf(testDatasetIds);
    }

    /** An application from the platform's JSON object. */
    public static Application fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new Application(f.text("id"), f.text("name"), f.text("description"), f.text("created"), f.integer("type"),
                f.optional("thumbnailData"), f.strings("modelIds"), f.strings("starredModelIds"), f.strings("trainingDatasetIds"),
                f.strings("testDatasetIds"));
    }
}
