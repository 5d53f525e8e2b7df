package ai.brevetti.localplatform;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real platform's login routes, on the local platform: {@code POST /api/account/token} (form
 * {@code userName}, {@code password}: the user as JSON with a session {@code token}, valid
 * {@link LoginSessions#lifetime()}) and {@code GET /api/account/antiforgery} (sets the antiforgery cookie,
 * answers {@code {"requestToken": …}}). Both are open ({@link WebAccess.Role#OPEN}): no token is needed to
 * log in, but the Host and cross-origin rules hold, and an {@code Authorization} header sent must be valid.
 */
final class AccountRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);

    private final Path root;
    private final LoginSessions sessions;
    private final LoginThrottle throttle = new LoginThrottle();
    /** One password check at a time: each costs a core for a moment. */
    private final Object checking = new Object();

    AccountRoutes(Path root, LoginSessions sessions) {
        this.root = root;
        this.sessions = sessions;
    }

    void register(JavalinDefaultRoutingApi r) {
        r.post("/api/account/token", this::token, WebAccess.Role.OPEN);
        r.get("/api/account/antiforgery", this::antiforgery, WebAccess.Role.OPEN);
    }

    /** The name of the antiforgery cookie: one per port, since browsers share a host's cookies across ports. */
    static String antiforgeryCookie(int port) {
        return "brevettiai-antiforgery-" + port;
    }

    private void token(Context ctx) throws Exception {
        String type = ctx.header("Content-Type");
        if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new PlatformError(415, "Log in with the form fields userName and password (Content-Type: "
                    + "application/x-www-form-urlencoded), as the platform's SDK does");
        }
        String userName = ctx.formParam("userName");
        String password = ctx.formParam("password");
        if (userName == null || userName.isBlank() || password == null || password.isEmpty()) {
            throw new PlatformError(400, "Log in with the form fields userName and password (both given, not empty)");
        }
        Optional<Duration> wait = throttle.waitLeft();
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new PlatformError(429, "Too many failed logins in a row: try again in " + seconds + " s");
        }
        Optional<LocalUser> user = LocalUser.read(root);
        if (user.isEmpty()) {
            throw new PlatformError(403, "No user is set up on this local platform, so logging in is off (there is no default "
                    + "password). Set one with: bin/brevettiai platform password --root " + root
                    + " (or start bin/brevettiai platform at a terminal, which asks). The access token works meanwhile.");
        }
        boolean ok;
        char[] typed = password.toCharArray();
        try {
            synchronized (checking) {
                ok = user.get().matches(userName, typed);
            }
        } finally {
            java.util.Arrays.fill(typed, '\0');
        }
        if (!ok) {
            throttle.failed();
            LOG.warn("A login to the local platform failed (wrong user name or password)");
            throw new PlatformError(401, "Wrong user name or password");
        }
        throttle.succeeded();
        Map<String, Object> answer = user.get().json();
        answer.put("token", sessions.open(user.get()).reveal());
        answer.put("expiresIn", sessions.lifetime().toSeconds());
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }

    private void antiforgery(Context ctx) {
        String cookie = sessions.newCookieToken();
        Optional<LoginSessions.LoginSession> session = Optional.ofNullable(ctx.attribute(WebAccess.SESSION));
        ctx.header("Set-Cookie", antiforgeryCookie(ctx.req().getLocalPort()) + "=" + cookie + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("requestToken", sessions.requestToken(cookie, session)));
    }
}
