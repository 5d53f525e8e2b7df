package ai.brevetti.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project and its applications (Python's {@code api.Project}). Read tolerantly: fields the platform adds
 * are ignored, missing ones get their defaults.
 *
 * @param id project id
 * @param name name
 * @param description description
 * @param created creation time
 * @param thumbnailData its picture as the platform sends it, if any
 * @param applications its applications
 */
public record Project(String id, String name, String description, String created, Optional<String> thumbnailData,
                      List<Application> applications) {

    public Project {
        applications = List.copyOf(applications);
    }

    /** A project from the platform's JSON object. */
    public static Project fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new Project(f.text("id"), f.text("name"), f.text("description"), f.text("created"), f.optional("thumbnailData"),
                f.objects("applications").stream().map(Application::fromMap).toList());
    }
}
