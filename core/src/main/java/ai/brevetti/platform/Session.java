package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.WebRequest;
import ai.brevetti.internal.WebResponse;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login session on the platform, as Python's SDK keeps one: {@code POST /api/account/token} (form
 * {@code userName}, {@code password}) answers the user with a bearer token; {@code GET
 * /api/account/antiforgery} (with that token) answers the {@code requestToken} and sets the antiforgery
 * cookie. Every call then carries {@code Authorization: Bearer}, {@code X-XSRF-TOKEN} and the session's
 * cookies (one jar per login, as ASP.NET's antiforgery pairs its cookie with the header).
 *
 * <p>The login happens at the first call (or at once, {@link #loginNow}). A session lasts {@link #LIFETIME}:
 * a call after that logs in again first. A call refused with 401 on a session that was not fresh logs
 * in again once with the kept credentials and is sent once more (a 401 means the platform did nothing,
 * so a POST is safe to repeat); a 401 right after a login is final: a "not authorized" error naming the
 * user and the platform. The password lives in memory for those logins; it is in no message or log.
 */
final class Session implements ApiAccess {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** How long the platform's sessions last (Python's SDK: 60 minutes). */
    static final Duration LIFETIME = Duration.ofMinutes(60);
    static final String XSRF_HEADER = "X-XSRF-TOKEN";

    /** A logged-in session: its token, antiforgery token and cookies, when it began, whom it is for. */
    private record State(Secret token, Secret requestToken, CookieManager cookies, long loggedInAt, LoginUser user) {
    }

    /** The state a call uses, and whether the call itself logged in for it. */
    private record Use(State state, boolean fresh) {
    }

    private final String host;
    private final URI hostUri;
    private final CredentialChain chain;
    private final Duration lifetime;
    private final Optional<RememberedCredentials> rememberIn;
    private final LongSupplier nanoClock;
    private CredentialChain.Found credentials;
    private State state;

    /**
     * @param rememberIn where to remember the credentials after a login (Python's {@code remember_me}), if anywhere
     */
    Session(String host, CredentialChain chain, Duration lifetime, Optional<RememberedCredentials> rememberIn) {
        this(host, chain, lifetime, rememberIn, System::nanoTime);
    }

    Session(String host, CredentialChain chain, Duration lifetime, Optional<RememberedCredentials> rememberIn, LongSupplier nanoClock) {
        this.host = host;
        this.hostUri = uri(host);
        this.chain = chain;
        this.lifetime = lifetime;
        this.rememberIn = rememberIn;
        this.nanoClock = nanoClock;
    }

    private static URI uri(String host) {
        try {
            return new URI(host + "/");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a platform address: '" + host + "'", e);
        }
    }

    /** Logs in now (a wrong password fails here, as Python's {@code PlatformAPI(…)} does). */
    synchronized void loginNow(HttpCalls http) {
        state = login(http, "Logging in to " + host, null);
    }

    @Override
    public WebResponse exchange(HttpCalls http, WebRequest request, String what, HttpCalls.Transfer transfer) {
        Use use = current(http, what);
        WebResponse answer = send(http, request, use.state(), transfer);
        if (answer.status() == 401 && !use.fresh()) {
            State renewed = renew(http, use.state(), what);
            answer = send(http, request, renewed, transfer);
            use = new Use(renewed, true);
        }
        if (answer.status() == 401) {
            String detail = HttpCalls.serverMessage(answer.text());
            throw new PlatformException(401, mask(what + ": not authorized: the platform at " + host + " refused the session of "
                    + use.state().user().userName() + " right after logging in (401)" + (detail.isEmpty() ? "" : ": " + detail)
                    + ". Does this account have access to it?"));
        }
        try {
            return http.checked(answer, request, what);
        } catch (PlatformException e) {
            throw new PlatformException(e.status(), mask(e.getMessage()));
        }
    }

    @Override
    public synchronized Optional<LoginUser> user() {
        return Optional.ofNullable(state).map(State::user);
    }

    @Override
    public synchronized String describe() {
        return state != null ? "user " + state.user().userName()
                : credentials != null ? "user " + credentials.credentials().userName() + ", not logged in" : "not logged in";
    }

    // ---- the session's state

    /** The session to call with: logged in when there was none, or again when it has lasted its lifetime. */
    private synchronized Use current(HttpCalls http, String what) {
        if (state == null) {
            state = login(http, what, null);
            return new Use(state, true);
        }
        long age = nanoClock.getAsLong() - state.loggedInAt();
        if (age >= lifetime.toNanos()) {
            state = login(http, what, "the session had lasted " + human(Duration.ofNanos(age)));
            return new Use(state, true);
        }
        return new Use(state, false);
    }

    /** A new login after {@code refused} was refused, unless another call already made one. */
    private synchronized State renew(HttpCalls http, State refused, String what) {
        if (state == refused) {
            state = login(http, what, "the platform refused the session (401)");
        }
        return state;
    }

    private WebResponse send(HttpCalls http, WebRequest request, State s, HttpCalls.Transfer transfer) {
        WebRequest authorized = request.header("Authorization", "Bearer " + s.token().reveal())
                .header(XSRF_HEADER, s.requestToken().reveal());
        Optional<String> cookie = cookieHeader(s.cookies(), request);
        if (cookie.isPresent()) {
            authorized = authorized.header("Cookie", cookie.get());
        }
        WebResponse answer = transfer.send(http, authorized);
        keepCookies(s.cookies(), request, answer);
        return answer;
    }

    // ---- logging in

    /** Logs in with the chain's credentials (found once, then kept), fetches the antiforgery token, remembers when asked. */
    private State login(HttpCalls http, String what, String renewal) {
        if (credentials == null) {
            credentials = chain.find(host, what);
        }
        Credentials c = credentials.credentials();
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("userName", c.userName());
        form.put("password", c.password().reveal());
        WebRequest post = WebRequest.post(host + "/api/account/token", WebRequest.Body.form(form));
        String doing = "Logging in to " + host + " as " + c.userName();
        WebResponse answer = http.send(post, doing);
        if (!answer.successful()) {
            throw loginFailed(answer, credentials);
        }
        keepCookies(cookies, post, answer);
        Map<String, Object> user = object(answer.text(), doing + ": the platform's login answer");
        Object token = user.get("token");
        if (!(token instanceof String t) || t.isBlank()) {
            throw new PlatformException(0, doing + ": the platform's login answer has no token (is " + host + " the platform?)");
        }
        Secret bearer = Secret.of(t);
        Secret requestToken = antiforgery(http, bearer, cookies, doing);
        LoginUser who = LoginUser.fromMap(user, c.userName());
        if (rememberIn.isPresent() && !credentials.remembered()) {
            rememberIn.get().remember(host, c);
            LOG.info("Remembered the credentials of {} for {} in {}", c.userName(), host, rememberIn.get().file());
        }
        if (renewal == null) {
            LOG.info("Logged in to {} as {}", host, who.displayName());
        } else {
            LOG.info("Logged in to {} again as {} ({})", host, who.userName(), renewal);
        }
        return new State(bearer, requestToken, cookies, nanoClock.getAsLong(), who);
    }

    /** {@code GET /api/account/antiforgery} as the new session: its {@code requestToken}; its cookie goes to the jar. */
    private Secret antiforgery(HttpCalls http, Secret bearer, CookieManager cookies, String doing) {
        WebRequest get = WebRequest.get(host + "/api/account/antiforgery").header("Authorization", "Bearer " + bearer.reveal());
        WebResponse answer = http.send(get, doing);
        keepCookies(cookies, get, answer);
        String what = doing + ": the antiforgery token";
        if (!answer.successful()) {
            String detail = HttpCalls.serverMessage(answer.text());
            throw new PlatformException(answer.status(), mask(bearer.mask(doing + ": " + (answer.status() == 401
                    ? "not authorized: the platform at " + host + " refused the new session (401) when asked for its antiforgery token"
                    : "the antiforgery token could not be fetched (" + answer.status() + " at " + host + "/api/account/antiforgery)")
                    + (detail.isEmpty() ? "" : ": " + detail))));
        }
        Object token = object(answer.text(), what).get("requestToken");
        if (!(token instanceof String t) || t.isBlank()) {
            throw new PlatformException(0, what + ": the answer has no requestToken");
        }
        return Secret.of(t);
    }

    /** "Could not log in: …" (Python's message), with whose credentials and what to do; never the password. */
    private PlatformException loginFailed(WebResponse answer, CredentialChain.Found found) {
        int status = answer.status();
        Credentials c = found.credentials();
        String detail = c.password().mask(HttpCalls.serverMessage(answer.text()));
        String reason = detail.isEmpty() ? switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> "HTTP " + status;
        } : detail;
        String fix = switch (status) {
            case 400, 401 -> found.remembered()
                    ? ". The remembered password may be out of date: log in again with rememberMe, or forget it with "
                    + "bin/brevettiai logout --host " + host
                    : ". Check the user name and password (" + found.source() + ")";
            case 404, 405 -> ". Is " + host + " the platform (check --host)?";
            default -> "";
        };
        return new PlatformException(status, "Could not log in to " + host + " as " + c.userName() + ": " + reason + " ("
                + status + ")" + fix);
    }

    // ---- helpers

    private static Map<String, Object> object(String text, String what) {
        try {
            return Json.parseObject(text);
        } catch (IOException | RuntimeException e) {
            throw new PlatformException(0, what + " is not a JSON object");
        }
    }

    private Optional<String> cookieHeader(CookieManager cookies, WebRequest request) {
        try {
            List<String> values = cookies.get(request.url().toURI(), Map.of()).getOrDefault("Cookie", List.of());
            return values.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", values));
        } catch (IOException | URISyntaxException e) {
            return Optional.empty();
        }
    }

    private void keepCookies(CookieManager cookies, WebRequest request, WebResponse answer) {
        List<String> set = answer.headers("Set-Cookie");
        if (set.isEmpty()) {
            return;
        }
        try {
            cookies.put(request.url().toURI(), Map.of("Set-Cookie", set));
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            LOG.debug("A cookie of {} was not kept: {}", hostUri, e.getClass().getSimpleName());
        }
    }

    /** {@code text} with the session's token, antiforgery token and password masked. */
    private synchronized String mask(String text) {
        String masked = text;
        if (state != null) {
            masked = state.requestToken().mask(state.token().mask(masked));
        }
        if (credentials != null) {
            masked = credentials.credentials().password().mask(masked);
        }
        return masked;
    }

    private static String human(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }
}
