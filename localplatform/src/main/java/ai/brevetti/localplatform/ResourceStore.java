package ai.brevetti.localplatform;

import ai.brevetti.internal.Json;
import ai.brevetti.localplatform.ProjectRecord.ApplicationRecord;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local platform's records besides jobs, datasets and tags, as JSON files under {@code platform/}
 * (written whole or not at all through {@link PlatformStore#write}):
 *
 * <pre>
 * projects/&lt;id&gt;.json            a project with its applications
 * devices/&lt;id&gt;.json             devices (none is made here: no device connects to a local platform)
 * sftp/&lt;dataset id&gt;.json        the dataset's SFTP users (public keys only)
 * permissions/&lt;dataset id&gt;.json the permissions granted on the dataset
 * </pre>
 */
final class ResourceStore {
    private final PlatformStore store;

    ResourceStore(PlatformStore store) {
        this.store = store;
    }

    // ---- projects and applications

    /** An application and the project it is in. */
    record Located(ProjectRecord project, ApplicationRecord application) {
    }

    synchronized ProjectRecord createProject(String name, String description) {
        ProjectRecord project = new ProjectRecord(UUID.randomUUID().toString(), name, description, PlatformStore.now(), List.of());
        saveProject(project);
        return project;
    }

    List<ProjectRecord> projects() {
        return PlatformStore.all(store.records("projects"), ProjectRecord.class);
    }

    Optional<ProjectRecord> project(String id) {
        return PlatformStore.read(store.records("projects").resolve(PlatformStore.safe(id) + ".json"), ProjectRecord.class);
    }

    synchronized ApplicationRecord createApplication(ProjectRecord project, String name, String description, List<String> trainingDatasetIds,
                                                     List<String> testDatasetIds) {
        ApplicationRecord application = new ApplicationRecord(UUID.randomUUID().toString(), name, description, PlatformStore.now(),
                1, trainingDatasetIds, testDatasetIds);
        ProjectRecord current = project(project.id()).orElse(project);
        List<ApplicationRecord> applications = new ArrayList<>(current.applications());
        applications.add(application);
        saveProject(new ProjectRecord(current.id(), current.name(), current.description(), current.created(), applications));
        return application;
    }

    Optional<Located> application(String id) {
        for (ProjectRecord p : projects()) {
            for (ApplicationRecord a : p.applications()) {
                if (a.id().equals(id)) {
                    return Optional.of(new Located(p, a));
                }
            }
        }
        return Optional.empty();
    }

    /** Adds a dataset to an application's training datasets (a dataset created in it). */
    synchronized void addTrainingDataset(String applicationId, String datasetId) {
        Located at = application(applicationId).orElseThrow(() -> new PlatformError(404, "No application " + applicationId));
        List<ApplicationRecord> applications = new ArrayList<>();
        for (ApplicationRecord a : at.project().applications()) {
            if (a.id().equals(applicationId)) {
                List<String> training = new ArrayList<>(a.trainingDatasetIds());
                training.add(datasetId);
                a = new ApplicationRecord(a.id(), a.name(), a.description(), a.created(), a.type(), training, a.testDatasetIds());
            }
            applications.add(a);
        }
        ProjectRecord p = at.project();
        saveProject(new ProjectRecord(p.id(), p.name(), p.description(), p.created(), applications));
    }

    private void saveProject(ProjectRecord project) {
        store.write(store.records("projects").resolve(PlatformStore.safe(project.id()) + ".json"), Json.writePretty(project));
    }

    // ---- devices: read as they are (any fields)

    List<Map<String, Object>> devices() {
        Path folder = store.records("devices");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Path p : list.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(Json.parseObject(Files.readString(p)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the devices in " + folder + ": " + e.getMessage(), e);
        }
    }

    Optional<Map<String, Object>> device(String id) {
        String safe = PlatformStore.safe(id);
        return devices().stream().filter(d -> safe.equals(d.get("id"))).findFirst();
    }

    // ---- SFTP users

    /**
     * An SFTP user of a dataset as kept: its public key only (the private key is given once, at creation).
     *
     * @param userName login name
     * @param folder the folder it reaches (the dataset's id)
     * @param publicKey its public key (OpenSSH format)
     * @param created creation time
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SftpRecord(String userName, String folder, String publicKey, String created) {
    }

    List<SftpRecord> sftpUsers(String datasetId) {
        return readList(store.records("sftp").resolve(PlatformStore.safe(datasetId) + ".json"), new TypeReference<List<SftpRecord>>() {});
    }

    synchronized void addSftpUser(String datasetId, SftpRecord user) {
        List<SftpRecord> users = new ArrayList<>(sftpUsers(datasetId));
        users.add(user);
        store.write(store.records("sftp").resolve(PlatformStore.safe(datasetId) + ".json"), Json.writePretty(users));
    }

    /** Removes a dataset's SFTP user; false when it has none of that name. */
    synchronized boolean deleteSftpUser(String datasetId, String userName) {
        List<SftpRecord> users = new ArrayList<>(sftpUsers(datasetId));
        if (!users.removeIf(u -> u.userName().equals(userName))) {
            return false;
        }
        store.write(store.records("sftp").resolve(PlatformStore.safe(datasetId) + ".json"), Json.writePretty(users));
        return true;
    }

    // ---- dataset permissions

    /**
     * A permission granted on a dataset.
     *
     * @param userId the user it is granted to
     * @param permissionType the role ({@code Viewer}, {@code Editor}, {@code Owner})
     * @param granted when
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PermissionRecord(String userId, String permissionType, String granted) {
    }

    List<PermissionRecord> permissions(String datasetId) {
        return readList(store.records("permissions").resolve(PlatformStore.safe(datasetId) + ".json"),
                new TypeReference<List<PermissionRecord>>() {});
    }

    /** Grants a permission on a dataset, replacing the user's earlier one. */
    synchronized void grant(String datasetId, PermissionRecord permission) {
        List<PermissionRecord> all = new ArrayList<>(permissions(datasetId));
        all.removeIf(p -> p.userId().equals(permission.userId()));
        all.add(permission);
        store.write(store.records("permissions").resolve(PlatformStore.safe(datasetId) + ".json"), Json.writePretty(all));
    }

    private static <T> List<T> readList(Path file, TypeReference<List<T>> type) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<T> list = Json.mapper().readValue(Files.readString(file), type);
            return list == null ? List.of() : list;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the platform record " + file + ": " + e.getMessage(), e);
        }
    }
}
