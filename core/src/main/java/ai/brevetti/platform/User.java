package ai.brevetti.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user the web API acts for (Python's {@code api.User}, from {@code GET /api/manage/index}). Read
 * tolerantly: fields the platform adds are ignored, missing ones get their defaults.
 *
 * @param id user id (what {@link PlatformApi#updateDatasetPermission} takes)
 * @param username user name
 * @param email e-mail address
 * @param firstName first name
 * @param lastName last name
 * @param phoneNumber phone number, if given
 * @param apiKey the user's API key (masked when printed; empty when the platform sends none)
 * @param plan the user's plan, as the platform names it
 * @param isAdmin an administrator
 * @param isAdminOrPowerUser an administrator or power user
 * @param isEmailConfirmed the e-mail address is confirmed
 * @param hasPassword the user has a password (not only an external login)
 * @param hasAccessToMasterMode may use master mode (model and report types)
 * @param acceptsTransactionalEmails accepts e-mails about what happens
 * @param mustAuthenticateExternally must log in through another service
 * @param statusMessage a message to the user, if any
 * @param permissions what the user may do to which datasets, devices, models and projects
 */
public record User(String id, String username, String email, String firstName, String lastName, Optional<String> phoneNumber,
                   Secret apiKey, String plan, boolean isAdmin, boolean isAdminOrPowerUser, boolean isEmailConfirmed,
                   boolean hasPassword, boolean hasAccessToMasterMode, boolean acceptsTransactionalEmails,
                   boolean mustAuthenticateExternally, Optional<String> statusMessage, Permissions permissions) {

    /**
     * One permission on one resource.
     *
     * @param id the resource's id
     * @param role the role the user has on it ({@code Owner}, {@code Editor}, {@code Viewer}, …)
     * @param granted whether it is granted
     * @param byGroup whether it comes through a group
     */
    public record Permission(String id, String role, boolean granted, boolean byGroup) {
        static Permission fromMap(Map<String, ?> json) {
            JsonFields f = JsonFields.of(json);
            return new Permission(f.text("id"), f.text("role"), f.bool("granted"), f.bool("byGroup"));
        }
    }

    /**
     * The user's permissions by kind of resource.
     *
     * @param datasets on datasets
     * @param devices on devices
     * @param models on models
     * @param projects on projects
     */
    public record Permissions(List<Permission> datasets, List<Permission> devices, List<Permission> models, List<Permission> projects) {
        public Permissions {
            datasets = List.copyOf(datasets);
            devices = List.copyOf(devices);
            models = List.copyOf(models);
            projects = List.copyOf(projects);
        }

        static Permissions fromMap(Map<String, ?> json) {
            JsonFields f = JsonFields.of(json);
            return new Permissions(list(f, "datasets"), list(f, "devices"), list(f, "models"), list(f, "projects"));
        }

        private static List<Permission> list(JsonFields f, String key) {
            return f.objects(key).stream().map(Permission::fromMap).toList();
        }
    }

    /** A user from the platform's JSON object. */
    public static User fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new User(f.text("id"), f.text("username", "userName"), f.text("email"), f.text("firstName"), f.text("lastName"),
                f.optional("phoneNumber"), f.secret("apiKey"), f.text("plan"), f.bool("isAdmin"), f.bool("isAdminOrPowerUser"),
                f.bool("isEmailConfirmed"), f.bool("hasPassword"), f.bool("hasAccessToMasterMode"),
                f.bool("acceptsTransactionalEmails"), f.bool("mustAuthenticateExternally"), f.optional("statusMessage"),
                Permissions.fromMap(f.object("permissions")));
    }
}
