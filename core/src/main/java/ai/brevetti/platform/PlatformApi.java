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
        List<Path> files = DatasetFolder.scan(folder).files();
        StsCredentials credentials = getDatasetCredentials(dataset.id());
        try (S3Storage s3 = new S3Storage().route(dataset.bucket(), credentials::toS3Access)) {
            IoTools io = new IoTools().register(s3);
            AtomicLong bytes = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> uploads = new ArrayList<>();
                for (Path file : files) {
                    String target = IoTools.join(dataset.bucket(), folder.relativize(file).toString().replace('\\', '/'));
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
        return "PlatformApi[" + host + ", " + access.describe() + "]";
    }
}
