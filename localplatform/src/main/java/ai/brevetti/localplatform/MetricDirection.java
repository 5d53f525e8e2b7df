package ai.brevetti.localplatform;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a lower or a higher value of a metric is better, from its name alone. The name is cut into words
 * (at anything but letters and digits, and at camelCase), then: <b>lower</b> is better when a word is a
 * loss or an error ({@link #LOWER}: {@code loss}, {@code error}, {@code mse}, … or ends in {@code loss} or
 * {@code error}); otherwise <b>higher</b> when a word names a success rate ({@link #HIGHER}: {@code accuracy},
 * {@code acc}, {@code precision}, {@code recall}, {@code f1}, {@code auc}, {@code iou}, …); otherwise the
 * direction is unknown and no value is marked best. So {@code val_loss} and {@code categorical_accuracy_error}
 * are lower-is-better, {@code val_accuracy} and {@code mAP} higher, {@code My custom metric} neither.
 */
enum MetricDirection {
    LOWER, HIGHER, UNKNOWN;

    /** The words that make a name lower-is-better. */
    static final Set<String> LOWER_WORDS = Set.of("loss", "error", "errors", "err", "mse", "mae", "rmse", "msle", "mape",
            "fpr", "fnr", "eer", "far", "frr", "perplexity", "wer", "cer", "misclassified", "misses", "miss", "wrong", "incorrect");
    /** The words that make a name higher-is-better (when no word makes it lower-is-better). */
    static final Set<String> HIGHER_WORDS = Set.of("accuracy", "acc", "precision", "recall", "f1", "fscore", "f1score", "auc",
            "iou", "miou", "dice", "map", "ap", "tpr", "tnr", "sensitivity", "specificity", "correct", "r2", "kappa", "top1", "top5");

    static MetricDirection of(String name) {
        String[] words = name.replaceAll("([a-z0-9])([A-Z][a-z])", "$1 $2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
        boolean higher = false;
        for (String w : words) {
            if (LOWER_WORDS.contains(w) || w.endsWith("loss") || w.endsWith("error")) {
                return LOWER;
            }
            higher |= HIGHER_WORDS.contains(w) || w.endsWith("accuracy");
        }
        return higher ? HIGHER : UNKNOWN;
    }

    /** The symbol the comparison page shows: ↓ lower is better, ↑ higher, nothing when unknown. */
    String arrow() {
        return switch (this) {
            case LOWER -> "↓";
            case HIGHER -> "↑";
            case UNKNOWN -> "";
        };
    }
}
