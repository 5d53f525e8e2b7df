package ai.brevetti.platform;

import ai.brevetti.internal.UserDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link PlatformApi} authorizes its calls, step by step (Python's {@code PlatformAPI(username, password,
 * host, remember_me)}):
 *
 * <pre>{@code
 * PlatformApi web = PlatformApi.builder()
 *         .host("https://platform.brevetti.ai")   // the default
 *         .credentials("me@example.com", password)  // else BREVETTI_AI_USER/BREVETTI_AI_PW, remembered, the terminal
 *         .rememberMe(true)                         // keep them, encrypted, for the next login
 *         .connect();                               // logs in: a wrong password fails here
 * }</pre>
 *
 * With {@link #token} instead, the calls carry that bearer token and nobody logs in.
 */
public final class PlatformApiBuilder {
    private String host = JobBuilder.DEFAULT_HOST;
    private Optional<String> userName = Optional.empty();
    private Optional<Secret> password = Optional.empty();
    private Optional<Secret> token = Optional.empty();
    private boolean rememberMe;
    private Map<String, String> environment = System.getenv();
    private Optional<Path> configDir = Optional.empty();
    private CredentialPrompt prompt = CredentialPrompt.console();
    private Duration sessionLifetime = Session.LIFETIME;

    PlatformApiBuilder() {
    }

    /** The platform's address (default {@code https://platform.brevetti.ai}). */
    public PlatformApiBuilder host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /** The user name and password to log in with. */
    public PlatformApiBuilder credentials(String userName, String password) {
        return credentials(Credentials.of(userName, password));
    }

    public PlatformApiBuilder credentials(Credentials credentials) {
        this.userName = Optional.of(credentials.userName());
        this.password = Optional.of(credentials.password());
        return this;
    }

    /** The user name alone: the password comes from {@code BREVETTI_AI_PW}, the remembered ones or the terminal. */
    public PlatformApiBuilder user(String userName) {
        this.userName = Optional.of(userName);
        return this;
    }

    /** A bearer token instead of a login (e.g. a local platform's {@code accessToken()}). */
    public PlatformApiBuilder token(Secret token) {
        this.token = Optional.of(token);
        return this;
    }

    /**
     * After a successful login, keep the credentials for the next ones (Python's {@code remember_me}):
     * encrypted in the config dir, see {@link RememberedCredentials}. Remembered credentials are used
     * whether this is set or not, when none are given or set in the environment.
     */
    public PlatformApiBuilder rememberMe(boolean rememberMe) {
        this.rememberMe = rememberMe;
        return this;
    }

    /** Where {@code BREVETTI_AI_USER}, {@code BREVETTI_AI_PW} and {@code BREVETTIAI_CONFIG_DIR} are read (default the process's environment). */
    public PlatformApiBuilder environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** The folder of the remembered credentials (default {@code $BREVETTIAI_CONFIG_DIR}, else {@code ~/.brevettiai}). */
    public PlatformApiBuilder configDir(Path configDir) {
        this.configDir = Optional.of(configDir);
        return this;
    }

    /** Who is asked when no credentials are found (default the terminal, if there is one; {@link CredentialPrompt#none()}: nobody). */
    public PlatformApiBuilder prompt(CredentialPrompt prompt) {
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        return this;
    }

    /** How long a session is used before logging in again (default 60 minutes, the platform's). */
    public PlatformApiBuilder sessionLifetime(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("A session lifetime cannot be negative: " + lifetime);
        }
        this.sessionLifetime = lifetime;
        return this;
    }

    /**
     * The API: with the token when one was given; otherwise logged in (credentials found as above, the
     * antiforgery token fetched), so wrong credentials fail here.
     *
     * @throws PlatformException "Could not log in: …" (wrong credentials, the platform's refusal), or 401 when no
     *         credentials were found (saying how to give them)
     */
    public PlatformApi connect() {
        if (token.isPresent()) {
            Secret t = token.get();
            return PlatformApi.of(host, h -> new TokenAccess(h, t, null));
        }
        RememberedCredentials remembered = RememberedCredentials.in(configDir.orElseGet(() -> UserDirs.configDir(environment)));
        return PlatformApi.of(host, h -> new Session(h, new CredentialChain(userName, password, environment,
                Optional.of(remembered), prompt, ""), sessionLifetime, rememberMe ? Optional.of(remembered) : Optional.empty()))
                .loggedIn();
    }

    @Override
    public String toString() {
        return "PlatformApiBuilder[" + host + userName.map(u -> ", user " + u).orElse("") + (token.isPresent() ? ", token" : "")
                + (rememberMe ? ", rememberMe" : "") + "]";
    }
}
