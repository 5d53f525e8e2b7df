package ai.brevetti.data.generator;

import java.util.List;
import java.util.Locale;

/**
 * How much each sampling group weighs, from its sample count (and key): Python's presets {@code uniform},
 * {@code count}, {@code square root}, {@code log}, {@code logx+1}, or any function.
 */
@FunctionalInterface
public interface GroupWeighing {
    double weight(int count, List<String> groupKey);

    GroupWeighing UNIFORM = (n, k) -> 1;
    GroupWeighing COUNT = (n, k) -> n;
    GroupWeighing SQUARE_ROOT = (n, k) -> Math.sqrt(n);
    GroupWeighing LOG = (n, k) -> Math.log(n);
    GroupWeighing LOG_X_PLUS_1 = (n, k) -> Math.log(n) + 1;

    /** A preset by its Python name. */
    static GroupWeighing parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "uniform", "" -> UNIFORM;
            case "count" -> COUNT;
            case "square root", "square_root", "sqrt" -> SQUARE_ROOT;
            case "log" -> LOG;
            case "logx+1", "log_x_plus_1" -> LOG_X_PLUS_1;
            default -> throw new IllegalArgumentException("Unknown group weighing '" + name
                    + "'; use uniform, count, square root, log or logx+1 (or a function)");
        };
    }
}
