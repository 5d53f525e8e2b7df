package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.WebRequest;
import ai.brevetti.internal.WebRequest.Body;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.S3Storage;
import java.io.IOException;
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
 * The platform's web API (Python's {@code PlatformAPI}): datasets and models, as a user manages them.
 * Every call carries a bearer token ({@code Authorization: Bearer …}): the one saved for the host in the
 * user's {@link PlatformTokens} (the local platform's access token, saved by {@code bin/brevettiai
 * platform}), or one given with {@link #withToken}.
 */
public final class PlatformApi {
    private final String host;
    private final Optional<Secret> token;
    private final HttpCalls http;
    private final String dataBucket;
    private final PlatformTokens tokens;

    private PlatformApi(String host, Optional<Secret> token, String dataBucket, PlatformTokens tokens) {
        this.host = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        this.token = token;
        this.http = new HttpCalls(token);
        this.dataBucket = dataBucket;
        this.tokens = tokens;
    }

    /**
     * The web API at {@code host}, e.g. {@code http://127.0.0.1:8800}, with the token the user's
     * {@link PlatformTokens} (in {@code $BREVETTIAI_CONFIG_DIR}, else {@code ~/.brevettiai}) hold for it, if any.
     */
    public static PlatformApi connect(String host) {
        return connect(host, PlatformTokens.forUser(System.getenv()));
    }

    /** The web API at {@code host} with the token {@code tokens} hold for it, if any. */
    public static PlatformApi connect(String host, PlatformTokens tokens) {
        return new PlatformApi(HostUrl.check(host), tokens.find(host), JobBuilder.DEFAULT_DATA_BUCKET, tokens);
    }

    /** The web API at {@code host} with this bearer token (e.g. a local platform's {@code accessToken()}). */
    public static PlatformApi connect(String host, Secret token) {
        return new PlatformApi(HostUrl.check(host), Optional.of(token), JobBuilder.DEFAULT_DATA_BUCKET, null);
    }

    /** The same API authenticating with a bearer token. */
    public PlatformApi withToken(String bearerToken) {
        return new PlatformApi(host, Optional.of(Secret.of(bearerToken)), dataBucket, null);
    }

    public String host() {
        return host;
    }

    /** The call; a 401 says which token was sent and where a right one comes from. */
    private String call(WebRequest request, String what) {
        WebRequest authorized = token.map(t -> request.header("Authorization", "Bearer " + t.reveal())).orElse(request);
        try {
            return http.call(authorized, what);
        } catch (PlatformException e) {
            if (e.status() != 401) {
                throw e;
            }
            String source = tokens == null ? "the token given to withToken" : "the token saved for " + host + " in " + tokens.file();
            throw new PlatformException(401, what + ": not authorized by the platform at " + host + " (401): "
                    + (token.isEmpty() ? "no access token for it" + (tokens == null ? "" : " in " + tokens.file())
                    + ". For the local platform, bin/brevettiai platform saves its token there when it starts (use the same "
                    + "BREVETTIAI_CONFIG_DIR for both); or give one with PlatformApi.withToken"
                    : source + " was refused: it is not this platform's (another platform root, or another user's platform "
                    + "on that port?). Start your platform again with bin/brevettiai platform to save its token"), e);
        }
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

    // ---- datasets

    /** Creates an empty dataset. */
    public Dataset createDataset(String name, String reference, String notes, List<String> tagIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tagIds", tagIds);
        body.put("reference", reference);
        body.put("notes", notes);
        String what = "Creating dataset '" + name + "'";
        return Dataset.fromMap(object(call(WebRequest.post(host + "/api/data/", Body.json(Json.write(body))), what),
                what), dataBucket).bind(new IoTools(), host);
    }

    public List<Dataset> getDatasets() {
        String what = "Listing datasets";
        return list(call(WebRequest.get(host + "/api/data"), what), what).stream()
                .map(d -> Dataset.fromMap(d, dataBucket).bind(new IoTools(), host)).toList();
    }

    public Dataset getDataset(String id) {
        String what = "Getting dataset " + id;
        return Dataset.fromMap(object(call(WebRequest.get(host + "/api/data/" + id), what), what), dataBucket)
                .bind(new IoTools(), host);
    }

    /** Temporary S3 credentials with write access to the dataset's files. */
    public StsCredentials getDatasetCredentials(String id) {
        String xml = call(WebRequest.get(host + "/api/data/" + id + "/securitycredentials"),
                "Getting S3 credentials for dataset " + id);
        return StsCredentials.parse(xml, "the platform at " + host);
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
            try {
                List<Future<?>> uploads = new ArrayList<>();
                for (Path file : files) {
                    String target = dataset.getLocation(mode, folder.relativize(file).toString().replace('\\', '/'));
                    uploads.add(pool.submit(() -> {
                        byte[] content = Files.readAllBytes(file);
                        io.writeFile(target, content);
                        bytes.addAndGet(content.length);
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

    // ---- models

    /** Creates a model (a training job) on {@code datasetIds} with {@code settings}; its API key comes back. */
    public Model createModel(String name, List<String> datasetIds, Map<String, ?> settings, List<String> tagIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("modelTypeId", "a0aaad69-c032-41c1-a68c-e9a15a5fb18c");
        body.put("settings", Json.writeSorted(settings == null ? Map.of() : settings));
        body.put("datasetIds", datasetIds);
        body.put("tagIds", tagIds);
        String what = "Creating model '" + name + "'";
        return Model.fromMap(object(call(WebRequest.post(host + "/api/models", Body.json(Json.write(body))), what), what));
    }

    /** Creates a test report of model {@code modelId} on {@code datasetIds} (the model's when empty); its API key comes back. */
    public Model createTestReport(String modelId, List<String> datasetIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("modelId", modelId);
        body.put("submitToGoogleCloud", false);
        if (!datasetIds.isEmpty()) {
            body.put("datasetIds", datasetIds);
        }
        String what = "Creating a test report of model " + modelId;
        return Model.fromMap(object(call(WebRequest.post(host + "/api/models/" + modelId + "/createtestreport",
                Body.json(Json.write(body))), what), what));
    }

    public Model getModel(String id) {
        String what = "Getting model " + id;
        return Model.fromMap(object(call(WebRequest.get(host + "/api/models/" + id), what), what));
    }

    public List<Model> getModels() {
        String what = "Listing models";
        return list(call(WebRequest.get(host + "/api/models"), what), what).stream().map(Model::fromMap).toList();
    }

    public void deleteModel(String id) {
        call(WebRequest.delete(host + "/api/models/" + id), "Deleting model " + id);
    }

    @Override
    public String toString() {
        return "PlatformApi[" + host + "]";
    }
}
