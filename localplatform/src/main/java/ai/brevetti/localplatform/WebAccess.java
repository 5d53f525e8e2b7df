package ai.brevetti.localplatform;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.security.RouteRole;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Who may do what on the local platform's HTTP server, decided here for every request before a route
 * runs (see docs/security.md):
 *
 * <ol>
 *   <li>{@code Host} must name the platform: {@code 127.0.0.1}, {@code localhost}, {@code [::1]} or the
 *       address it listens on (for every interface: the machine's addresses), with its port; anything
 *       else (a DNS-rebinding page) gets 421.</li>
 *   <li>A request that changes something (not GET/HEAD/OPTIONS) from a browser page of another origin
 *       ({@code Origin}, {@code Sec-Fetch-Site}) gets 403.</li>
 *   <li>Job routes ({@link Role#JOB}) check the job's API key themselves ({@code ?key=}); public routes
 *       ({@link Role#PUBLIC}: the settings forms) are read by anyone on the allowed hosts.</li>
 *   <li>The login routes ({@link Role#OPEN}) need nothing more; an {@code Authorization} header sent to
 *       them must be valid all the same.</li>
 *   <li>Every other route needs the user: {@code Authorization: Bearer <access token>}, or the token of
 *       a login session ({@link LoginSessions}); a change (not GET/HEAD/OPTIONS) made with a session must
 *       also carry its antiforgery token ({@code X-XSRF-TOKEN} with its cookie; 400 otherwise). Page routes
 *       ({@link Role#PAGE}: pages, static files, downloads, the progress a page polls) also take the
 *       session cookie the login link sets, for GET only and not from another origin's page (a link
 *       followed to a page is fine). A wrong token is 401, never ignored.</li>
 *   <li>The user's JSON routes take a body only as {@code application/json} (415 otherwise).</li>
 * </ol>
 *
 * A route without a role is the user's: a new route is closed until it says otherwise.
 */
final class WebAccess {
    /** What a route is, for access: unmarked routes belong to the user's web API. */
    enum Role implements RouteRole {
        /** A job's endpoint, authenticated by the route with the job's API key. */
        JOB,
        /** A page, a static file, a download or JSON a page reads: the session cookie also works (GET). */
        PAGE,
        /** The login and antiforgery routes: open to all who pass the Host and origin rules. */
        OPEN,
        /** Public information anyone may read (GET): the model types' settings forms, as the real platform serves them. */
        PUBLIC
    }

    /** The request attribute holding the caller's login session, when it called with one. */
    static final String SESSION = "brevettiai.session";
    static final String XSRF_HEADER = "X-XSRF-TOKEN";

    /** The login link's query parameter: {@code /?token=…}. */
    static final String LOGIN_PARAM = "token";

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final AccessToken token;
    private final LoginSessions sessions;
    private final Set<String> hostNames;

    /** @param listenHost the address the platform listens on (also accepted as {@code Host}; a wildcard: every interface's address) */
    WebAccess(AccessToken token, LoginSessions sessions, String listenHost) {
        this.token = token;
        this.sessions = sessions;
        Set<String> names = new LinkedHashSet<>(LOOPBACK);
        String h = listenHost == null ? "" : listenHost.strip().toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        if (!h.isEmpty()) {
            names.add(h);
        }
        if (h.equals("0.0.0.0") || h.equals("[::]") || h.equals("[0:0:0:0:0:0:0:0]")) {
            names.addAll(interfaceAddresses());
        }
        this.hostNames = Set.copyOf(names);
    }

    /** The machine's own addresses (as {@code Host} names them): what reaches a platform listening on every interface. */
    private static Set<String> interfaceAddresses() {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress().toLowerCase(Locale.ROOT);
                    int scope = text.indexOf('%');
                    text = scope < 0 ? text : text.substring(0, scope);
                    out.add(address instanceof Inet6Address ? "[" + text + "]" : text);
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: the loopback names remain
        }
        return out;
    }

    void register(JavalinDefaultRoutingApi r) {
        r.before(this::hostAndOrigin);
        r.beforeMatched(this::authorize);
    }

    /** The name of the pages' session cookie: one per port, since browsers share a host's cookies across ports. */
    static String cookieName(int port) {
        return "brevettiai-session-" + port;
    }

    // ---- every request: Host and the origin of changes

    private void hostAndOrigin(Context ctx) {
        int port = ctx.req().getLocalPort();
        String host = ctx.header("Host");
        if (!allowedHost(host, port)) {
            throw new PlatformError(421, "This platform answers only as http://127.0.0.1:" + port + " (or localhost); the request named "
                    + (host == null ? "no host" : "the host '" + printable(host) + "'") + " and was refused");
        }
        if (!SAFE.contains(ctx.method())) {
            String origin = ctx.header("Origin");
            if (origin != null && !allowedOrigin(origin, port)) {
                throw new PlatformError(403, "Refused: a page of another site (" + printable(origin)
                        + ") may not change this platform; use bin/brevettiai or PlatformApi");
            }
            String site = ctx.header("Sec-Fetch-Site");
            if (site != null && !site.equals("same-origin") && !site.equals("none")) {
                throw new PlatformError(403, "Refused: a page of another site (Sec-Fetch-Site: " + printable(site)
                        + ") may not change this platform; use bin/brevettiai or PlatformApi");
            }
        }
    }

    boolean allowedHost(String header, int port) {
        if (header == null) {
            return false;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        String name;
        String portText;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return false;
            }
            name = h.substring(0, end + 1);
            String rest = h.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return false;
            }
            portText = rest.isEmpty() ? "" : rest.substring(1);
        } else {
            int colon = h.lastIndexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
            portText = colon < 0 ? "" : h.substring(colon + 1);
        }
        if (!hostNames.contains(name)) {
            return false;
        }
        if (portText.isEmpty()) {
            return port == 80;
        }
        return portText.matches("[0-9]{1,5}") && Integer.parseInt(portText) == port;
    }

    private boolean allowedOrigin(String origin, int port) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (!o.startsWith("http://")) {
            return false;
        }
        return allowedHost(o.substring("http://".length()), port);
    }

    // ---- matched routes: who the caller is

    private void authorize(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Role.JOB) || roles.contains(Role.PUBLIC) && SAFE.contains(ctx.method())) {
            return;
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            bearer(ctx, authorization.strip(), roles);
            if (!roles.contains(Role.OPEN)) {
                requireJsonBody(ctx, roles);
            }
            return;
        }
        if (roles.contains(Role.OPEN)) {
            return;
        }
        boolean page = roles.contains(Role.PAGE) && (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD);
        if (page && ctx.queryParam(LOGIN_PARAM) != null) {
            login(ctx);
            return;
        }
        if (page && token.matchesCookie(ctx.cookie(cookieName(ctx.req().getLocalPort())))) {
            if (!sameOriginOrNavigation(ctx)) {
                throw new PlatformError(403, "Refused: a page of another site may not read this platform's pages");
            }
            return;
        }
        throw unauthorized(ctx, roles.contains(Role.PAGE)
                ? "Not logged in. Open the login link bin/brevettiai platform printed when it started "
                + "(bin/brevettiai platform link prints it again)."
                : "not authorized: this call needs the platform's access token as 'Authorization: Bearer <token>'. "
                + "bin/brevettiai platform saves it in $BREVETTIAI_CONFIG_DIR/platform_tokens.json (default ~/.brevettiai), "
                + "where the CLI and PlatformApi.connect find it; or log in (POST /api/account/token, PlatformApi.login)");
    }

    /**
     * {@code Authorization: Bearer <token>}: the platform's access token, or a live login session's token (kept
     * as the request's {@link #SESSION}; a change made with it needs its antiforgery token). 401 for anything else.
     */
    private void bearer(Context ctx, String authorization, Set<RouteRole> roles) {
        String[] parts = authorization.split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw unauthorized(ctx, "not authorized: send the platform's access token (or a login session's token) as "
                    + "'Authorization: Bearer <token>'");
        }
        String presented = parts[1].strip();
        if (token.matches(presented)) {
            return;
        }
        LoginSessions.Check check;
        try {
            check = sessions.check(presented);
        } catch (java.io.IOException e) {
            throw new PlatformError(500, "The local platform cannot read its user: " + e.getMessage());
        }
        switch (check.status()) {
            case VALID -> {
                LoginSessions.LoginSession session = check.session().orElseThrow();
                ctx.attribute(SESSION, session);
                if (!SAFE.contains(ctx.method()) && !roles.contains(Role.OPEN)) {
                    requireAntiforgery(ctx, session);
                }
            }
            case EXPIRED -> throw unauthorized(ctx, "not authorized: the login session has expired (sessions last "
                    + sessions.lifetime().toMinutes() + " min); log in again (POST /api/account/token)");
            case ENDED -> throw unauthorized(ctx, "not authorized: the login session ended when the user's password was set "
                    + "again; log in again (POST /api/account/token)");
            default -> throw unauthorized(ctx, "not authorized: the token is neither this platform's access token (each platform "
                    + "root has its own, in <root>/" + AccessToken.FILE + ") nor one of its login sessions");
        }
    }

    /** A change with a session: the request token of {@code GET /api/account/antiforgery} for it, with the cookie it set (400 otherwise, as ASP.NET). */
    private void requireAntiforgery(Context ctx, LoginSessions.LoginSession session) {
        String header = ctx.header(XSRF_HEADER);
        String cookie = ctx.cookie(AccountRoutes.antiforgeryCookie(ctx.req().getLocalPort()));
        if (header == null || header.isBlank() || cookie == null) {
            throw new PlatformError(400, "The antiforgery token is missing: a change made with a login session needs "
                    + "the requestToken of GET /api/account/antiforgery (fetched with this session) as " + XSRF_HEADER
                    + ", with the cookie that answer sets");
        }
        if (!sessions.validRequestToken(header.strip(), cookie, session)) {
            throw new PlatformError(400, "The antiforgery token (" + XSRF_HEADER + " and its cookie) is not this session's: "
                    + "fetch one with GET /api/account/antiforgery after logging in");
        }
    }

    /** A browser's request from this origin, one typed or bookmarked, or a link followed to a page; not another page's fetch, image or frame. */
    private static boolean sameOriginOrNavigation(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site == null || site.equals("same-origin") || site.equals("none")) {
            return true;
        }
        return "navigate".equals(ctx.header("Sec-Fetch-Mode")) && "document".equals(ctx.header("Sec-Fetch-Dest"));
    }

    /** {@code ?token=T}: the right token sets the session cookie and redirects to the same URL without it. */
    private void login(Context ctx) {
        if (!token.matches(ctx.queryParam(LOGIN_PARAM))) {
            throw unauthorized(ctx, "The login link's token is not this platform's. Open the link bin/brevettiai platform "
                    + "printed (bin/brevettiai platform link prints it again).");
        }
        ctx.header("Set-Cookie", cookieName(ctx.req().getLocalPort()) + "=" + token.cookieValue()
                + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Location", withoutLogin(ctx.path(), ctx.queryString()));
        ctx.status(303);
        ctx.skipRemainingHandlers();
    }

    /** The path and query with the login parameter taken out (a relative URL on this server). */
    static String withoutLogin(String path, String query) {
        String target = path == null || !path.startsWith("/") || path.startsWith("//") ? "/" : path;
        if (query == null || query.isEmpty()) {
            return target;
        }
        StringJoiner kept = new StringJoiner("&");
        for (String part : query.split("&")) {
            String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
            if (!name.equals(LOGIN_PARAM) && !part.isEmpty()) {
                kept.add(part);
            }
        }
        return kept.length() == 0 ? target : target + "?" + kept;
    }

    /** The user's JSON routes read a body only when it is declared JSON: no form or text/plain posts. */
    private static void requireJsonBody(Context ctx, Set<RouteRole> roles) {
        if (SAFE.contains(ctx.method()) || roles.contains(Role.PAGE)) {
            return;
        }
        boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
        String type = ctx.header("Content-Type");
        boolean json = type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("application/json");
        if ((hasBody || type != null) && !json) {
            throw new PlatformError(415, "The web API takes JSON bodies only (Content-Type: application/json), not "
                    + (type == null ? "a body without a type" : printable(type)));
        }
    }

    private static PlatformError unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"brevettiai local platform\"");
        return new PlatformError(401, message);
    }

    /** A header value for a message: printable ASCII, at most 100 characters. */
    private static String printable(String value) {
        String clean = value.replaceAll("[^ -~]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
