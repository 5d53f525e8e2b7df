package ai.brevetti.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The job's command-line arguments, Java's stand-in for Python's {@code sys.argv}: {@code bin/brevettiai run
 * job.jsh --job_dir d --epochs 5} and the notebook kernel put them here, and {@code Job.init()} reads them.
 * A notebook may add settings overrides before {@code Job.init()}, as the Python docs do with
 * {@code sys.argv += [...]}:
 *
 * <pre>{@code JobArgs.add("--param_3", "{\"test_dict_serialization\": \"nested2\"}", "--custom.custom_param", "5");}</pre>
 */
public final class JobArgs {
    private static final List<String> ARGS = Collections.synchronizedList(new ArrayList<>());

    private JobArgs() {}

    /** A snapshot of the current arguments. */
    public static List<String> get() {
        synchronized (ARGS) {
            return List.copyOf(ARGS);
        }
    }

    /** Replaces the arguments. */
    public static void set(List<String> args) {
        synchronized (ARGS) {
            ARGS.clear();
            ARGS.addAll(args);
        }
    }

    /** Appends arguments. */
    public static void add(String... args) {
        ARGS.addAll(List.of(args));
    }

    public static void clear() {
        ARGS.clear();
    }
}
