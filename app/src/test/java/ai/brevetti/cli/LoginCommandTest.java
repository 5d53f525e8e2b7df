package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.localplatform.LocalUser;
import ai.brevetti.platform.RememberedCredentials;
import ai.brevetti.testing.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code platform password}, {@code login} and {@code logout} run through {@link Main} in this JVM against a
 * real local platform, with the tests' config dir ({@code BREVETTIAI_CONFIG_DIR}): the user set, the
 * login checked and remembered, the other commands logging in with what was remembered, and no password
 * in any output.
 */
class LoginCommandTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    static Captured<Integer> run(String... args) throws Exception {
        return Captured.run(() -> Main.execute(args));
    }

    @Test
    void aUserSetWithPlatformPasswordLogsInAndIsRememberedForTheOtherCommands() throws Exception {
        Path root = dir.resolve("platform");
        Path file = Files.writeString(dir.resolve("password.txt"), PASSWORD + "\n");
        Path shortFile = Files.writeString(dir.resolve("short.txt"), "short\n");

        Captured<Integer> tooShort = run("platform", "password", "--root", root.toString(), "--user", "alice", "--password-file",
                shortFile.toString());
        assertEquals(2, tooShort.value, tooShort.err);
        assertTrue(tooShort.err.contains("at least 8") && tooShort.err.contains("nothing changed"), tooShort.err);
        Captured<Integer> noFile = run("platform", "password", "--root", root.toString(), "--password-file", dir.resolve("nope").toString());
        assertEquals(1, noFile.value, noFile.err);
        assertTrue(noFile.err.contains("no password file " + dir.resolve("nope")), noFile.err);
        assertFalse(LocalUser.isSet(root));

        Captured<Integer> set = run("platform", "password", "--root", root.toString(), "--user", "alice", "--first-name", "Alice",
                "--password-file", file.toString());
        assertEquals(0, set.value, set.err);
        assertTrue(LocalUser.isSet(root));

        try (LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(root))) {
            String url = platform.url();
            RememberedCredentials remembered = RememberedCredentials.forUser(System.getenv());
            try {
                Captured<Integer> listed = run("model", "list", "--host", url);
                assertEquals(1, listed.value, "no token saved for this platform and nothing remembered: " + listed.err);
                assertTrue(listed.err.contains("no credentials to log in with"), listed.err);

                Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not the password\n");
                Captured<Integer> refused = run("login", "--host", url, "--user", "alice", "--password-file", wrong.toString());
                assertEquals(1, refused.value);
                assertTrue(refused.err.contains("Could not log in to " + url + " as alice: Wrong user name or password (401)"), refused.err);
                assertFalse(refused.err.contains("not the password"), refused.err);

                Captured<Integer> login = run("login", "--host", url, "--user", "alice", "--password-file", file.toString(), "--remember-me");
                assertEquals(0, login.value, login.err);
                assertTrue(login.out.contains("Logged in to " + url + " as Alice (alice). The credentials are remembered in "
                        + remembered.file()), login.out);

                Captured<Integer> create = run("model", "create", "--host", url, "--name", "by the remembered login");
                assertEquals(0, create.value, create.err);
                Captured<Integer> again = run("model", "list", "--host", url);
                assertEquals(0, again.value, again.err);
                assertTrue(again.out.contains("by the remembered login"), again.out);
                for (Captured<Integer> c : java.util.List.of(set, login, create, again)) {
                    assertFalse(c.out.contains(PASSWORD) || c.err.contains(PASSWORD), c.out + c.err);
                }
            } finally {
                Captured<Integer> logout = run("logout", "--host", url);
                assertEquals(0, logout.value);
                assertTrue(logout.out.startsWith("Forgot the credentials remembered for " + url), logout.out);
            }
            Captured<Integer> twice = run("logout", "--host", url);
            assertTrue(twice.out.startsWith("No credentials were remembered for " + url), twice.out);
            assertTrue(remembered.find(url).isEmpty());
        }
    }
}
