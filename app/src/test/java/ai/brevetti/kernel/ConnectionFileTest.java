package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.Captured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jupyter connection files: jupyter_client's defaults for what it may leave out, clear errors for the rest. */
class ConnectionFileTest {
    static final String SECRET = "0f1e2d3c-secret-key";
    static final String PORTS = "\"shell_port\": 9301, \"iopub_port\": 9302, \"stdin_port\": 9303, \"control_port\": 9304, \"hb_port\": 9305";

    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        return Files.writeString(dir.resolve("kernel-1.json"), json);
    }

    @Test
    void whatJupyterClientMayLeaveOutTakesItsDefaults() throws Exception {
        KernelConnectionProperties c = ConnectionFile.read(file("{" + PORTS + ", \"key\": \"" + SECRET + "\"}"));
        assertEquals("hmac-sha256", c.getSignatureScheme());
        assertEquals("tcp", c.getTransport());
        assertEquals("127.0.0.1", c.getIp());
        assertEquals(SECRET, c.getKey());
        assertEquals(9301, c.getShellPort());
        assertEquals(9302, c.getIopubPort());
        assertEquals(9303, c.getStdinPort());
        assertEquals(9304, c.getControlPort());
        assertEquals(9305, c.getHbPort());
        c.createHMACGenerator(); // signs with the default (the old reading failed here: no scheme)

        KernelConnectionProperties written = ConnectionFile.read(file("{" + PORTS + ", \"ip\": \"0.0.0.0\", \"transport\": \"tcp\","
                + " \"signature_scheme\": \"hmac-sha512\", \"key\": \"" + SECRET + "\", \"kernel_name\": \"brevettiai-java\"}"));
        assertEquals("hmac-sha512", written.getSignatureScheme());
        assertEquals("0.0.0.0", written.getIp());
    }

    @Test
    void aMissingPortABadSchemeOrNoJsonNameTheFileAndTheKey() throws Exception {
        Path noShell = file("{\"iopub_port\": 1, \"stdin_port\": 2, \"control_port\": 3, \"hb_port\": 4, \"key\": \"" + SECRET + "\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(noShell));
        assertTrue(e.getMessage().contains(noShell + " has no 'shell_port'"), e.getMessage());

        Path badScheme = file("{" + PORTS + ", \"signature_scheme\": \"sha256\", \"key\": \"" + SECRET + "\"}");
        e = assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(badScheme));
        assertTrue(e.getMessage().contains(badScheme + " gives 'signature_scheme' as 'sha256'; use hmac-sha256"), e.getMessage());

        Path unknownHash = file("{" + PORTS + ", \"signature_scheme\": \"hmac-nohash\", \"key\": \"" + SECRET + "\"}");
        e = assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(unknownHash));
        assertTrue(e.getMessage().contains("'hmac-nohash'"), e.getMessage());

        Path badPort = file("{\"shell_port\": \"x\", \"iopub_port\": 1, \"stdin_port\": 2, \"control_port\": 3, \"hb_port\": 4}");
        e = assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(badPort));
        assertTrue(e.getMessage().contains("gives 'shell_port' as \"x\", not a port number"), e.getMessage());

        Path keyNotText = file("{" + PORTS + ", \"key\": {\"value\": \"" + SECRET + "\"}}");
        e = assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(keyNotText));
        assertTrue(e.getMessage().contains("gives 'key' as a JSON object, not a string"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "the key is not shown: " + e.getMessage());

        Path notJson = file("shell_port=1");
        e = assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(notJson));
        assertTrue(e.getMessage().contains(notJson + " is not a Jupyter connection file"), e.getMessage());
    }

    @Test
    void theKernelCommandReportsABadFileByItsNameAndExitsWithTwo() throws Exception {
        Path noPorts = file("{\"key\": \"" + SECRET + "\"}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = KernelMain.run(noPorts, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.startsWith("brevettiai kernel run: The connection file " + noPorts + " has no 'shell_port'"), text);
        assertFalse(text.contains(SECRET), text);
    }

    @Test
    void aFailureInANestedCommandNamesTheWholeCommand() throws Exception {
        // kernel install into a prefix that is a file: the IOException reaches the command line's handler
        Path notAFolder = Files.writeString(dir.resolve("prefix"), "a file");
        Captured<Integer> c = Captured.run(() -> ai.brevetti.cli.Main.execute("kernel", "install", "--prefix", notAFolder.toString()));
        assertEquals(1, c.value, c.err);
        assertTrue(c.err.startsWith("brevettiai kernel install: "), c.err);
    }
}
