package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The project's entry points in front of the jshell tool's /help, and only there. */
class ShellHelpTest {

    static String through(String... writes) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new ShellHelp(sink), true, StandardCharsets.UTF_8);
        for (String w : writes) {
            out.print(w);
            out.flush();
        }
        out.close();
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theEntryPointsComeBeforeJshellsHelpWithItsPrefix() {
        // as the tool writes it: the prompt, then the help's first line in pieces with flushes between
        String text = through("jshell> ", "|  ", "Type a Java language ", "expression, statement, or declaration.\n",
                "|  Or type one of the following commands:\n");
        assertTrue(text.startsWith("jshell> |  brevettiai: startup.jsh has imported"), text);
        int ours = text.indexOf("|    imagePipeline(height, width)");
        int jshell = text.indexOf("|  Type a Java language expression, statement, or declaration.\n|  Or type");
        assertTrue(ours > 0 && jshell > ours, text);
        assertEquals(1, text.split("Type a Java language", -1).length - 1, text);
    }

    @Test
    void everythingElsePassesUnchanged() {
        String[] writes = {"jshell> ", "x ==> 3\n", "|  For an introduction type: /help intro\n", "|  partial", " line\n", "no end"};
        assertEquals(String.join("", writes), through(writes));
        assertEquals("|  Type a Java", through("|  Type a Java")); // a held start comes out at the end
    }

    /** Each name the help shows as a call is one startup.jsh makes callable: a method of the DSL or of Display. */
    @Test
    void theNamesItShowsExist() {
        Set<String> methods = Arrays.stream(ai.brevetti.dsl.Brevetti.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers())).map(Method::getName).collect(Collectors.toSet());
        methods.add("display");
        Matcher call = Pattern.compile("(?<![.\\w])([a-z]\\w*)\\(").matcher(String.join("\n", ShellHelp.ENTRY_POINTS));
        int n = 0;
        while (call.find()) {
            assertTrue(methods.contains(call.group(1)), call.group(1) + " is not a DSL method");
            n++;
        }
        assertTrue(n >= 10, "calls: " + n);
    }
}
