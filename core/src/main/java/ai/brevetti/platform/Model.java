package ai.brevetti.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A model as the platform's web API describes it.
 *
 * @param id model id (the job id of its training)
 * @param name name
 * @param apiKey the key its job authenticates with (masked when printed); empty but in the answer creating the model
 * @param settings its settings as JSON text
 * @param datasetIds the datasets it trains on
 * @param completed when its job completed, if it has
 * @param modelPath its model archive, relative to the job folder, once completed
 * @param parentId for a test report: the model it tests
 * @param failed when its job reported a failure (it ended without completing), if it did
 * @param failure that failure's message
 */
public record Model(String id, String name, Secret apiKey, String settings, List<String> datasetIds,
                    Optional<String> completed, Optional<String> modelPath, Optional<String> parentId,
                    Optional<String> failed, Optional<String> failure) {

    public Model {
        datasetIds = List.copyOf(datasetIds);
    }

    @SuppressWarnings("unchecked")
    static Model fromMap(Map<String, Object> json) {
        Object ids = json.get("datasetIds");
        return new Model(Objects.toString(json.get("id"), ""), Objects.toString(json.get("name"), ""),
                Secret.of(Objects.toString(json.get("apiKey"), "")), Objects.toString(json.get("settings"), "{}"),
                ids instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(),
                Optional.ofNullable(json.get("completed")).map(String::valueOf),
                Optional.ofNullable(json.get("modelPath")).map(String::valueOf),
                Optional.ofNullable(json.get("parentId")).map(String::valueOf),
                Optional.ofNullable(json.get("failed")).map(String::valueOf),
                Optional.ofNullable(json.get("failure")).map(String::valueOf));
    }

    /** The model's page: {@code {host}/models/{id}}. */
    public String page(String host) {
        return host + "/models/" + id;
    }
}
