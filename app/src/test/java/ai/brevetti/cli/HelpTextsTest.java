package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's texts: every command's and subcommand's {@code --help} is whole sentences (each description
 * line of a command ends a sentence, so the one-line summaries in the command lists are not cut; each option's text
 * is a sentence), and a mistyped command or option gets one line naming the nearest one.
 */
class HelpTextsTest {

    record Out(int code, String out, String err) {
    }

    static Out run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Out(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        root.getSubcommands().forEach((name, sub) -> {
            if (sub.getParent() == root && !name.equals("help")) {
                all.addAll(commands(sub));
            }
        });
        return all;
    }

    static boolean sentence(String text) {
        String t = text.strip();
        return !t.isEmpty() && !Character.isLowerCase(t.charAt(0)) && (t.endsWith(".") || t.endsWith(".)"));
    }

    @Test
    void everyHelpTextIsWholeSentences() {
        List<String> problems = new ArrayList<>();
        List<CommandLine> all = commands(new CommandLine(new Main()));
        assertTrue(all.size() > 30, "commands: " + all.size());
        for (CommandLine cl : all) {
            CommandSpec spec = cl.getCommandSpec();
            String name = spec.qualifiedName();
            for (String line : spec.usageMessage().description()) {
                if (!sentence(line)) {
                    problems.add(name + ": description line '" + line + "'");
                }
            }
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                String text = String.join(" ", arg.renderedDescription());
                Supplier<String> label = () -> arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
                if (!sentence(text)) {
                    problems.add(name + " " + label.get() + ": '" + text + "'");
                }
            }
            Out help = run(appendHelp(name));
            assertEquals(0, help.code, name + " --help: " + help.err);
            assertTrue(help.out.startsWith("Usage: " + name), help.out);
        }
        assertTrue(problems.isEmpty(), problems.size() + " texts are not whole sentences:\n" + String.join("\n", problems));
    }

    private static String[] appendHelp(String qualifiedName) {
        List<String> words = new ArrayList<>(List.of(qualifiedName.split(" ")));
        words.remove(0);
        words.add("--help");
        return words.toArray(String[]::new);
    }

    @Test
    void aMistypedCommandSuggestsTheNearestInOneLine() {
        String[][] cases = {
            {"rnu", "brevettiai: unknown command 'rnu': did you mean 'run'? (brevettiai --help lists the commands)"},
            {"platfrom", "brevettiai: unknown command 'platfrom': did you mean 'platform'?"},
            {"dataset lst", "brevettiai dataset: unknown command 'lst': did you mean 'list'?"},
            {"model crate", "brevettiai model: unknown command 'crate': did you mean 'create'?"},
            {"kernel instal", "brevettiai kernel: unknown command 'instal': did you mean 'install'?"},
            {"artifacts dowload", "brevettiai artifacts: unknown command 'dowload': did you mean 'download'?"},
            {"tag", "brevettiai tag: which command? One of: list, create, delete."},
            {"dataset list --hots h", "brevettiai dataset list: unknown option '--hots': did you mean '--host'?"},
            {"xyzzy", "brevettiai: unknown command 'xyzzy' (brevettiai --help lists the commands)"},
        };
        for (String[] c : cases) {
            Out r = run(c[0].split(" "));
            assertEquals(2, r.code, c[0] + ": " + r.err);
            String first = r.err.lines().findFirst().orElse("");
            assertTrue(first.startsWith(c[1]), c[0] + " gave: " + r.err);
            if (!c[0].equals("tag")) {
                assertEquals(1, r.err.lines().count(), c[0] + " gave: " + r.err);
            }
        }
    }

    @Test
    void suggestionsWeighSwapsAndStarts() {
        assertEquals(1, Suggestions.distance("rnu", "run"));
        assertEquals(List.of("run"), Suggestions.nearest("rnu", List.of("demo", "run", "shell", "kernel")));
        assertEquals(List.of("dataset"), Suggestions.nearest("dat", List.of("dataset", "demo", "model")));
        assertEquals(List.of(), Suggestions.nearest("xyzzy", List.of("dataset", "demo", "model")));
        assertEquals(List.of("list"), Suggestions.nearest("LIST", List.of("list", "get")));
    }
}
