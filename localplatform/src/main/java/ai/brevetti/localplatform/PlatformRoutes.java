package ai.brevetti.localplatform;

import ai.brevetti.interfaces.charts.VegaLiteCheck;
import ai.brevetti.internal.Json;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local platform's HTTP endpoints, in the real platform's URL layout. Who may call which is
 * {@link WebAccess}'s: job endpoints (role {@link WebAccess.Role#JOB}) authenticate here with the model's
 * API key ({@code ?key=}): a missing or wrong key gets 401 and nothing is written; the web API (models,
 * datasets, tags, status) needs the user's access token; pages and downloads ({@link WebAccess.Role#PAGE})
 * also take the login cookie. A model's API key is in no answer but the one that creates it
 * ({@link #jsonMapper()}), and a job's info.json is downloaded with its key masked.
 */
final class PlatformRoutes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);

    /** The longest failure message kept. */
    static final int MAX_FAILURE_CHARS = 10_000;

    private final PlatformStore store;
    private final S3Server s3;
    private final PlatformPages pages;
    private final JobGrants grants;
    private final WebApiRoutes webApi;
    private volatile String hostName = "";

    PlatformRoutes(PlatformStore store, S3Server s3) {
        this.store = store;
        this.s3 = s3;
        this.grants = new JobGrants(store, s3);
        this.pages = new PlatformPages(store, s3, () -> hostName);
        this.webApi = new WebApiRoutes(store, new ResourceStore(store), s3, () -> hostName, this::datasetJson);
    }

    /** Stops what the routes run in the background (the runs index's warm-up and saves). */
    @Override
    public void close() {
        pages.close();
    }

    void hostName(String url) {
        this.hostName = url;
    }

    void register(JavalinDefaultRoutingApi r) {
        r.exception(PlatformError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        r.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        r.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
        });
        // the web pages (/, /models/{id}, /reports/{id}, /data/{id}, …) and their static files
        pages.register(r);
        // web API: types, projects, devices, the user, dataset updates, SFTP users, … (before /api/models/{id})
        webApi.register(r);

        r.get("/api/status", this::status);
        // web API: models
        r.get("/api/models", ctx -> ctx.json(store.models().stream().filter(m -> !m.isReport()).map(m -> JobJson.model(m, hostName)).toList()));
        r.post("/api/models", this::createModel);
        r.get("/api/models/{id}", ctx -> ctx.json(JobJson.model(ofKind(model(ctx), false), hostName)));
        r.delete("/api/models/{id}", this::deleteModel);
        r.post("/api/models/{id}/start", this::startModel);
        r.get("/api/models/{id}/artifacts", this::artifacts);
        r.post("/api/models/{id}/createtestreport", this::createTestReport);
        r.get("/api/reports", ctx -> ctx.json(store.models().stream().filter(ModelRecord::isReport).map(this::reportJson).toList()));
        r.get("/api/reports/{id}", ctx -> ctx.json(reportJson(ofKind(model(ctx), true))));
        r.get("/api/reports/{id}/artifacts", this::artifacts);
        // job endpoints (API key)
        r.get("/api/models/{id}/securitycredentials", this::jobCredentials, WebAccess.Role.JOB);
        r.post("/api/models/{id}/charts", this::chart, WebAccess.Role.JOB);
        r.post("/api/models/{id}/remotemonitor", this::remoteMonitor, WebAccess.Role.JOB);
        r.post("/api/models/{id}/complete", this::complete, WebAccess.Role.JOB);
        r.post("/api/models/{id}/fail", this::fail, WebAccess.Role.JOB);
        r.get("/api/resources/roottags", this::rootTags, WebAccess.Role.JOB);
        // web API: datasets, tags, downloads
        r.get("/api/data", ctx -> ctx.json(store.datasets().stream().map(this::datasetJson).toList()));
        r.post("/api/data", this::createDataset);
        r.get("/api/data/{id}", ctx -> ctx.json(datasetJson(dataset(ctx.pathParam("id")))));
        r.get("/api/data/{id}/securitycredentials", this::datasetCredentials);
        r.get("/api/resources/tags", ctx -> ctx.json(store.tags()));
        r.post("/api/resources/tags", this::createTag);
        r.get("/download", this::download, WebAccess.Role.PAGE);
    }

    // ---- helpers

    /** An error as JSON {@code {"error": message}}, or as a page for a page's URL. */
    private static void error(Context ctx, int status, String message) {
        if (PlatformPages.isPage(ctx)) {
            PlatformPages.error(ctx, status, message);
        } else {
            ctx.status(status).json(Map.of("error", message));
        }
    }

    private ModelRecord model(Context ctx) {
        String id = ctx.pathParam("id");
        return store.model(PlatformStore.safe(id)).orElseThrow(() -> new PlatformError(404, "No model " + id + " on this platform"));
    }

    private DatasetRecord dataset(String id) {
        return store.dataset(PlatformStore.safe(id)).orElseThrow(() -> new PlatformError(404, "No dataset " + id + " on this platform"));
    }

    /** {@code job} when it is a test report ({@code report}) or a model (not {@code report}); 404 otherwise. */
    private static ModelRecord ofKind(ModelRecord job, boolean report) {
        if (job.isReport() != report) {
            throw new PlatformError(404, job.id() + " is a " + (report ? "model, not a test report: GET /api/models/" : "test report, not a model: GET /api/reports/")
                    + job.id());
        }
        return job;
    }

    private Map<String, Object> reportJson(ModelRecord report) {
        return JobJson.report(report, report.parentId() == null ? Optional.empty() : store.model(report.parentId()));
    }

    /** The model whose API key the request carries; 401 otherwise. */
    private ModelRecord authorized(Context ctx, String id) {
        ModelRecord model = store.model(PlatformStore.safe(id)).orElseThrow(() -> new PlatformError(404, "No model " + id + " on this platform"));
        String key = ctx.queryParam("key");
        if (key == null || key.isEmpty()) {
            throw new PlatformError(401, "Missing API key for model " + id + " (add ?key=…)");
        }
        if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), model.apiKey().getBytes(StandardCharsets.UTF_8))) {
            throw new PlatformError(401, "Wrong API key for model " + id);
        }
        return model;
    }

    static Map<String, Object> body(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return Json.parseObject(body);
        } catch (Exception e) {
            throw new PlatformError(400, "The request body is not a JSON object: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new PlatformError(400, "Expected a list of ids, got " + Json.write(value));
        }
        return ((List<Object>) list).stream().map(String::valueOf).toList();
    }

    private String folder(DatasetRecord d) {
        return "s3://" + s3.bucket() + "/" + d.folderName();
    }

    private Map<String, Object> datasetJson(DatasetRecord d) {
        Map<String, Object> json = Json.mapper().convertValue(d, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
        json.put("bucket", folder(d));
        return json;
    }

    // ---- handlers

    private void status(Context ctx) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("host", hostName);
        status.put("s3Endpoint", s3.endpoint().toString());
        status.put("dataBucket", "s3://" + s3.bucket());
        status.put("models", store.models().size());
        status.put("datasets", store.datasets().size());
        ctx.json(status);
    }

    private void createModel(Context ctx) {
        Map<String, Object> body = body(ctx);
        String name = Objects.toString(body.get("name"), "").strip();
        if (name.isEmpty()) {
            throw new PlatformError(400, "A model needs a \"name\"");
        }
        List<String> datasetIds = strings(body.get("datasetIds"));
        List<DatasetRecord> datasets = existingDatasets(datasetIds);
        String modelTypeId = body.get("modelTypeId") == null ? ModelRecord.CUSTOM_JOB : String.valueOf(body.get("modelTypeId"));
        if (!JobTypes.isModelType(modelTypeId)) {
            throw new PlatformError(400, "No model type " + modelTypeId + " on this platform; GET /api/resources/modeltypes lists them");
        }
        String applicationId = body.get("applicationId") == null ? null : String.valueOf(body.get("applicationId"));
        webApi.checkApplication(applicationId);
        Object settings = body.get("settings");
        Map<String, Object> settingsObject;
        try {
            settingsObject = settings == null ? Map.of() : settings instanceof String s
                    ? (s.isBlank() ? Map.of() : Json.parseObject(s))
                    : Json.parseObject(Json.write(settings));
        } catch (Exception e) {
            throw new PlatformError(400, "\"settings\" must be a JSON object (or its text): " + e.getMessage());
        }
        // info.json first, the record last: the model is listed only once complete
        ModelRecord model = store.createModel(name, datasetIds, Json.writeSorted(settingsObject), strings(body.get("tagIds")),
                modelTypeId, applicationId,
                m -> s3.put(m.id() + "/info.json", Json.writePretty(info(m, settingsObject, datasets)).getBytes(StandardCharsets.UTF_8),
                        "application/json"));
        LOG.info("Model '{}' created: {}", name, model.id());
        ctx.status(201).json(JobJson.withKey(JobJson.model(model, hostName), model));
    }

    /** The datasets of these ids; a 400 naming the first one this platform does not have. */
    private List<DatasetRecord> existingDatasets(List<String> ids) {
        return ids.stream().map(id -> {
            try {
                return dataset(id);
            } catch (PlatformError e) {
                throw new PlatformError(400, "No dataset " + id + " on this platform; create it first");
            }
        }).toList();
    }

    /** A test report of a model: a job of its own, reading the model's artifacts and the given datasets. */
    private void createTestReport(Context ctx) {
        ModelRecord model = model(ctx);
        if (model.isReport()) {
            throw new PlatformError(400, model.id() + " is a test report, not a model");
        }
        if (model.completed() == null || model.modelPath() == null) {
            throw new PlatformError(409, "Model " + model.id() + " is " + (model.completed() == null ? "not completed" : "completed without a model archive")
                    + ": a test report tests the model archive its training job saves; run the job to its end with"
                    + " job.completeJob(archive), then create the report");
        }
        Map<String, Object> body = body(ctx);
        if (Boolean.TRUE.equals(body.get("submitToGoogleCloud")) || Boolean.TRUE.equals(body.get("submitToCloud"))) {
            throw new PlatformError(501, "Running a test report in the cloud is not available on the local platform: create it without "
                    + "submitToGoogleCloud and run its job yourself (bin/brevettiai run JOB.jsh --test_id ID)");
        }
        List<String> datasetIds = body.containsKey("datasetIds") ? strings(body.get("datasetIds")) : model.datasetIds();
        List<DatasetRecord> datasets = existingDatasets(datasetIds);
        String name = Objects.toString(body.get("name"), "Test report of " + model.name());
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("id", model.id());
        parent.put("name", model.name());
        parent.put("model_path", model.modelPath() == null ? null : "s3://" + s3.bucket() + "/" + model.id() + "/" + model.modelPath());
        ModelRecord report = store.createJob(name, datasetIds, "{}", List.of(), null, model.id(), r -> {
            Map<String, Object> info = info(r, Map.of(), datasets);
            info.put("parent", parent);
            s3.put(r.id() + "/info.json", Json.writePretty(info).getBytes(StandardCharsets.UTF_8), "application/json");
        });
        LOG.info("Test report '{}' of model {} created: {}", name, model.id(), report.id());
        ctx.status(201).json(JobJson.withKey(reportJson(report), report));
    }

    private Map<String, Object> info(ModelRecord model, Map<String, Object> settings, List<DatasetRecord> datasets) {
        String base = "/api/models/" + model.id();
        String key = "?key=" + model.apiKey();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", model.id());
        info.put("name", model.name());
        info.put("api_key", model.apiKey());
        info.put("host_name", hostName);
        info.put("charts_url", base + "/charts" + key);
        info.put("complete_url", base + "/complete" + key + "&modelPath=");
        info.put("remote_url", base + "/remotemonitor" + key);
        info.put("security_credentials_url", base + "/securitycredentials" + key);
        info.put("settings", settings);
        List<Map<String, Object>> ds = new ArrayList<>();
        for (DatasetRecord d : datasets) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", d.id());
            entry.put("name", d.name());
            entry.put("bucket", folder(d));
            entry.put("reference", d.reference());
            entry.put("notes", d.notes());
            entry.put("locked", d.locked());
            entry.put("tagIds", d.tagIds());
            ds.add(entry);
        }
        info.put("datasets", ds);
        info.put("tags", store.tags());
        info.put("models", List.of());
        return info;
    }

    private void deleteModel(Context ctx) {
        ModelRecord model = model(ctx);
        store.deleteModel(model.id());
        s3.revokeWrites(model.id());
        ctx.status(204);
    }

    /**
     * {@code ?submitToCloud=false} (Python's "simulate training"): marks the model started, a completion or
     * failure of an earlier run cleared; the user runs its job. {@code true}: 501, nothing runs jobs here.
     */
    private void startModel(Context ctx) {
        ModelRecord model = model(ctx);
        if ("true".equalsIgnoreCase(ctx.queryParam("submitToCloud"))) {
            throw new PlatformError(501, "Submitting training to the cloud is not available on the local platform: start it without "
                    + "submitToCloud and run the job yourself (bin/brevettiai run JOB.jsh --job_id " + model.id() + " --host " + hostName + ")");
        }
        ModelRecord started = new ModelRecord(model.id(), model.name(), model.created(), PlatformStore.now(), null,
                model.apiKey(), model.settings(), model.datasetIds(), model.tagIds(), model.modelTypeId(), null, model.parentId(), null, null,
                model.applicationId());
        store.save(started);
        ctx.json(JobJson.model(started, hostName));
    }

    private void jobCredentials(Context ctx) {
        ModelRecord model = authorized(ctx, ctx.pathParam("id"));
        String datasetId = ctx.queryParam("datasetId");
        S3Grant grant;
        if (datasetId != null && !datasetId.isEmpty()) {
            if (!model.datasetIds().contains(datasetId)) {
                throw new PlatformError(403, "Model " + model.id() + " has no access to dataset " + datasetId);
            }
            if (model.completed() != null) {
                throw new PlatformError(403, "Model " + model.id() + " is completed: its dataset access was revoked");
            }
            grant = s3.grant(model.id(), List.of(dataset(datasetId).folderName() + "/"), List.of());
        } else {
            grant = grants.forJob(model);
        }
        ctx.contentType("application/xml").result(StsXml.of(grant, s3.endpoint(), LocalPlatform.REGION));
    }

    private void datasetCredentials(Context ctx) {
        DatasetRecord d = dataset(ctx.pathParam("id"));
        if (d.locked()) {
            throw new PlatformError(409, "Dataset " + d.id() + " is locked: its files cannot be changed. Unlock it first (bin/brevettiai dataset update --id "
                    + d.id() + " --no-locked)");
        }
        S3Grant grant = s3.grant(d.id(), List.of(), List.of(d.folderName() + "/"));
        ctx.contentType("application/xml").result(StsXml.of(grant, s3.endpoint(), LocalPlatform.REGION));
    }

    private void chart(Context ctx) {
        ModelRecord model = authorized(ctx, ctx.pathParam("id"));
        String name = ctx.queryParam("name");
        if (name == null || name.isBlank()) {
            throw new PlatformError(400, "A chart needs a name (&name=…)");
        }
        VegaLiteCheck.nameProblem(name).ifPresent(why -> {
            throw new PlatformError(400, "Chart not saved: " + why);
        });
        Map<String, Object> spec = body(ctx);
        if (spec.isEmpty()) {
            throw new PlatformError(400, "The chart is empty; send its Vega-Lite JSON as the body");
        }
        VegaLiteCheck.specProblem(spec).ifPresent(why -> {
            throw new PlatformError(400, "Chart '" + name + "' is not a Vega-Lite chart: " + why);
        });
        store.saveChart(model.id(), name, Json.write(spec));
        LOG.info("Model {}: chart '{}'", model.id(), name);
        ctx.status(204);
    }

    private void remoteMonitor(Context ctx) {
        ModelRecord model = authorized(ctx, ctx.pathParam("id"));
        String data = ctx.contentType() != null && ctx.contentType().startsWith("application/json") ? ctx.body() : ctx.formParam("data");
        if (data == null || data.isBlank()) {
            throw new PlatformError(400, "No training progress: send the form field data={...} or a JSON body");
        }
        Map<String, Object> point;
        try {
            point = Json.parseObject(data);
        } catch (Exception e) {
            throw new PlatformError(400, "Training progress must be a JSON object: " + e.getMessage());
        }
        store.appendMonitor(model.id(), Json.write(point));
        ctx.status(204);
    }

    private void complete(Context ctx) {
        ModelRecord model = authorized(ctx, ctx.pathParam("id"));
        String modelPath = Optional.ofNullable(ctx.queryParam("modelPath")).filter(p -> !p.isBlank()).orElse(null);
        if (modelPath != null && (modelPath.contains("..") || modelPath.startsWith("/"))) {
            throw new PlatformError(400, "Illegal model path '" + modelPath + "'. It should be an artifact of the model");
        }
        store.save(model.withCompleted(PlatformStore.now(), modelPath));
        s3.revokeWrites(model.id());
        LOG.info("Model {} completed{}", model.id(), modelPath == null ? "" : " with " + modelPath);
        ctx.status(204);
    }

    /**
     * {@code POST /api/models/{id}/fail?key=…} with {@code {"message": …}}: the job ended without completing.
     * Its writes are revoked as at completion; a new run (its credentials asked again) makes it running
     * again. A completed job cannot fail (409); failing again replaces the message.
     */
    private void fail(Context ctx) {
        ModelRecord model = authorized(ctx, ctx.pathParam("id"));
        if (model.completed() != null) {
            throw new PlatformError(409, "Model " + model.id() + " completed at " + model.completed() + "; a completed job cannot fail");
        }
        Object message = body(ctx).get("message");
        String text = message == null ? "" : String.valueOf(message).strip();
        if (text.isEmpty()) {
            text = "the job failed (no message)";
        } else if (text.length() > MAX_FAILURE_CHARS) {
            text = text.substring(0, MAX_FAILURE_CHARS) + "\n… (" + (text.length() - MAX_FAILURE_CHARS) + " more characters)";
        }
        store.save(model.withFailed(PlatformStore.now(), text));
        s3.revokeWrites(model.id());
        LOG.info("Model {} failed: {}", model.id(), text.lines().findFirst().orElse(""));
        ctx.status(204);
    }

    private void rootTags(Context ctx) {
        String id = ctx.queryParam("id");
        if (id == null) {
            throw new PlatformError(400, "roottags needs &id=<model id>");
        }
        authorized(ctx, id);
        ctx.json(store.tags());
    }

    private void createDataset(Context ctx) {
        Map<String, Object> body = body(ctx);
        String name = Objects.toString(body.get("name"), "").strip();
        if (name.isEmpty()) {
            throw new PlatformError(400, "A dataset needs a \"name\"");
        }
        String applicationId = body.get("applicationId") == null ? null : String.valueOf(body.get("applicationId"));
        webApi.checkApplication(applicationId);
        DatasetRecord d = store.createDataset(name, Objects.toString(body.get("reference"), ""),
                Objects.toString(body.get("notes"), ""), strings(body.get("tagIds")));
        if (applicationId != null) {
            webApi.addToApplication(applicationId, d.id());
        }
        LOG.info("Dataset '{}' created: {}", name, d.id());
        Map<String, Object> json = datasetJson(d);
        // the real platform answers with the new id as "datasetId"
        json.put("datasetId", d.id());
        ctx.status(201).json(json);
    }

    private void createTag(Context ctx) {
        Map<String, Object> body = body(ctx);
        String name = Objects.toString(body.get("name"), "").strip();
        if (name.isEmpty()) {
            throw new PlatformError(400, "A tag needs a \"name\"");
        }
        ctx.status(201).json(store.createTag(name, body.get("parentId") == null ? null : String.valueOf(body.get("parentId"))));
    }

    /**
     * {@code GET /api/{models|reports}/{id}/artifacts?prefix=P}: the files directly under {@code <id>/artifacts/P}
     * and its folders ({@code isPrefix}, media type {@code folder}), named relative to the prefix, as the
     * platform lists them (list a folder with {@code prefix=P<name>/}).
     */
    private void artifacts(Context ctx) {
        ModelRecord model = model(ctx);
        String prefix = Optional.ofNullable(ctx.queryParam("prefix")).orElse("");
        String base = model.id() + "/artifacts/";
        List<Map<String, Object>> entries = new ArrayList<>();
        java.util.Set<String> folders = new java.util.LinkedHashSet<>();
        for (S3Object o : s3.list(base + prefix)) {
            String name = o.key().substring((base + prefix).length());
            int slash = name.indexOf('/');
            if (slash >= 0) {
                folders.add(name.substring(0, slash));
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", name);
            e.put("isPrefix", false);
            e.put("size", o.size());
            e.put("lastModified", o.lastModified().toString());
            e.put("link", ai.brevetti.internal.Urls.downloadLink(hostName, o.key()));
            e.put("mimeType", Optional.ofNullable(URLConnection.guessContentTypeFromName(name)).orElse("application/octet-stream"));
            e.put("tileSource", null);
            entries.add(e);
        }
        for (String folder : folders) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", folder);
            e.put("isPrefix", true);
            e.put("size", 0);
            e.put("lastModified", null);
            e.put("link", null);
            e.put("mimeType", "folder");
            e.put("tileSource", null);
            entries.add(e);
        }
        ctx.json(entries);
    }

    private void download(Context ctx) throws java.io.IOException {
        String path = ctx.queryParam("path");
        if (path == null || path.isBlank() || !plainKey(path)) {
            throw new PlatformError(400, "download needs ?path=<key within the data bucket> (no empty, '.' or '..' parts, no '\\')");
        }
        var object = s3.open(path).orElseThrow(() -> new PlatformError(404, "No file " + path));
        String name = path.substring(path.lastIndexOf('/') + 1);
        ctx.contentType(Optional.ofNullable(URLConnection.guessContentTypeFromName(name)).orElse("application/octet-stream"));
        ctx.header("Content-Disposition", "inline; filename=\"" + name.replace("\"", "") + "\"");
        // a job's HTML artifact opens in an origin of its own: its scripts cannot act as the platform's pages
        ctx.header("Content-Security-Policy", "sandbox allow-scripts");
        ctx.header("X-Content-Type-Options", "nosniff");
        Optional<ModelRecord> infoOf = jobOfInfo(path);
        if (infoOf.isPresent()) {
            // the platform wrote the job's API key into its info.json (for the job): the download masks it
            try (object) {
                String text = new String(object.readAllBytes(), StandardCharsets.UTF_8);
                ctx.result(text.replace(infoOf.get().apiKey(), "****"));
            }
            return;
        }
        ctx.result(object);
    }

    /** A key of a file in the data bucket: a valid key ({@link ObjectKey}: no empty, {@code .} or {@code ..} parts, no backslash), not a folder. */
    static boolean plainKey(String key) {
        return ObjectKey.problem(key).isEmpty() && !key.endsWith("/");
    }

    /** The job whose info.json {@code key} is ({@code <job id>/info.json}), if it is one. */
    private Optional<ModelRecord> jobOfInfo(String key) {
        String[] parts = key.split("/");
        if (parts.length != 2 || !parts[1].equals("info.json") || !parts[0].matches("[A-Za-z0-9-]{1,64}")) {
            return Optional.empty();
        }
        return store.model(parts[0]).filter(m -> m.apiKey() != null && !m.apiKey().isEmpty());
    }

    // ---- what answers show

    /**
     * The JSON of every answer: a {@link ModelRecord} never shows its API key. The key is the job's
     * credential; only the answer creating the job has it ({@link JobJson#withKey}). The web API answers
     * with {@link JobJson}'s maps, which have no key; this mapper keeps a record written as it is safe too.
     */
    static JsonMapper jsonMapper() {
        return new JavalinJackson(JavalinJackson.defaultMapper().addMixIn(ModelRecord.class, KeyHidden.class), false);
    }

    @JsonIgnoreProperties({"apiKey"})
    private interface KeyHidden {
    }
}
