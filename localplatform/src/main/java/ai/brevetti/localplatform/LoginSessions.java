package ai.brevetti.localplatform;

import ai.brevetti.platform.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The login sessions of the local platform's user, and their antiforgery tokens, in memory (a restart
 * ends them, as it ends the S3 credentials). A session token is 256 random bits; only its SHA-256 is kept.
 * A session lasts {@link #DEFAULT_LIFETIME} (the real platform's) and ends early when the user's password
 * is set again.
 *
 * <p>Antiforgery, as ASP.NET pairs a cookie with a header: {@code GET /api/account/antiforgery} sets a
 * random cookie token and answers the request token {@code HMAC(key, cookie token | session)}, with a key
 * made at start. A change made with a session must send that request token as {@code X-XSRF-TOKEN} with
 * the cookie, both of the same session.
 */
final class LoginSessions {
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(60);
    /** The most sessions kept; the oldest goes first. */
    static final int MAX_SESSIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session: its user, the user's stamp when it began, and when it ends (nanoTime). */
    record LoginSession(String digest, String userName, String stamp, long startedAt, long endsAt) {
    }

    /** What a presented token is. */
    enum Status { VALID, EXPIRED, ENDED, UNKNOWN }

    record Check(Status status, Optional<LoginSession> session) {
    }

    private final Path root;
    private final Map<String, LoginSession> sessions = new ConcurrentHashMap<>();
    private final byte[] antiforgeryKey = random(32);
    private volatile Duration lifetime = DEFAULT_LIFETIME;

    LoginSessions(Path root) {
        this.root = root;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A new session of {@code user}: its token. */
    Secret open(LocalUser user) {
        long now = System.nanoTime();
        sessions.values().removeIf(s -> now - s.endsAt() >= 0);
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min(Comparator.comparingLong(LoginSession::startedAt))
                    .ifPresent(oldest -> sessions.remove(oldest.digest()));
        }
        String token = encode(random(32));
        String digest = digest(token);
        sessions.put(digest, new LoginSession(digest, user.userName(), user.stamp(), now, now + lifetime.toNanos()));
        return Secret.of(token);
    }

    /** What {@code token} is: a live session, one that expired or ended, or none of this platform's. */
    Check check(String token) throws IOException {
        LoginSession session = sessions.get(digest(token));
        if (session == null) {
            return new Check(Status.UNKNOWN, Optional.empty());
        }
        if (System.nanoTime() - session.endsAt() >= 0) {
            sessions.remove(session.digest());
            return new Check(Status.EXPIRED, Optional.of(session));
        }
        Optional<LocalUser> user = LocalUser.read(root);
        if (user.isEmpty() || !user.get().stamp().equals(session.stamp())) {
            sessions.remove(session.digest());
            return new Check(Status.ENDED, Optional.of(session));
        }
        return new Check(Status.VALID, Optional.of(session));
    }

    // ---- antiforgery

    /** A new cookie token. */
    String newCookieToken() {
        return encode(random(32));
    }

    /** The request token that goes with {@code cookieToken} for {@code session} (none: an anonymous request). */
    String requestToken(String cookieToken, Optional<LoginSession> session) {
        String bound = cookieToken + "|" + session.map(LoginSession::digest).orElse("anonymous");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(antiforgeryKey, "HmacSHA256"));
            return encode(mac.doFinal(bound.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code header} is the request token of {@code cookieToken} for {@code session}, compared in constant time. */
    boolean validRequestToken(String header, String cookieToken, LoginSession session) {
        if (header == null || cookieToken == null || header.isEmpty() || cookieToken.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(header), sha256(requestToken(cookieToken, Optional.of(session))));
    }

    private static String digest(String token) {
        return encode(sha256(token));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "LoginSessions[" + sessions.size() + " open, " + lifetime + "]";
    }
}
