package ai.brevetti.localplatform;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A project as the local platform keeps it ({@code platform/projects/<id>.json}) with its applications.
 *
 * @param id project id
 * @param name name
 * @param description description
 * @param created creation time
 * @param applications its applications
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ProjectRecord(String id, String name, String description, String created, List<ApplicationRecord> applications) {
    ProjectRecord {
        description = description == null ? "" : description;
        applications = applications == null ? List.of() : List.copyOf(applications);
    }

    /**
     * An application of a project. Its models are the models created with its id (not kept here).
     *
     * @param id application id
     * @param name name
     * @param description description
     * @param created creation time
     * @param type {@code 1}: classification (the only kind made here)
     * @param trainingDatasetIds the datasets its models train on (a dataset created with its id is added)
     * @param testDatasetIds the datasets its models are tested on
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApplicationRecord(String id, String name, String description, String created, int type, List<String> trainingDatasetIds,
                             List<String> testDatasetIds) {
        ApplicationRecord {
            description = description == null ? "" : description;
            trainingDatasetIds = trainingDatasetIds == null ? List.of() : List.copyOf(trainingDatasetIds);
            testDatasetIds = testDatasetIds == null ? List.of() : List.copyOf(testDatasetIds);
        }
    }
}
