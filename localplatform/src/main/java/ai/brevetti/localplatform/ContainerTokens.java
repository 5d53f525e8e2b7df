package ai.brevetti.localplatform;

import ai.brevetti.platform.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens a container presents for its job's credentials ({@code AWS_CONTAINER_AUTHORIZATION_TOKEN}):
 * {@code bcc1.<job id, base64url>.<expiry, epoch seconds>.<HMAC-SHA256>}. The key is derived from the
 * platform's access token, so a token holds for one job until its expiry, across restarts on the same
 * root, with nothing stored; changing any character of it breaks the signature.
 */
final class ContainerTokens {
    private static final String VERSION = "bcc1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    ContainerTokens(Secret accessToken) {
        this.key = hmac(accessToken.reveal().getBytes(StandardCharsets.UTF_8), "brevettiai local platform container credentials");
    }

    /** A token for job {@code jobId} that stops working at {@code expires} (whole seconds). */
    Secret issue(String jobId, Instant expires) {
        String body = VERSION + "." + B64.encodeToString(jobId.getBytes(StandardCharsets.UTF_8)) + "." + expires.getEpochSecond();
        return Secret.of(body + "." + B64.encodeToString(hmac(key, body)));
    }

    /**
     * Why {@code token} does not give job {@code jobId}'s credentials at {@code now}; empty when it does.
     * The reasons never repeat the token.
     */
    Optional<String> problem(String token, String jobId, Instant now) {
        if (token == null || token.isBlank()) {
            return Optional.of("no container token: send AWS_CONTAINER_AUTHORIZATION_TOKEN as the Authorization header");
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            return Optional.of("not a container token of this platform");
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Optional.of("not a container token of this platform");
        }
        if (!MessageDigest.isEqual(presented, hmac(key, body))) {
            return Optional.of("not a container token of this platform (ask it for one: POST /api/models/<id>/containercredentials)");
        }
        String owner = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        if (!owner.equals(jobId)) {
            return Optional.of("the container token is for another job, not " + jobId);
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        if (!now.isBefore(expires)) {
            return Optional.of("the container token expired at " + expires + "; ask the platform for a new one");
        }
        return Optional.empty();
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ContainerTokens[****]";
    }
}
