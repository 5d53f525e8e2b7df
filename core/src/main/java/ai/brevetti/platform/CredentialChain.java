package ai.brevetti.platform;

import java.util.Map;
import java.util.Optional;

/**
 * Where a login finds its credentials, in Python's order: the ones given, then {@code BREVETTI_AI_USER} and
 * {@code BREVETTI_AI_PW}, then the ones remembered for the platform, then the person at the terminal. A user
 * name given or set without a password is kept: the password is then looked for in the later sources.
 */
final class CredentialChain {
    static final String USER_VARIABLE = "BREVETTI_AI_USER";
    static final String PASSWORD_VARIABLE = "BREVETTI_AI_PW";

    /** Credentials and where they came from (for messages: never the password). */
    record Found(Credentials credentials, String source, boolean remembered) {
    }

    private final Optional<String> userName;
    private final Optional<Secret> password;
    private final Map<String, String> environment;
    private final Optional<RememberedCredentials> remembered;
    private final CredentialPrompt prompt;
    /** What else could have authorized the calls, for the message when nothing is found (may be empty). */
    private final String alternatives;

    CredentialChain(Optional<String> userName, Optional<Secret> password, Map<String, String> environment,
            Optional<RememberedCredentials> remembered, CredentialPrompt prompt, String alternatives) {
        this.userName = userName.filter(u -> !u.isBlank()).map(String::strip);
        this.password = password.filter(p -> !p.isEmpty());
        this.environment = Map.copyOf(environment);
        this.remembered = remembered;
        this.prompt = prompt;
        this.alternatives = alternatives;
    }

    /**
     * The first credentials found for the platform at {@code host}.
     *
     * @throws PlatformException (401) when there are none, saying how to give them
     */
    Found find(String host, String what) {
        Optional<String> envUser = variable(USER_VARIABLE);
        Optional<Secret> envPassword = variable(PASSWORD_VARIABLE).map(Secret::of);
        Optional<String> user = userName.or(() -> envUser);
        if (user.isPresent() && password.isPresent()) {
            return new Found(new Credentials(user.get(), password.get()), userName.isPresent() ? "given" : "user from "
                    + USER_VARIABLE + ", password given", false);
        }
        if (user.isPresent() && envPassword.isPresent()) {
            return new Found(new Credentials(user.get(), envPassword.get()), userName.isPresent()
                    ? "user given, password from " + PASSWORD_VARIABLE : "from " + USER_VARIABLE + " and " + PASSWORD_VARIABLE, false);
        }
        if (remembered.isPresent()) {
            Optional<Credentials> kept = remembered.get().find(host).filter(c -> user.isEmpty() || user.get().equals(c.userName()));
            if (kept.isPresent()) {
                return new Found(kept.get(), "remembered in " + remembered.get().file(), true);
            }
        }
        Optional<Credentials> asked = prompt.ask(host, user);
        if (asked.isPresent()) {
            return new Found(asked.get(), "typed at the terminal", false);
        }
        String missing = user.isPresent() ? "no password for " + user.get() : "no credentials";
        throw new PlatformException(401, what + ": not authorized by the platform at " + host + ": "
                + (alternatives.isEmpty() ? "" : alternatives + ", and ") + missing + " to log in with. "
                + "Give them (PlatformApi.login(host, user, password)), set " + USER_VARIABLE + " and " + PASSWORD_VARIABLE
                + (envUser.isPresent() && envPassword.isEmpty() ? " (" + USER_VARIABLE + " is set, " + PASSWORD_VARIABLE + " is not)" : "")
                + ", log in once with bin/brevettiai login --host " + host + " --remember-me, or run at a terminal to be asked");
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }
}
