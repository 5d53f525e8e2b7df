package ai.brevetti.localplatform;

import ai.brevetti.internal.Json;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A job's S3 credentials for a process in a container, as the AWS SDKs' container-credentials provider
 * asks for them (docs/local-platform.md, "Container credentials"): the user asks for the container's
 * environment ({@code POST /api/models/{id}/containercredentials}, the user's access token), the SDK in
 * the container asks {@code GET} the same URL with {@code Authorization: <token>} and gets
 * {@code {AccessKeyId, SecretAccessKey, Token, Expiration}}. The GET is a {@link WebAccess.Role#JOB} route:
 * the token is checked here, before anything about the model is looked up.
 */
final class ContainerCredentialRoutes {
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(1);
    static final Duration MAX_VALIDITY = Duration.ofDays(30);
    private static final Duration MIN_VALIDITY = Duration.ofMinutes(1);

    private final PlatformStore store;
    private final S3Server s3;
    private final JobGrants grants;
    private final ContainerTokens tokens;
    private final Supplier<String> loopbackUrl;

    /** @param loopbackUrl the platform's address as a process on this machine reaches it ({@code http://127.0.0.1:<port>}) */
    ContainerCredentialRoutes(PlatformStore store, S3Server s3, ContainerTokens tokens, Supplier<String> loopbackUrl) {
        this.store = store;
        this.s3 = s3;
        this.grants = new JobGrants(store, s3);
        this.tokens = tokens;
        this.loopbackUrl = loopbackUrl;
    }

    void register(JavalinDefaultRoutingApi r) {
        r.post("/api/models/{id}/containercredentials", this::environment);
        r.get("/api/models/{id}/containercredentials", this::credentials, WebAccess.Role.JOB);
    }

    /** The environment for job {@code id}'s container; an {@link IllegalArgumentException} for an unknown job or validity. */
    ContainerCredentials issue(String id, Duration validFor) {
        ModelRecord model = store.model(PlatformStore.safe(id))
                .orElseThrow(() -> new IllegalArgumentException("No model " + id + " on this platform"));
        if (validFor.compareTo(MIN_VALIDITY) < 0 || validFor.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("A container token lasts 60 s to 30 days, not " + validFor.toSeconds() + " s");
        }
        Instant expires = Instant.now().plus(validFor).plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new ContainerCredentials(URI.create(loopbackUrl.get() + "/api/models/" + model.id() + "/containercredentials"),
                tokens.issue(model.id(), expires), s3.endpoint(), LocalPlatform.REGION, expires);
    }

    private void environment(Context ctx) {
        String id = ctx.pathParam("id");
        if (store.model(PlatformStore.safe(id)).isEmpty()) {
            throw new PlatformError(404, "No model " + id + " on this platform");
        }
        Duration validity = DEFAULT_VALIDITY;
        String body = ctx.body();
        if (body != null && !body.isBlank()) {
            Object seconds;
            try {
                seconds = Json.parseObject(body).get("validSeconds");
            } catch (Exception e) {
                throw new PlatformError(400, "The request body is not a JSON object: " + e.getMessage());
            }
            if (seconds != null) {
                if (!(seconds instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new PlatformError(400, "\"validSeconds\" must be a whole number of seconds, not " + Json.write(seconds));
                }
                validity = Duration.ofSeconds(n.longValue());
            }
        }
        ContainerCredentials issued;
        try {
            issued = issue(id, validity);
        } catch (IllegalArgumentException e) {
            throw new PlatformError(400, e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("environment", issued.environment());
        answer.put("expires", issued.expires().toString());
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }

    private void credentials(Context ctx) {
        String id = ctx.pathParam("id");
        tokens.problem(ctx.header("Authorization"), id, Instant.now()).ifPresent(why -> {
            throw new PlatformError(401, "Container credentials of model " + id + " refused: " + why);
        });
        ModelRecord model = store.model(PlatformStore.safe(id)).orElseThrow(() -> new PlatformError(404, "No model " + id + " on this platform"));
        S3Grant grant = grants.forJob(model);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("AccessKeyId", grant.accessKeyId());
        answer.put("SecretAccessKey", grant.secret());
        answer.put("Token", grant.sessionToken());
        answer.put("Expiration", grant.expires().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }
}
