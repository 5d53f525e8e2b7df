package ai.brevetti.platform;

import ai.brevetti.internal.WebRequest;
import java.util.Optional;

/** How {@link PlatformApi}'s calls are authorized: a bearer token ({@link TokenAccess}) or a login session ({@link Session}). */
interface ApiAccess {
    /**
     * Sends {@code request} with the credentials' headers through {@code http}; the body of a 2xx answer.
     *
     * @throws PlatformException for an error answer (a 401 explained: whose credentials, what to do) or an unreachable platform
     */
    String call(HttpCalls http, WebRequest request, String what);

    /** Who is logged in, once a login happened; empty for a bearer token. */
    Optional<LoginUser> user();

    /** For {@code toString()}: never a secret. */
    String describe();
}
