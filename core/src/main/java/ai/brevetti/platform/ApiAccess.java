package ai.brevetti.platform;

import ai.brevetti.internal.WebRequest;
import ai.brevetti.internal.WebResponse;
import java.util.Optional;

/** How {@link PlatformApi}'s calls are authorized: a bearer token ({@link TokenAccess}) or a login session ({@link Session}). */
interface ApiAccess {
    /**
     * Sends {@code request} with the credentials' headers by {@code transfer}; the 2xx answer.
     *
     * @throws PlatformException for an error answer (a 401 explained: whose credentials, what to do) or an unreachable platform
     */
    WebResponse exchange(HttpCalls http, WebRequest request, String what, HttpCalls.Transfer transfer);

    /** {@link #exchange} with the answer read as text: the body of a 2xx answer. */
    default String call(HttpCalls http, WebRequest request, String what) {
        return exchange(http, request, what, (h, authorized) -> h.send(authorized, what)).text();
    }

    /** Who is logged in, once a login happened; empty for a bearer token. */
    Optional<LoginUser> user();

    /** For {@code toString()}: never a secret. */
    String describe();
}
