package ai.brevetti.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks a platform address ({@code --host}, {@code BREVETTIAI_HOST_NAME}): an http(s) URL with a host and a valid port. */
final class HostUrl {
    private HostUrl() {}

    /** {@code host} when it is an http(s) URL; an {@link IllegalArgumentException} naming it and the fix otherwise. */
    static String check(String host) {
        String fix = "; give an http(s) URL such as http://127.0.0.1:8800 or https://platform.brevetti.ai"
                + " (--host, or the BREVETTIAI_HOST_NAME environment variable)";
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("No platform host given" + fix);
        }
        URI uri;
        try {
            uri = new URI(host.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The platform host '" + host + "' is not a URL (" + e.getReason() + ")" + fix);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The platform host '" + host + "' is not an http(s) URL" + fix);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The platform host '" + host + "' names no host name"
                    + (uri.getRawAuthority() != null ? " that can be read (or its port is not a number)" : "") + fix);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("The platform host '" + host + "' has the port " + uri.getPort()
                    + ", which is not 1–65535" + fix);
        }
        return host.strip();
    }
}
