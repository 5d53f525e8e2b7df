package ai.brevetti.platform;

import ai.brevetti.interfaces.monitor.RemoteMonitor;
import ai.brevetti.internal.Json;
import ai.brevetti.internal.RetryWindow;
import ai.brevetti.internal.Urls;
import ai.brevetti.internal.WebRequest;
import ai.brevetti.internal.WebRequest.Body;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A job's calls to a platform over HTTP (the real one or the local one): temporary S3 credentials,
 * charts, training progress, root tags and completion, authenticated with the job's API key.
 */
public final class HttpPlatformClient implements PlatformClient {
    private final String host;
    private final String jobId;
    private final Secret apiKey;
    private final ApiEndpoints endpoints;
    private final HttpCalls http;
    /** The S3 secrets handed to this job: masked in whatever it reports. */
    private final Set<Secret> given;

    private HttpPlatformClient(String host, String jobId, Secret apiKey, ApiEndpoints endpoints, HttpCalls http, Set<Secret> given) {
        this.host = stripSlash(host);
        this.jobId = jobId;
        this.apiKey = apiKey;
        this.endpoints = endpoints;
        this.http = http;
        this.given = given;
    }

    /** A client for job {@code jobId} at {@code host}, with the platform's standard endpoints. */
    public static HttpPlatformClient forJob(String host, String jobId, Secret apiKey) {
        return new HttpPlatformClient(HostUrl.check(host), jobId, apiKey, new ApiEndpoints(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), new HttpCalls(Optional.of(apiKey)).withRetry(RetryWindow::forJobs),
                ConcurrentHashMap.newKeySet());
    }

    /** The same client using the endpoints info.json names (where given). */
    public HttpPlatformClient withEndpoints(ApiEndpoints given) {
        return new HttpPlatformClient(host, jobId, apiKey, new ApiEndpoints(
                given.charts().or(endpoints::charts), given.complete().or(endpoints::complete),
                given.remote().or(endpoints::remote), given.securityCredentials().or(endpoints::securityCredentials)), http, this.given);
    }

    /** The same client retrying idempotent calls through the window {@code retry} gives (it shares the secrets it hands out). */
    HttpPlatformClient withRetry(java.util.function.Supplier<RetryWindow> retry) {
        return new HttpPlatformClient(host, jobId, apiKey, endpoints, http.withRetry(retry), given);
    }

    private String base() {
        return "/api/models/" + jobId;
    }

    private String key() {
        return "?key=" + Urls.quote(apiKey.reveal(), "");
    }

    private String charts() {
        return endpoints.charts().orElse(base() + "/charts" + key());
    }

    private String complete() {
        return endpoints.complete().orElse(base() + "/complete" + key() + "&modelPath=");
    }

    private String remote() {
        return endpoints.remote().orElse(base() + "/remotemonitor" + key());
    }

    private String credentials() {
        return endpoints.securityCredentials().orElse(base() + "/securitycredentials" + key());
    }

    @Override
    public String describe() {
        return "the platform at " + host;
    }

    public String host() {
        return host;
    }

    /**
     * Temporary S3 credentials for the job's folder ({@code "job"}) or one of its datasets ({@code "dataset"}).
     */
    public StsCredentials securityCredentials(String resourceType, String resourceId) {
        String param = "dataset".equals(resourceType) ? "&datasetId=" : "&modelId=";
        String url = host + credentials() + param + Urls.quote(resourceId, "");
        String xml = http.call(WebRequest.get(url),
                "Getting S3 credentials for " + resourceType + " " + resourceId);
        StsCredentials credentials = StsCredentials.parse(xml, describe());
        given.add(credentials.secretAccessKey());
        given.add(credentials.sessionToken());
        return credentials;
    }

    @Override
    public void uploadChart(String name, String vegaLiteJson) {
        String url = host + charts() + "&name=" + Urls.quote(name, "");
        // keyed by its name: sending it twice stores it once
        http.call(WebRequest.post(url, Body.json(vegaLiteJson)),
                "Uploading chart '" + name + "'", true);
    }

    /** Posts one training-progress point, as form field {@code data} or as a JSON body. */
    public void postRemoteMonitor(Map<String, ?> point, boolean asJson) {
        String json = Json.write(point);
        Body body = asJson ? Body.json(json) : Body.form("data", json);
        http.call(WebRequest.post(host + remote(), body), "Posting training progress");
    }

    /** The remote-monitor endpoint relative to the host, with the API key: never print it. */
    public String remoteMonitorPath() {
        return remote();
    }

    /** A {@link RemoteMonitor} posting to this job's remote-monitor endpoint (Python's {@code get_remote_monitor()}). */
    @Override
    public RemoteMonitor remoteMonitor() {
        return new RemoteMonitor(host, remote());
    }

    @Override
    public List<Tag> getRootTags() {
        String url = host + "/api/resources/roottags" + key() + "&id=" + Urls.quote(jobId, "");
        String json = http.call(WebRequest.get(url), "Getting the root tags");
        try {
            List<Tag> tags = new ArrayList<>();
            for (Object t : Json.parseList(json)) {
                if (t instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> map = (Map<String, ?>) m;
                    tags.add(Tag.fromMap(map));
                }
            }
            return tags;
        } catch (Exception e) {
            throw new PlatformException(0, "The root tags from " + describe() + " are not a JSON list: " + e.getMessage(), e);
        }
    }

    @Override
    public void complete(Optional<String> modelPath, String outputArgs) {
        String url = host + complete() + modelPath.map(Urls::quote).orElse("") + outputArgs;
        http.call(WebRequest.post(url, Body.empty()), "Completing the job", true);
    }

    /**
     * {@code POST {host}/api/models/{id}/fail?key=…} with {@code {"message": …}}: the local platform's
     * endpoint in the style of {@code complete} (the SDK has none; see docs/decisions.md). The message is
     * masked again here: nothing this client knows as a secret leaves with it.
     */
    @Override
    public void fail(String message) {
        String url = host + base() + "/fail" + key();
        String body = Json.writePython(Map.of("message", FailureMessage.of(message, secrets())));
        http.call(WebRequest.post(url, Body.json(body)), "Reporting the job's failure", true);
    }

    @Override
    public Collection<Secret> secrets() {
        List<Secret> all = new ArrayList<>(given);
        all.add(apiKey);
        return all;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "HttpPlatformClient[" + host + ", job " + jobId + "]";
    }
}
