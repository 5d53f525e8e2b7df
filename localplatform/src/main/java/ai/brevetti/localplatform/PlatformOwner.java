package ai.brevetti.localplatform;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The local platform's one user: whoever holds its access token. Every dataset, model, project and device
 * on it is theirs. The one place that says who it is ({@code GET /api/manage/index}, the user a dataset
 * permission may name): a default made from the system's user name, with a stable id.
 *
 * @param id user id (the same on every start, for the same system user)
 * @param username user name
 * @param email e-mail address ({@code <name>@localhost})
 * @param firstName first name (the user name)
 * @param lastName last name (empty)
 */
record PlatformOwner(String id, String username, String email, String firstName, String lastName) {

    /** The platform's user. */
    static PlatformOwner current() {
        String name = System.getProperty("user.name", "local").strip();
        if (name.isEmpty()) {
            name = "local";
        }
        String id = UUID.nameUUIDFromBytes(("brevettiai local user " + name).getBytes(StandardCharsets.UTF_8)).toString();
        return new PlatformOwner(id, name, name + "@localhost", name, "");
    }
}
