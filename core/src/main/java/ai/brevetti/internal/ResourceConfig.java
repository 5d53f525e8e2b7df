package ai.brevetti.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The instances of a SageMaker training job ({@code /opt/ml/input/config/resourceconfig.json}:
 * {@code {"current_host": "algo-2", "hosts": ["algo-1", "algo-2", "algo-3"], "network_interface_name": "eth0"}}):
 * this instance is number {@link #index()} of {@link #count()}, and the first host leads.
 *
 * @param currentHost this instance's host name
 * @param hosts every instance's host name, in SageMaker's order
 */
public record ResourceConfig(String currentHost, List<String> hosts) {

    public ResourceConfig {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no hosts");
        }
        if (new HashSet<>(hosts).size() != hosts.size()) {
            throw new IllegalArgumentException("a host is listed twice in " + hosts);
        }
        if (!hosts.contains(currentHost)) {
            throw new IllegalArgumentException("current_host '" + currentHost + "' is not one of the hosts " + hosts);
        }
    }

    /** This instance's position among the hosts (0 for the first). */
    public int index() {
        return hosts.indexOf(currentHost);
    }

    public int count() {
        return hosts.size();
    }

    /** The first host, which merges what the others hand in. */
    public String leader() {
        return hosts.get(0);
    }

    /**
     * Parses the file's text.
     *
     * @param source where the text came from, for the error messages
     * @throws IllegalArgumentException naming {@code source} and what is wrong
     */
    public static ResourceConfig parse(String text, String source) {
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The resource config " + source + " is not JSON (" + Json.describe(e) + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The resource config " + source + " is not a JSON object: " + e.getMessage(), e);
        }
        if (!(doc.get("current_host") instanceof String current) || current.isBlank()) {
            throw new IllegalArgumentException("The resource config " + source
                    + " has no current_host (text); SageMaker writes {\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\", …]}");
        }
        if (!(doc.get("hosts") instanceof List<?> list) || list.stream().anyMatch(h -> !(h instanceof String s) || s.isBlank())) {
            throw new IllegalArgumentException("The resource config " + source
                    + " has no hosts list of names; SageMaker writes {\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\", …]}");
        }
        List<String> hosts = new ArrayList<>();
        list.forEach(h -> hosts.add((String) h));
        try {
            return new ResourceConfig(current, hosts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The resource config " + source + " is inconsistent: " + e.getMessage(), e);
        }
    }
}
