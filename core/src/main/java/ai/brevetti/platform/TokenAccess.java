package ai.brevetti.platform;

import ai.brevetti.internal.WebRequest;
import ai.brevetti.internal.WebResponse;
import java.util.Optional;

/** Calls with a bearer token: the local platform's access token (saved in {@link PlatformTokens}, or given). */
final class TokenAccess implements ApiAccess {
    private final String host;
    private final Secret token;
    /** Where the token came from, for a 401: the token file, or null when it was given. */
    private final PlatformTokens tokens;

    TokenAccess(String host, Secret token, PlatformTokens tokens) {
        this.host = host;
        this.token = token;
        this.tokens = tokens;
    }

    /** The exchange; a 401 says which token was sent and where a right one comes from. */
    @Override
    public WebResponse exchange(HttpCalls http, WebRequest request, String what, HttpCalls.Transfer transfer) {
        WebResponse answer = transfer.send(http, request.header("Authorization", "Bearer " + token.reveal()));
        if (answer.status() == 401) {
            String source = tokens == null ? "the token given to withToken" : "the token saved for " + host + " in " + tokens.file();
            throw new PlatformException(401, what + ": not authorized by the platform at " + host + " (401): " + source
                    + " was refused: it is not this platform's (another platform root, or another user's platform on that port?). "
                    + "Start your platform again with bin/brevettiai platform to save its token");
        }
        return http.checked(answer, request, what);
    }

    @Override
    public Optional<LoginUser> user() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "token";
    }
}
