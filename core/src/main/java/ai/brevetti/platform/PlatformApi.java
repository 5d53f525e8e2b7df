package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.Progress;
import ai.brevetti.internal.WebRequest;
import ai.brevetti.internal.WebResponse;
import ai.brevetti.internal.WebRequest.Body;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.S3Storage;
import ai.brevetti.settings.Schema;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's web API (Python's {@code PlatformAPI}): datasets, tags, models, test reports, their
 * artifacts, model and report types, projects, devices and the user, as a user manages them (each call of
 * spec §8, camelCased: {@code getDataset}, {@code createModel}, {@code startModelTraining}, …). Answers are
 * read into records ({@link Model}, {@link Report}, {@link FileEntry}, …) that ignore fields they do not know.
 * Every call is authorized one of two ways:
 *
 * <ul>
 *   <li>a <b>login session</b>, as Python's SDK logs in: {@link #login(String, String, String)} or
 *       {@link #builder()} (credentials given, else {@code BREVETTI_AI_USER}/{@code BREVETTI_AI_PW}, else
 *       remembered ones, else asked at the terminal), with {@code Authorization: Bearer}, {@code X-XSRF-TOKEN}
 *       and the session's cookies on every call, and a new login when the 60-minute session ends;</li>
 *   <li>a <b>bearer token</b>: the one saved for the host in the user's {@link PlatformTokens} (the local
 *       platform's access token, saved by {@code bin/brevettiai platform}; {@link #connect(String)}), or one
 *       given with {@link #withToken}.</li>
 * </ul>
 */
public final class PlatformApi {
    private final String host;
    private final ApiAccess access;
    private final HttpCalls http;
    private final String dataBucket;

    private PlatformApi(String host, ApiAccess access, String dataBucket) {
        this.host = host;
        this.access = access;
        this.http = new HttpCalls(Optional.empty());
        this.dataBucket = dataBucket;
    }

    /** The API at {@code host} (checked, without a trailing {@code /}) authorized by {@code access}. */
    static PlatformApi of(String host, java.util.function.Function<String, ApiAccess> access) {
        String checked = trimmed(HostUrl.check(host));
        return new PlatformApi(checked, access.apply(checked), JobBuilder.DEFAULT_DATA_BUCKET);
    }

    private static String trimmed(String host) {
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }

    /**
     * The web API at {@code host}, e.g. {@code http://127.0.0.1:8800}, with the token the user's
     * {@link PlatformTokens} (in {@code $BREVETTIAI_CONFIG_DIR}, else {@code ~/.brevettiai}) hold for it; without
     * one, a login session at the first call, with the credentials of {@code BREVETTI_AI_USER}/{@code
     * BREVETTI_AI_PW}, those remembered for it, or asked at the terminal.
     */
    public static PlatformApi connect(String host) {
        return connect(host, PlatformTokens.forUser(System.getenv()));
    }

    /** {@link #connect(String)} with the tokens (and remembered credentials) of {@code tokens}' folder. */
    public static PlatformApi connect(String host, PlatformTokens tokens) {
        return of(host, h -> {
            Optional<Secret> token = tokens.find(h);
            if (token.isPresent()) {
                return new TokenAccess(h, token.get(), tokens);
            }
            RememberedCredentials remembered = RememberedCredentials.in(tokens.file().getParent());
            return new Session(h, new CredentialChain(Optional.empty(), Optional.empty(), System.getenv(), Optional.of(remembered),
                    CredentialPrompt.console(), "no access token for it in " + tokens.file() + " (for the local platform, "
                    + "bin/brevettiai platform saves its token there when it starts: use the same BREVETTIAI_CONFIG_DIR for both)"),
                    Session.LIFETIME, Optional.empty());
        });
    }

    /** The web API at {@code host} with this bearer token (e.g. a local platform's {@code accessToken()}). */
    public static PlatformApi connect(String host, Secret token) {
        return of(host, h -> new TokenAccess(h, token, null));
    }

    /**
     * Logs in to the platform at {@code host} as Python's {@code PlatformAPI(username, password, host)} does
     * ({@code POST /api/account/token}); a wrong password fails here ("Could not log in: …").
     */
    public static PlatformApi login(String host, String userName, String password) {
        return builder().host(host).credentials(userName, password).connect();
    }

    /**
     * Logs in to the platform at {@code host} with the credentials of {@code BREVETTI_AI_USER}/{@code
     * BREVETTI_AI_PW}, those remembered for it, or asked at the terminal.
     */
    public static PlatformApi login(String host) {
        return builder().host(host).connect();
    }

    /** A login or a token, step by step: {@code PlatformApi.builder().host(…).credentials(…).rememberMe(true).connect()}. */
    public static PlatformApiBuilder builder() {
        return new PlatformApiBuilder();
    }

    /** The same API authenticating with a bearer token. */
    public PlatformApi withToken(String bearerToken) {
        return new PlatformApi(host, new TokenAccess(host, Secret.of(bearerToken), null), dataBucket);
    }

    public String host() {
        return host;
    }

    /** Who the session is logged in as (Python's {@code web.user}); empty for a bearer token or before the first login. */
    public Optional<LoginUser> user() {
        return access.user();
    }

    /** This API, logged in now when it uses a session (so wrong credentials fail at once). */
    PlatformApi loggedIn() {
        if (access instanceof Session session) {
            session.loginNow(http);
        }
        return this;
    }

    /** The call, authorized; a 401 says whose credentials were refused and what to do. */
    private String call(WebRequest request, String what) {
        return access.call(http, request, what);
    }

    private Object json(String text, String what) {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            throw new PlatformException(0, what + ": the platform's answer is not JSON: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String text, String what) {
        Object o = json(text, what);
        if (!(o instanceof Map<?, ?>)) {
            throw new PlatformException(0, what + ": the platform's answer is not a JSON object");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String text, String what) {
        Object o = json(text, what);
        if (!(o instanceof List<?>)) {
            throw new PlatformException(0, what + ": the platform's answer is not a JSON list");
        }
        return (List<Map<String, Object>>) o;
    }

    // ---- requests (relative paths are the platform's; ids are one path segment each)

    /** {@code id} as one URL path segment: a '/', '?' or '#' in it cannot reach another endpoint. */
    private static String segment(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("No id given: pass the id of the platform's object (its page's URL ends with it)");
        }
        return URLEncoder.encode(id.strip(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String get(String path, String what) {
        return call(WebRequest.get(host + path), what);
    }

    private String post(String path, Object body, String what) {
        return call(WebRequest.post(host + path, Body.json(Json.write(body))), what);
    }

    private Map<String, Object> getObject(String path, String what) {
        return object(get(path, what), what);
    }

    private List<Map<String, Object>> getList(String path, String what) {
        return list(get(path, what), what);
    }

    /** The records whose JSON has every filter's value (Python's {@code **filters}); a filter no record has is an error. */
    private static List<Map<String, Object>> filter(List<Map<String, Object>> records, Map<String, ?> filters, String kind) {
        if (filters == null || filters.isEmpty()) {
            return records;
        }
        for (String key : filters.keySet()) {
            if (!records.isEmpty() && records.stream().noneMatch(r -> r.containsKey(key))) {
                throw new IllegalArgumentException("No " + kind + " has the field '" + key + "' to filter on; they have "
                        + new java.util.TreeSet<>(records.get(0).keySet()));
            }
        }
        return records.stream().filter(r -> filters.entrySet().stream().allMatch(f -> r.containsKey(f.getKey())
                && String.valueOf(r.get(f.getKey())).equals(String.valueOf(f.getValue())))).toList();
    }

    // ---- datasets

    private Dataset dataset(Map<String, Object> json) {
        return Dataset.fromMap(json, dataBucket).bind(new IoTools(), host);
    }

    /** Creates an empty dataset. */
    public Dataset createDataset(String name, String reference, String notes, List<String> tagIds) {
        return createDataset(name, reference, notes, tagIds, null);
    }

    /** Creates an empty dataset in the application {@code applicationId} (none when null). */
    public Dataset createDataset(String name, String reference, String notes, List<String> tagIds, String applicationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tagIds", tagIds == null ? List.of() : tagIds);
        body.put("reference", reference == null ? "" : reference);
        body.put("notes", notes == null ? "" : notes);
        if (applicationId != null) {
            body.put("applicationId", applicationId);
        }
        String what = "Creating dataset '" + name + "'";
        Map<String, Object> answer = object(post("/api/data/", body, what), what);
        if (!answer.containsKey("id") && answer.get("datasetId") != null) {
            // the platform may answer with the new id only
            return getDataset(String.valueOf(answer.get("datasetId")));
        }
        return dataset(answer);
    }

    /** Every dataset the user may read: a list that shows as a table (name, id, bucket, reference, locked). */
    public Datasets getDatasets() {
        return getDatasets(Map.of());
    }

    /**
     * The datasets whose fields have these values (Python's {@code get_dataset(**filters)}), e.g.
     * {@code getDatasets(Map.of("name", "vials"))}; keys are the platform's JSON names ({@code name},
     * {@code reference}, {@code locked}, …), values compared as text.
     */
    public Datasets getDatasets(Map<String, ?> filters) {
        return Datasets.listed(filter(getList("/api/data", "Listing datasets"), filters, "dataset").stream().map(this::dataset).toList());
    }

    public Dataset getDataset(String id) {
        return dataset(getObject("/api/data/" + segment(id), "Getting dataset " + id));
    }

    /** Changes a dataset's fields (all given, as Python's {@code update_dataset}); the updated dataset comes back. */
    public Dataset updateDataset(String id, String name, String reference, String notes, List<String> tagIds, boolean locked) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("Reference", reference);
        body.put("Notes", notes);
        body.put("tagIds", tagIds == null ? List.of() : tagIds);
        body.put("Locked", locked);
        String answer = post("/api/data/" + segment(id), body, "Updating dataset " + id);
        return answer.isBlank() ? getDataset(id) : dataset(object(answer, "Updating dataset " + id));
    }

    /** Gives the user {@code userId} the role {@code Editor} on a dataset. */
    public void updateDatasetPermission(String id, String userId) {
        updateDatasetPermission(id, userId, null, "Editor");
    }

    /** Gives the user {@code userId} (or the group {@code groupId}, when not null) the role {@code permissionType} on a dataset. */
    public void updateDatasetPermission(String id, String userId, String groupId, String permissionType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", groupId);
        body.put("userId", userId);
        body.put("resourceId", id);
        body.put("objectType", 0);
        body.put("permissionType", permissionType);
        post("/api/admin/datasets/" + segment(id) + "/permissions", body, "Updating the permissions of dataset " + id);
    }

    /** Temporary S3 credentials with write access to the dataset's files. */
    public StsCredentials getDatasetCredentials(String id) {
        return StsCredentials.parse(getDatasetStsAssumeRoleResponse(id), "the platform at " + host);
    }

    /** The platform's answer with the dataset's S3 credentials, as it is (STS AssumeRole XML). */
    public String getDatasetStsAssumeRoleResponse(String id) {
        return get("/api/data/" + segment(id) + "/securitycredentials", "Getting S3 credentials for dataset " + id);
    }

    /** The SFTP logins to a dataset's folder (without their private keys). */
    public List<SftpUser> getSftpUsers(String datasetId) {
        return getList("/api/data/" + segment(datasetId) + "/sftp", "Listing the SFTP users of dataset " + datasetId).stream()
                .map(json -> {
                    SftpUser user = SftpUser.fromMap(json);
                    return user.folder().isEmpty() ? new SftpUser(user.userName(), datasetId, user.privateKey(), user.publicKey()) : user;
                }).toList();
    }

    /** A new SFTP login to a dataset's folder, with its private key (the one time it is given). */
    public SftpUser createSftpUser(String datasetId) {
        String what = "Creating an SFTP user for dataset " + datasetId;
        return SftpUser.fromMap(object(post("/api/data/" + segment(datasetId) + "/sftp", Map.of(), what), what));
    }

    public void deleteSftpUser(String datasetId, String userName) {
        call(WebRequest.delete(host + "/api/data/" + segment(datasetId) + "/sftp/" + segment(userName)),
                "Deleting SFTP user " + userName + " of dataset " + datasetId);
    }

    /** What an upload did. */
    public record Upload(int files, long bytes) {
    }

    /**
     * Uploads every file of a local folder (hidden ones skipped) into the dataset, keeping relative paths,
     * several at a time. The folder must exist and hold images ({@link DatasetFolder#scan}).
     */
    public Upload uploadFolder(Dataset dataset, Path folder) {
        return upload(dataset, folder, DatasetFolder.scan(folder).files(), "data");
    }

    /**
     * Uploads the annotation files of a local folder into the dataset's {@code .annotations/}, keeping
     * relative paths (checked by {@link AnnotationFolder#scan} against the images of {@code images}).
     */
    public Upload uploadAnnotations(Dataset dataset, Path annotations, Path images) {
        return upload(dataset, annotations, AnnotationFolder.scan(annotations, DatasetFolder.scan(images)).files(), "annotations");
    }

    /** Uploads {@code files} of {@code folder} to the dataset's location {@code mode}, keeping relative paths, several at a time. */
    private Upload upload(Dataset dataset, Path folder, List<Path> files, String mode) {
        StsCredentials credentials = getDatasetCredentials(dataset.id());
        try (S3Storage s3 = new S3Storage().route(dataset.bucket(), credentials::toS3Access)) {
            IoTools io = new IoTools().register(s3);
            AtomicLong bytes = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try (Progress progress = Progress.start("Uploading to " + dataset.name() + (mode.equals("data") ? "" : " " + mode) + " (files)",
                    files.size())) {
                List<Future<?>> uploads = new ArrayList<>();
                for (Path file : files) {
                    String target = dataset.getLocation(mode, folder.relativize(file).toString().replace('\\', '/'));
                    uploads.add(pool.submit(() -> {
                        byte[] content = Files.readAllBytes(file);
                        io.writeFile(target, content);
                        bytes.addAndGet(content.length);
                        progress.step();
                        return null;
                    }));
                }
                for (Future<?> f : uploads) {
                    f.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException r ? r : new PlatformException(0, "Upload failed: " + cause, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException(0, "Upload interrupted");
            } finally {
                pool.shutdownNow();
            }
            return new Upload(files.size(), bytes.get());
        }
    }

    // ---- tags

    /** The tag trees. */
    public List<Tag> getTags() {
        return getList("/api/resources/tags", "Listing tags").stream().map(Tag::fromMap).toList();
    }

    /** One tag with its sub-tags. */
    public Tag getTag(String id) {
        return Tag.fromMap(getObject("/api/resources/tags/" + segment(id), "Getting tag " + id));
    }

    /** A new root tag. */
    public Tag createTag(String name) {
        return createTag(name, null);
    }

    /** A new tag under {@code parentId} (a new root when null). */
    public Tag createTag(String name, String parentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        String what = "Creating tag '" + name + "'";
        String answer = post("/api/resources/tags", body, what);
        if (!answer.isBlank()) {
            return Tag.fromMap(object(answer, what));
        }
        // the platform may answer with nothing: the new tag is the one of that name under its parent
        List<Tag> siblings = parentId == null ? getTags() : getTag(parentId).children();
        return siblings.stream().filter(t -> t.name().equals(name)).reduce((a, b) -> b)
                .orElseThrow(() -> new PlatformException(0, what + ": the platform does not list it afterwards"));
    }

    /** Deletes a tag and its sub-tags. */
    public void deleteTag(String id) {
        call(WebRequest.delete(host + "/api/resources/tags/" + segment(id)), "Deleting tag " + id);
    }

    // ---- models

    /** The platform's custom-job model type (the default of {@link #createModel}). */
    public static final String CUSTOM_JOB_TYPE = "a0aaad69-c032-41c1-a68c-e9a15a5fb18c";

    /** Creates a model (a training job) of the custom-job type on {@code datasetIds} with {@code settings}; its API key comes back. */
    public Model createModel(String name, List<String> datasetIds, Map<String, ?> settings, List<String> tagIds) {
        return createModel(name, datasetIds, settings, CUSTOM_JOB_TYPE, tagIds, null);
    }

    /**
     * Creates a model of {@code modelTypeId} (the custom job when null) on {@code datasetIds} with
     * {@code settings} (sent as JSON text, keys sorted), in the application {@code applicationId} (none when
     * null); its API key comes back.
     */
    public Model createModel(String name, List<String> datasetIds, Map<String, ?> settings, String modelTypeId, List<String> tagIds,
                             String applicationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("modelTypeId", modelTypeId == null ? CUSTOM_JOB_TYPE : modelTypeId);
        body.put("settings", Json.writeSorted(settings == null ? Map.of() : settings));
        body.put("tagIds", tagIds == null ? List.of() : tagIds);
        body.put("datasetIds", datasetIds == null ? List.of() : datasetIds);
        if (applicationId != null) {
            body.put("applicationId", applicationId);
        }
        String what = "Creating model '" + name + "'";
        return Model.fromMap(object(post("/api/models", body, what), what));
    }

    public Model getModel(String id) {
        return Model.fromMap(getObject("/api/models/" + segment(id), "Getting model " + id));
    }

    public List<Model> getModels() {
        return getModels(Map.of());
    }

    /** The models whose fields have these values, e.g. {@code getModels(Map.of("name", "demo"))} (the platform's JSON names). */
    public List<Model> getModels(Map<String, ?> filters) {
        return filter(getList("/api/models", "Listing models"), filters, "model").stream().map(Model::fromMap).toList();
    }

    public void deleteModel(String id) {
        call(WebRequest.delete(host + "/api/models/" + segment(id)), "Deleting model " + id);
    }

    /** Starts a model's training without submitting a cloud job ("simulate training": you run the job); the updated model comes back. */
    public Model startModelTraining(String id) {
        return startModelTraining(id, false);
    }

    /** Starts a model's training; {@code submitToCloud} has the platform run its job. The updated model comes back. */
    public Model startModelTraining(String id, boolean submitToCloud) {
        String what = "Starting the training of model " + id;
        return Model.fromMap(object(post("/api/models/" + segment(id) + "/start?submitToCloud=" + submitToCloud, Map.of(), what), what));
    }

    /** Stops a model's training; the updated model comes back. */
    public Model stopModelTraining(String id) {
        String what = "Stopping the training of model " + id;
        return Model.fromMap(object(post("/api/models/" + segment(id) + "/stop", Map.of(), what), what));
    }

    // ---- reports

    /** Creates a test report of model {@code modelId} on {@code datasetIds} (the model's when empty); its API key comes back. */
    public Report createTestReport(String modelId, List<String> datasetIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("modelId", modelId);
        body.put("submitToGoogleCloud", false);
        if (datasetIds != null && !datasetIds.isEmpty()) {
            body.put("datasetIds", datasetIds);
        }
        String what = "Creating a test report of model " + modelId;
        return Report.fromMap(object(post("/api/models/" + segment(modelId) + "/createtestreport", body, what), what));
    }

    public Report getReport(String id) {
        return Report.fromMap(getObject("/api/reports/" + segment(id), "Getting report " + id));
    }

    public List<Report> getReports() {
        return getReports(Map.of());
    }

    /** The reports whose fields have these values, e.g. {@code getReports(Map.of("parentId", modelId))} (the platform's JSON names). */
    public List<Report> getReports(Map<String, ?> filters) {
        return filter(getList("/api/reports", "Listing reports"), filters, "report").stream().map(Report::fromMap).toList();
    }

    // ---- artifacts and downloads

    /** The files and folders directly under {@code prefix} (ending with '/', or "") in a model's artifacts. */
    public List<FileEntry> getArtifacts(Model model, String prefix) {
        return artifacts("models", model.id(), prefix, false);
    }

    /** A model's artifacts under {@code prefix}; {@code recursive}: every file below it, named relative to {@code prefix}. */
    public List<FileEntry> getArtifacts(Model model, String prefix, boolean recursive) {
        return artifacts("models", model.id(), prefix, recursive);
    }

    /** The files and folders directly under {@code prefix} in a report's artifacts. */
    public List<FileEntry> getArtifacts(Report report, String prefix) {
        return artifacts("reports", report.id(), prefix, false);
    }

    /** A report's artifacts under {@code prefix}; {@code recursive}: every file below it, named relative to {@code prefix}. */
    public List<FileEntry> getArtifacts(Report report, String prefix, boolean recursive) {
        return artifacts("reports", report.id(), prefix, recursive);
    }

    private List<FileEntry> artifacts(String kind, String id, String prefix, boolean recursive) {
        String p = prefix == null ? "" : prefix;
        List<FileEntry> entries = getList("/api/" + kind + "/" + segment(id) + "/artifacts?prefix=" + query(p),
                "Listing the artifacts of " + kind.substring(0, kind.length() - 1) + " " + id + (p.isEmpty() ? "" : " under " + p))
                .stream().map(FileEntry::fromMap).toList();
        if (!recursive) {
            return entries;
        }
        List<FileEntry> all = new ArrayList<>();
        for (FileEntry e : entries) {
            if (e.isFolder()) {
                String folder = e.name().endsWith("/") ? e.name() : e.name() + "/";
                for (FileEntry sub : artifacts(kind, id, p + folder, true)) {
                    all.add(new FileEntry(folder + sub.name(), sub.isPrefix(), sub.size(), sub.lastModified(), sub.link(), sub.mimeType(),
                            sub.tileSource()));
                }
            } else {
                all.add(e);
            }
        }
        return all;
    }

    /**
     * Downloads {@code url} (a link of {@link FileEntry#link()}, or a path {@code /download?…} on the
     * platform) to {@code dst}: into that folder when it is one, named by the answer's
     * {@code Content-Disposition} (else the URL's last part), or as that file (its folder made). The file
     * appears whole or not at all. The platform's credentials go only to the platform's own address.
     *
     * @return the file written
     */
    public Path downloadUrl(String url, Path dst) {
        String absolute = absolute(url);
        WebRequest request = WebRequest.get(absolute);
        String what = "Downloading " + url;
        try {
            Path folder = Files.isDirectory(dst) ? dst : dst.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path part = Files.createTempFile(folder, ".download-", ".part");
            try {
                HttpCalls.Transfer toFile = (h, authorized) -> h.download(authorized, part, what);
                WebResponse answer = own(request) ? access.exchange(http, request, what, toFile)
                        : http.checked(toFile.send(http, request), request, what);
                Path target = Files.isDirectory(dst)
                        ? dst.resolve(DownloadName.of(answer.header("Content-Disposition").orElse(null), absolute)) : dst;
                Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return target;
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new PlatformException(0, what + ": cannot write " + dst + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * The JSON at {@code endpoint} (a path {@code /api/…} of the platform, or a URL) as plain values (maps,
     * lists, text, numbers, booleans). The platform's credentials go only to the platform's own address.
     */
    public Object getEndpoint(String endpoint) {
        String what = "Getting " + endpoint;
        WebRequest request = WebRequest.get(absolute(endpoint));
        return json(own(request) ? call(request, what) : http.call(request, what), what);
    }

    private String absolute(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("No URL given: pass a link of getArtifacts or a path such as /api/models");
        }
        return url.startsWith("/") ? host + url : url;
    }

    /** Whether {@code request} goes to the platform's own address (scheme, host and port): only then does it carry the credentials. */
    private boolean own(WebRequest request) {
        return request.origin().equalsIgnoreCase(WebRequest.get(host).origin());
    }

    // ---- model and report types

    public List<ModelType> getModeltypes() {
        return getModeltypes(false);
    }

    /** The model types; {@code master}: as master mode lists them. */
    public List<ModelType> getModeltypes(boolean master) {
        return getList("/api/" + (master ? "master" : "resources") + "/modeltypes", "Listing model types").stream()
                .map(ModelType::fromMap).toList();
    }

    public ModelType getModeltype(String id) {
        return getModeltype(id, false);
    }

    public ModelType getModeltype(String id, boolean master) {
        return ModelType.fromMap(getObject("/api/" + (master ? "master" : "resources") + "/modeltypes/" + segment(id),
                "Getting model type " + id));
    }

    /** The model types the user may create models of. */
    public List<ModelType> getAvailableModelTypes() {
        return getList("/api/models/availabletypes", "Listing the available model types").stream().map(ModelType::fromMap).toList();
    }

    public List<ReportType> getReporttypes() {
        return getReporttypes(false);
    }

    /** The report types; {@code master}: as master mode lists them. */
    public List<ReportType> getReporttypes(boolean master) {
        return getList("/api/" + (master ? "master" : "resources") + "/reporttypes", "Listing report types").stream()
                .map(ReportType::fromMap).toList();
    }

    public ReportType getReporttype(String id) {
        return getReporttype(id, false);
    }

    public ReportType getReporttype(String id, boolean master) {
        return ReportType.fromMap(getObject("/api/" + (master ? "master" : "resources") + "/reporttypes/" + segment(id),
                "Getting report type " + id));
    }

    /** The settings form of a model type, read from its {@code settingsSchemaPath} (without the platform's token). */
    public Schema getSchema(ModelType type) {
        return schema(type.settingsSchemaPath(), "model type " + type.name());
    }

    /** The settings form of a report type, read from its {@code settingsSchemaPath} (without the platform's token). */
    public Schema getSchema(ReportType type) {
        return schema(type.settingsSchemaPath(), "report type " + type.name());
    }

    private Schema schema(String path, String of) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("The " + of + " names no settings schema (settingsSchemaPath is empty)");
        }
        String text = http.call(WebRequest.get(absolute(path.split("\\?")[0])), "Getting the settings schema of " + of);
        return Schema.fromJson(text);
    }

    // ---- projects, applications, devices, the user

    public List<Project> getProjects() {
        return getList("/api/resources/projects", "Listing projects").stream().map(Project::fromMap).toList();
    }

    public Project getProject(String id) {
        return Project.fromMap(getObject("/api/resources/projects/" + segment(id), "Getting project " + id));
    }

    /** The application {@code id}, found among the projects' and read from its project ({@code …/classification}). */
    public Application getApplication(String id) {
        for (Project p : getProjects()) {
            for (Application a : p.applications()) {
                if (a.id().equals(id)) {
                    if (a.type() == Application.GENERIC) {
                        return a;
                    }
                    return Application.fromMap(getObject("/api/resources/projects/" + segment(p.id()) + "/applications/"
                            + segment(a.id()) + "/classification", "Getting application " + id));
                }
            }
        }
        throw new PlatformException(404, "Getting application " + id + ": no project on " + host + " has it; check the id"
                + " (getProjects() lists the projects and their applications)");
    }

    /** Creates a project (an endpoint of the local platform; the real platform's projects are made on its pages). */
    public Project createProject(String name, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description == null ? "" : description);
        String what = "Creating project '" + name + "'";
        return Project.fromMap(object(post("/api/resources/projects", body, what), what));
    }

    /**
     * Creates a classification application in a project, training on {@code trainingDatasetIds} and tested on
     * {@code testDatasetIds} (an endpoint of the local platform; the real platform's are made on its pages).
     */
    public Application createApplication(String projectId, String name, String description, List<String> trainingDatasetIds,
                                         List<String> testDatasetIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description == null ? "" : description);
        body.put("trainingDatasetIds", trainingDatasetIds == null ? List.of() : trainingDatasetIds);
        body.put("testDatasetIds", testDatasetIds == null ? List.of() : testDatasetIds);
        String what = "Creating application '" + name + "' in project " + projectId;
        return Application.fromMap(object(post("/api/resources/projects/" + segment(projectId) + "/applications", body, what), what));
    }

    public List<Device> getDevices() {
        return getList("/api/devices", "Listing devices").stream().map(Device::fromMap).toList();
    }

    public Device getDevice(String id) {
        return Device.fromMap(getObject("/api/devices/" + segment(id), "Getting device " + id));
    }

    /** The user the token belongs to, with their permissions. */
    public User getUserinfo() {
        return User.fromMap(getObject("/api/manage/index", "Getting the user's info"));
    }

    @Override
    public String toString() {
        return "PlatformApi[" + host + ", " + access.describe() + "]";
    }
}
