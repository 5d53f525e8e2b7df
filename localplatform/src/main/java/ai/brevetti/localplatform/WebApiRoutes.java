package ai.brevetti.localplatform;

import ai.brevetti.localplatform.ProjectRecord.ApplicationRecord;
import ai.brevetti.localplatform.ResourceStore.PermissionRecord;
import ai.brevetti.localplatform.ResourceStore.SftpRecord;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's web API beyond jobs and datasets (spec §8): model and report types and their settings
 * forms, stopping a training, dataset updates, permissions and SFTP users, single tags, projects and
 * applications, devices and the user's info. Every route is the user's (bearer token, {@link WebAccess})
 * but the settings forms, which are public as on the real platform.
 */
final class WebApiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
    /** The roles a dataset permission may give. */
    static final Set<String> PERMISSION_TYPES = Set.of("Viewer", "Editor", "Owner");

    private final PlatformStore store;
    private final ResourceStore resources;
    private final S3Server s3;
    private final Supplier<String> host;
    private final Function<DatasetRecord, Map<String, Object>> datasetJson;

    WebApiRoutes(PlatformStore store, ResourceStore resources, S3Server s3, Supplier<String> host,
                 Function<DatasetRecord, Map<String, Object>> datasetJson) {
        this.store = store;
        this.resources = resources;
        this.s3 = s3;
        this.host = host;
        this.datasetJson = datasetJson;
    }

    /** Registers the routes; call before {@code /api/models/{id}} is registered (a fixed path must match first). */
    void register(JavalinDefaultRoutingApi r) {
        r.get("/api/models/availabletypes", ctx -> ctx.json(JobTypes.modelTypes(host.get())));
        for (String mode : List.of("resources", "master")) {
            r.get("/api/" + mode + "/modeltypes", ctx -> ctx.json(JobTypes.modelTypes(host.get())));
            r.get("/api/" + mode + "/modeltypes/{id}", ctx -> ctx.json(JobTypes.modelType(host.get(), ctx.pathParam("id"))
                    .orElseThrow(() -> new PlatformError(404, "No model type " + ctx.pathParam("id") + " on this platform"))));
            r.get("/api/" + mode + "/reporttypes", ctx -> ctx.json(JobTypes.reportTypes(host.get())));
            r.get("/api/" + mode + "/reporttypes/{id}", ctx -> ctx.json(JobTypes.reportType(host.get(), ctx.pathParam("id"))
                    .orElseThrow(() -> new PlatformError(404, "No report type " + ctx.pathParam("id") + " on this platform"))));
        }
        r.get("/schemas/{name}", this::schema, WebAccess.Role.PUBLIC);
        r.post("/api/models/{id}/stop", this::stop);
        r.post("/api/data/{id}", this::updateDataset);
        r.post("/api/admin/datasets/{id}/permissions", this::grant);
        r.get("/api/data/{id}/sftp", this::sftpUsers);
        r.post("/api/data/{id}/sftp", this::createSftpUser);
        r.delete("/api/data/{id}/sftp/{userName}", this::deleteSftpUser);
        r.get("/api/resources/tags/{id}", ctx -> ctx.json(store.tag(PlatformStore.safe(ctx.pathParam("id")))
                .orElseThrow(() -> new PlatformError(404, "No tag " + ctx.pathParam("id") + " on this platform"))));
        r.delete("/api/resources/tags/{id}", this::deleteTag);
        r.get("/api/resources/projects", ctx -> ctx.json(resources.projects().stream().map(this::projectJson).toList()));
        r.post("/api/resources/projects", this::createProject);
        r.get("/api/resources/projects/{id}", ctx -> ctx.json(projectJson(project(ctx.pathParam("id")))));
        r.post("/api/resources/projects/{id}/applications", this::createApplication);
        r.get("/api/resources/projects/{id}/applications/{applicationId}/classification", this::application);
        r.get("/api/devices", ctx -> ctx.json(resources.devices()));
        r.get("/api/devices/{id}", ctx -> ctx.json(resources.device(ctx.pathParam("id"))
                .orElseThrow(() -> new PlatformError(404, "No device " + ctx.pathParam("id") + " on this platform"))));
        r.get("/api/manage/index", ctx -> ctx.json(userJson(PlatformOwner.current())));
    }

    // ---- lookups

    private ModelRecord job(String id) {
        return store.model(PlatformStore.safe(id)).orElseThrow(() -> new PlatformError(404, "No model " + id + " on this platform"));
    }

    private DatasetRecord dataset(String id) {
        return store.dataset(PlatformStore.safe(id)).orElseThrow(() -> new PlatformError(404, "No dataset " + id + " on this platform"));
    }

    private ProjectRecord project(String id) {
        return resources.project(id).orElseThrow(() -> new PlatformError(404, "No project " + id + " on this platform"));
    }

    /** A field of a body by its name in any case (the platform's ASP.NET reads {@code Locked} as {@code locked}). */
    private static Object field(Map<String, Object> body, String name) {
        return body.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String requiredName(Map<String, Object> body, String what) {
        String name = Objects.toString(body.get("name"), "").strip();
        if (name.isEmpty()) {
            throw new PlatformError(400, what + " needs a \"name\"");
        }
        return name;
    }

    // ---- handlers

    private void schema(Context ctx) {
        String name = ctx.pathParam("name");
        ctx.contentType("application/json").result(JobTypes.schema(name)
                .orElseThrow(() -> new PlatformError(404, "No settings schema " + name + " on this platform")));
    }

    /** Stops a training: like a failure "Training stopped by the user", its writes revoked; a new run starts it again. */
    private void stop(Context ctx) {
        ModelRecord model = job(ctx.pathParam("id"));
        if (model.completed() != null) {
            throw new PlatformError(409, "Model " + model.id() + " completed at " + model.completed() + "; there is no training to stop");
        }
        ModelRecord stopped = model.withStopped(PlatformStore.now());
        store.save(stopped);
        s3.revokeWrites(model.id());
        LOG.info("Model {}: training stopped", model.id());
        ctx.json(JobJson.model(stopped, host.get()));
    }

    /** {@code POST /api/data/{id}} {@code {name, Reference, Notes, tagIds, Locked}}: fields not sent keep their values. */
    private void updateDataset(Context ctx) {
        DatasetRecord d = dataset(ctx.pathParam("id"));
        Map<String, Object> body = PlatformRoutes.body(ctx);
        String name = field(body, "name") == null ? d.name() : String.valueOf(field(body, "name")).strip();
        if (name.isEmpty()) {
            throw new PlatformError(400, "A dataset's \"name\" cannot be empty");
        }
        Object locked = field(body, "locked");
        if (locked != null && !(locked instanceof Boolean)) {
            throw new PlatformError(400, "\"Locked\" must be true or false, not " + ai.brevetti.internal.Json.write(locked));
        }
        DatasetRecord updated = d.updated(name, field(body, "reference") == null ? d.reference() : String.valueOf(field(body, "reference")),
                field(body, "notes") == null ? d.notes() : String.valueOf(field(body, "notes")),
                field(body, "tagIds") == null ? d.tagIds() : PlatformRoutes.strings(field(body, "tagIds")),
                locked == null ? d.locked() : (Boolean) locked);
        store.save(updated);
        ctx.json(datasetJson.apply(updated));
    }

    /**
     * {@code {groupId, userId, resourceId, objectType, permissionType}}: the platform's one user may be given a
     * role; there are no other users and no groups here (404 naming them).
     */
    private void grant(Context ctx) {
        DatasetRecord d = dataset(ctx.pathParam("id"));
        Map<String, Object> body = PlatformRoutes.body(ctx);
        Object resource = body.get("resourceId");
        if (resource != null && !d.id().equals(String.valueOf(resource))) {
            throw new PlatformError(400, "\"resourceId\" " + resource + " is not the dataset of the URL, " + d.id());
        }
        if (body.get("groupId") != null) {
            throw new PlatformError(404, "No group " + body.get("groupId") + " on this platform: the local platform has no groups");
        }
        PlatformOwner user = PlatformOwner.current();
        String userId = Objects.toString(body.get("userId"), "");
        if (!user.id().equals(userId)) {
            throw new PlatformError(userId.isEmpty() ? 400 : 404, (userId.isEmpty() ? "A permission needs a \"userId\"" : "No user " + userId
                    + " on this platform") + "; the local platform has one user, " + user.id() + " (GET /api/manage/index)");
        }
        String type = Objects.toString(body.get("permissionType"), "Editor");
        if (!PERMISSION_TYPES.contains(type)) {
            throw new PlatformError(400, "\"permissionType\" must be one of " + new java.util.TreeSet<>(PERMISSION_TYPES) + ", not " + type);
        }
        resources.grant(d.id(), new PermissionRecord(userId, type, PlatformStore.now()));
        ctx.status(204);
    }

    private void sftpUsers(Context ctx) {
        DatasetRecord d = dataset(ctx.pathParam("id"));
        ctx.json(resources.sftpUsers(d.id()).stream().map(u -> sftpJson(u, null)).toList());
    }

    /**
     * A new SFTP user of the dataset: a key pair made here, the public key kept, the private key in this answer
     * only. No SFTP server runs on the local platform (decision 48): the record and its lifecycle are the
     * platform's; upload with {@code bin/brevettiai dataset create} or S3 instead.
     */
    private void createSftpUser(Context ctx) {
        DatasetRecord d = dataset(ctx.pathParam("id"));
        if (d.locked()) {
            throw new PlatformError(409, "Dataset " + d.id() + " is locked: unlock it (POST /api/data/" + d.id() + " {\"Locked\": false}) to give write access");
        }
        String userName = "sftp-" + d.id().substring(0, Math.min(8, d.id().length())).toLowerCase(java.util.Locale.ROOT) + "-" + S3Server.token(4);
        SftpKeys keys = SftpKeys.generate(userName);
        SftpRecord user = new SftpRecord(userName, d.id(), keys.publicKey(), PlatformStore.now());
        resources.addSftpUser(d.id(), user);
        LOG.info("Dataset {}: SFTP user {} created", d.id(), userName);
        ctx.status(201).json(sftpJson(user, keys.privateKeyPem()));
    }

    private void deleteSftpUser(Context ctx) {
        DatasetRecord d = dataset(ctx.pathParam("id"));
        String userName = ctx.pathParam("userName");
        if (!resources.deleteSftpUser(d.id(), userName)) {
            throw new PlatformError(404, "No SFTP user " + userName + " for dataset " + d.id());
        }
        ctx.status(204);
    }

    private static Map<String, Object> sftpJson(SftpRecord user, String privateKey) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("userName", user.userName());
        json.put("folder", user.folder());
        json.put("privateKey", privateKey);
        json.put("publicKey", user.publicKey());
        return json;
    }

    private void deleteTag(Context ctx) {
        String id = PlatformStore.safe(ctx.pathParam("id"));
        if (!store.deleteTag(id)) {
            throw new PlatformError(404, "No tag " + id + " on this platform");
        }
        ctx.status(204);
    }

    private void createProject(Context ctx) {
        Map<String, Object> body = PlatformRoutes.body(ctx);
        ProjectRecord project = resources.createProject(requiredName(body, "A project"), Objects.toString(body.get("description"), ""));
        ctx.status(201).json(projectJson(project));
    }

    private void createApplication(Context ctx) {
        ProjectRecord project = project(ctx.pathParam("id"));
        Map<String, Object> body = PlatformRoutes.body(ctx);
        String name = requiredName(body, "An application");
        List<String> training = PlatformRoutes.strings(body.get("trainingDatasetIds"));
        List<String> test = PlatformRoutes.strings(body.get("testDatasetIds"));
        for (String id : concat(training, test)) {
            if (store.dataset(PlatformStore.safe(id)).isEmpty()) {
                throw new PlatformError(400, "No dataset " + id + " on this platform; create it first");
            }
        }
        ApplicationRecord application = resources.createApplication(project, name, Objects.toString(body.get("description"), ""),
                training, test);
        ctx.status(201).json(applicationJson(application));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void application(Context ctx) {
        ProjectRecord project = project(ctx.pathParam("id"));
        String id = ctx.pathParam("applicationId");
        ApplicationRecord application = project.applications().stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new PlatformError(404, "No application " + id + " in project " + project.id()));
        ctx.json(applicationJson(application));
    }

    // ---- answers

    private Map<String, Object> projectJson(ProjectRecord p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("name", p.name());
        json.put("description", p.description());
        json.put("created", p.created());
        json.put("thumbnailData", null);
        json.put("applications", p.applications().stream().map(this::applicationJson).toList());
        return json;
    }

    /** An application; its models are those created with its id. */
    private Map<String, Object> applicationJson(ApplicationRecord a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id());
        json.put("name", a.name());
        json.put("description", a.description());
        json.put("created", a.created());
        json.put("type", a.type());
        json.put("thumbnailData", null);
        json.put("modelIds", store.models().stream().filter(m -> !m.isReport() && a.id().equals(m.applicationId()))
                .map(ModelRecord::id).toList());
        json.put("starredModelIds", List.of());
        json.put("trainingDatasetIds", a.trainingDatasetIds());
        json.put("testDatasetIds", a.testDatasetIds());
        return json;
    }

    /** The user and their permissions: owner of everything here, a dataset's role as last granted to them. */
    private Map<String, Object> userJson(PlatformOwner user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("username", user.username());
        json.put("email", user.email());
        json.put("firstName", user.firstName());
        json.put("lastName", user.lastName());
        json.put("phoneNumber", null);
        json.put("apiKey", null);
        json.put("plan", "local");
        json.put("isAdmin", true);
        json.put("isAdminOrPowerUser", true);
        json.put("isEmailConfirmed", false);
        json.put("hasPassword", false);
        json.put("hasAccessToMasterMode", true);
        json.put("acceptsTransactionalEmails", false);
        json.put("mustAuthenticateExternally", false);
        json.put("statusMessage", null);
        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("datasets", store.datasets().stream().map(d -> permission(d.id(), resources.permissions(d.id()).stream()
                .filter(p -> p.userId().equals(user.id())).map(PermissionRecord::permissionType).reduce((a, b) -> b).orElse("Owner"))).toList());
        permissions.put("devices", resources.devices().stream().map(d -> permission(String.valueOf(d.get("id")), "Owner")).toList());
        permissions.put("models", store.models().stream().map(m -> permission(m.id(), "Owner")).toList());
        permissions.put("projects", resources.projects().stream().map(p -> permission(p.id(), "Owner")).toList());
        json.put("permissions", permissions);
        return json;
    }

    private static Map<String, Object> permission(String id, String role) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("role", role);
        json.put("granted", true);
        json.put("byGroup", false);
        return json;
    }

    /** A dataset created in an application: 400 for an application this platform does not have. */
    void checkApplication(String applicationId) {
        if (applicationId != null && resources.application(PlatformStore.safe(applicationId)).isEmpty()) {
            throw new PlatformError(400, "No application " + applicationId + " on this platform; create it first (GET /api/resources/projects lists them)");
        }
    }

    /** Adds a new dataset to its application's training datasets. */
    void addToApplication(String applicationId, String datasetId) {
        resources.addTrainingDataset(applicationId, datasetId);
    }
}
