package ai.brevetti.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} options of a benchmark, with defaults. */
final class BenchOptions {
    private final Map<String, Long> values = new LinkedHashMap<>();

    BenchOptions(Map<String, Long> defaults, String[] args) {
        values.putAll(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
            if (!values.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("Unknown or incomplete option '" + args[i] + "'; options: " + values.keySet());
            }
            values.put(name, Long.parseLong(args[i + 1].replace("_", "")));
        }
    }

    int integer(String name) {
        return Math.toIntExact(values.get(name));
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
