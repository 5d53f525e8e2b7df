package ai.brevetti.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Picks the values of known {@code --name value} / {@code --name=value} options out of an argument list and
 * ignores everything else, like Python's {@code argparse.parse_known_args}. The last occurrence wins.
 */
public final class KnownArgs {
    private KnownArgs() {}

    /**
     * @param args the arguments
     * @param names option names without the leading {@code --}
     * @return name → value for the options present, in argument order
     * @throws IllegalArgumentException naming the option when one is given without a value
     */
    public static Map<String, String> parse(List<String> args, Collection<String> names) {
        CommandSpec spec = CommandSpec.create();
        for (String name : names) {
            spec.addOption(OptionSpec.builder("--" + name).type(String.class).arity("1").build());
        }
        CommandLine parser = new CommandLine(spec)
                .setUnmatchedArgumentsAllowed(true)
                .setOverwrittenOptionsAllowed(true)
                .setUnmatchedOptionsAllowedAsOptionParameters(true)
                .setAllowOptionsAsOptionParameters(false)
                .setTrimQuotes(false);
        CommandLine.ParseResult result;
        try {
            result = parser.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.MissingParameterException e) {
            String option = e.getMissing().isEmpty() ? "an option" : "'" + e.getMissing().get(0).paramLabel() + "'";
            if (!e.getMissing().isEmpty() && e.getMissing().get(0) instanceof OptionSpec o) {
                option = "'" + o.longestName() + "'";
            }
            throw new IllegalArgumentException("option " + option + " needs a value", e);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec option : result.matchedOptions()) {
            values.put(option.longestName().substring(2), option.getValue());
        }
        return values;
    }
}
