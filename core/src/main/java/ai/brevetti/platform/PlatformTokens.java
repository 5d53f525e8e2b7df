package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.UserDirs;
import ai.brevetti.internal.UserJsonFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The access tokens of the user's platforms, by address, in {@code <config dir>/platform_tokens.json}
 * readable by the user only: {@code bin/brevettiai platform} saves the token of the platform it starts
 * under its address, and {@link PlatformApi#connect} sends the one saved for the address it is given. The
 * config dir is {@code $BREVETTIAI_CONFIG_DIR}, else {@code $HOME/.brevettiai} ({@link UserDirs}).
 *
 * <p>Addresses are compared as origins: scheme, host and port, lower case, the default port filled in;
 * the loopback names {@code localhost}, {@code 127.0.0.1} and {@code [::1]} are one host.
 */
public final class PlatformTokens {
    private final Path file;

    private PlatformTokens(Path file) {
        this.file = file;
    }

    /** The tokens in {@code configDir}. */
    public static PlatformTokens in(Path configDir) {
        return new PlatformTokens(configDir.resolve("platform_tokens.json"));
    }

    /** The user's tokens, as the environment places them. */
    public static PlatformTokens forUser(Map<String, String> environment) {
        return in(UserDirs.configDir(environment));
    }

    public Path file() {
        return file;
    }

    /** The token saved for the platform at {@code host} (e.g. {@code http://127.0.0.1:8800}). */
    public Optional<Secret> find(String host) {
        return Optional.ofNullable(read().get(origin(host))).map(Secret::of);
    }

    /**
     * Saves {@code token} as the one of the platform at {@code host} (replacing an older one), keeping the
     * tokens other processes save meanwhile ({@link UserJsonFile}).
     */
    public void save(String host, Secret token) {
        String origin = origin(host);
        try {
            UserJsonFile.update(file, this::read, tokens -> tokens.put(origin, token.reveal()));
        } catch (IOException e) {
            throw new JobException("Cannot save the platform's access token in " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code scheme://host:port} of an address, lower case, loopback names as {@code 127.0.0.1}. */
    static String origin(String host) {
        URI uri;
        try {
            uri = URI.create(host.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a platform address: '" + host + "' (expected e.g. http://127.0.0.1:8800)", e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Not a platform address: '" + host + "' (expected e.g. http://127.0.0.1:8800)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String name = uri.getHost().toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.equals("[::1]") || name.equals("[0:0:0:0:0:0:0:1]")) {
            name = "127.0.0.1";
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + name + ":" + port;
    }

    private Map<String, String> read() {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, String> tokens = new LinkedHashMap<>();
            Json.parseObject(Files.readString(file)).forEach((k, v) -> tokens.put(k, String.valueOf(v)));
            return tokens;
        } catch (IOException e) {
            // the parser's message would quote the file, tokens and all: only where it stopped
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ")" : "";
            throw new JobException("The platform token file " + file + " is not valid JSON" + where
                    + ". Fix or delete it (bin/brevettiai platform saves its token again when it starts).");
        }
    }

    @Override
    public String toString() {
        return "PlatformTokens[" + file + "]";
    }
}
