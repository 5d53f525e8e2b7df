package ai.brevetti.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device models are deployed to (Python's {@code api.Device}). Its applications, datasets, deployments
 * and configurations are kept as the platform sends them (plain JSON values: maps, lists, text). Read
 * tolerantly: fields the platform adds are ignored, missing ones get their defaults.
 *
 * @param id device id
 * @param name name
 * @param created creation time
 * @param firmwareVersion its firmware's version
 * @param tagIds its tags
 * @param applications its applications, as sent
 * @param datasets its datasets, as sent
 * @param deployments its deployments, as sent
 * @param actualConfiguration the configuration it reports, if any
 * @param desiredConfiguration the configuration it should have, if any
 * @param password its password (masked when printed)
 */
public record Device(String id, String name, String created, String firmwareVersion, List<String> tagIds,
                     List<Object> applications, List<Object> datasets, List<Object> deployments,
                     Optional<Object> actualConfiguration, Optional<Object> desiredConfiguration, Secret password) {

    public Device {
        tagIds = List.copyOf(tagIds);
        applications = List.copyOf(applications);
        datasets = List.copyOf(datasets);
        deployments = List.copyOf(deployments);
    }

    /** A device from the platform's JSON object. */
    public static Device fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new Device(f.text("id"), f.text("name"), f.text("created"), f.text("firmwareVersion"), f.strings("tagIds"),
                values(f, "applications"), values(f, "datasets"), values(f, "deployments"), f.raw("actualConfiguration"),
                f.raw("desiredConfiguration"), f.secret("password"));
    }

    /** The non-null items of a JSON list (immutable copies need no nulls). */
    private static List<Object> values(JsonFields f, String key) {
        return f.raw(key).filter(v -> v instanceof List<?>).map(v -> ((List<?>) v).stream()
                .filter(java.util.Objects::nonNull).map(o -> (Object) o).toList()).orElse(List.of());
    }
}
