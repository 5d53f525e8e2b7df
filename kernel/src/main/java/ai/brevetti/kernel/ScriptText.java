package ai.brevetti.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The text of a script file ({@code bin/brevettiai run FILE}, {@code /open FILE}): UTF-8 text of Java
 * snippets. Anything else (a binary file such as a jar or a picture, text saved in another encoding) is
 * refused with a {@link SnippetFailure} that names the file, where it stops being UTF-8 text, and what to
 * give instead.
 */
final class ScriptText {
    static final String WHAT_TO_GIVE = "give a .jsh script: Java snippets in a text file saved as UTF-8";

    private ScriptText() {}

    static String read(Path file) throws SnippetFailure {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw failure(file, 0, "error: there is no script at " + file);
        } catch (IOException e) {
            throw failure(file, 0, "error: cannot read the script " + file + ": " + e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw failure(file, lineAt(bytes, at), String.format("error: %s is not a UTF-8 text script: byte %d (0x%02X) is not UTF-8"
                    + " (a binary file, or text saved in another encoding?); %s", file, at, bytes[at] & 0xff, WHAT_TO_GIVE));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw failure(file, 1 + SnippetSplitter.count(text, nul), "error: " + file + " is not a text script: it holds a NUL character (a binary"
                    + " file?); " + WHAT_TO_GIVE);
        }
        return text;
    }

    /** The 1-based line of byte {@code offset}. */
    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, bytes.length); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static SnippetFailure failure(Path file, int line, String message) {
        return new SnippetFailure(file.toString(), line, message, List.of(), null);
    }
}
