package ai.brevetti.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The job's platform endpoints from info.json, relative to the host; they carry the API key as a query
 * parameter, so {@code toString()} masks it.
 *
 * @param charts {@code /api/models/<id>/charts?key=…}
 * @param complete {@code /api/models/<id>/complete?key=…&modelPath=}
 * @param remote {@code /api/models/<id>/remotemonitor?key=…}
 * @param securityCredentials the STS credentials endpoint, when given
 */
public record ApiEndpoints(Optional<String> charts, Optional<String> complete, Optional<String> remote,
                           Optional<String> securityCredentials) {

    /** Python's {@code api_endpoints} dict: {@code charts, complete, remote, security_credentials}. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("charts", charts.orElse(null));
        map.put("complete", complete.orElse(null));
        map.put("remote", remote.orElse(null));
        map.put("security_credentials", securityCredentials.orElse(null));
        return map;
    }

    /** The endpoint by its Python name ({@code "remote"}, {@code "charts"}, …). */
    public Optional<String> get(String name) {
        return Optional.ofNullable(asMap().get(name));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ApiEndpoints[");
        asMap().forEach((k, v) -> out.append(out.length() > 13 ? ", " : "").append(k).append('=')
                .append(v == null ? "none" : v.replaceAll("key=[^&]*", "key=****")));
        return out.append(']').toString();
    }
}
