package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The shell's piped input: which lines join the line above (one snippet for the jshell tool) and which stay. */
class ChainedLinesTest {

    @Test
    void aLineStartingWithADotJoinsTheLineAbove() {
        assertEquals("var g = samples.generator() .batchSize(8) .map(new ImagePipeline())\nSystem.out.println(g)\n",
                ChainedLines.join("var g = samples.generator()\n    .batchSize(8)\n    .map(new ImagePipeline())\nSystem.out.println(g)\n"));
    }

    @Test
    void commentsAndBlankLinesBetweenAreSkippedAndATrailingCommentDropped() {
        assertEquals("var s = \"a//b\" .strip() .repeat(2)\n",
                ChainedLines.join("var s = \"a//b\" // the text\n  // then\n\n  .strip() // trimmed\n  .repeat(2)\n"));
    }

    @Test
    void otherOperatorsContinueAsInScripts() {
        assertEquals("boolean b = 1 > 0 && 2 > 1\nint x = b ? 1 : 2\n",
                ChainedLines.join("boolean b = 1 > 0\n  && 2 > 1\nint x = b\n  ? 1\n  : 2\n"));
    }

    @Test
    void closedStatementsCommandsCommentsAndTextBlocksStay() {
        String[] kept = {
            "int x = 1;\n.5\n",                          // a statement ended by ';'
            "void f() {}\n.x\n",                          // a block
            "/list\n.x\n",                                // a command
            "var s = \"\"\"\n  abc\n  .def\n  \"\"\"\n", // inside a text block
            "/* a comment\n  .x\n*/\n",                   // inside a block comment
            "var v = x\n..y\n",                           // '..' is no continuation
            "String s = \"a\"\n/open f.jsh\n",            // a command after an open line
            "a\r\nb\r\n",                                 // line breaks kept as they are
            "no line break at the end",
        };
        for (String text : kept) {
            assertEquals(text, ChainedLines.join(text), text);
        }
    }

    @Test
    void crlfLinesJoinAndBytesOutsideAsciiPassUnchanged() {
        assertEquals("var s = \"æøå ✓\" .length()\r\n", ChainedLines.join("var s = \"æøå ✓\"\r\n  .length()\r\n"));
    }
}
