package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which {@code Host} names the platform, for each address it may listen on; and the login redirect's target. */
class WebAccessHostsTest {
    @TempDir
    Path dir;

    @Test
    void onLoopbackOnlyTheLoopbackNamesWithThePort() throws Exception {
        WebAccess access = new WebAccess(AccessToken.loadOrCreate(dir), new LoginSessions(dir), "127.0.0.1");
        for (String ok : new String[] {"127.0.0.1:8800", "localhost:8800", "[::1]:8800", "LOCALHOST:8800", " localhost:8800 "}) {
            assertTrue(access.allowedHost(ok, 8800), ok);
        }
        for (String refused : new String[] {"evil.example:8800", "127.0.0.1:8801", "127.0.0.1", "localhost.:8800", "[::1]8800",
                "[::1", "127.0.0.1:", "127.0.0.1:-1", "127.0.0.1:08800x", "0.0.0.0:8800", "", ":8800"}) {
            assertFalse(access.allowedHost(refused, 8800), refused);
        }
        assertFalse(access.allowedHost(null, 8800));
        assertTrue(access.allowedHost("localhost", 80), "port 80 may be left out");
    }

    @Test
    void aNamedAddressIsAcceptedToo() throws Exception {
        WebAccess access = new WebAccess(AccessToken.loadOrCreate(dir), new LoginSessions(dir), "192.168.7.9");
        assertTrue(access.allowedHost("192.168.7.9:8800", 8800));
        assertTrue(access.allowedHost("127.0.0.1:8800", 8800));
        assertFalse(access.allowedHost("192.168.7.10:8800", 8800));
        WebAccess v6 = new WebAccess(AccessToken.loadOrCreate(dir), new LoginSessions(dir), "fd00::7");
        assertTrue(v6.allowedHost("[fd00::7]:8800", 8800));
    }

    @Test
    void onEveryInterfaceTheMachinesOwnAddressesButNoName() throws Exception {
        WebAccess access = new WebAccess(AccessToken.loadOrCreate(dir), new LoginSessions(dir), "0.0.0.0");
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address) {
                    assertTrue(access.allowedHost(address.getHostAddress() + ":8800", 8800), address.toString());
                }
            }
        }
        assertTrue(access.allowedHost("0.0.0.0:8800", 8800), "the address the platform prints");
        assertFalse(access.allowedHost("evil.example:8800", 8800));
        assertFalse(access.allowedHost("203.0.113.9:8800", 8800), "not an address of this machine");
    }

    @Test
    void theLoginRedirectStaysOnThisServerAndDropsOnlyTheToken() {
        assertEquals("/models/1?from=3&x=y", WebAccess.withoutLogin("/models/1", "from=3&token=T&x=y"));
        assertEquals("/", WebAccess.withoutLogin("/", "token=T"));
        assertEquals("/?tokens=2", WebAccess.withoutLogin("/", "token=T&tokens=2"));
        assertEquals("/", WebAccess.withoutLogin("//evil.example/x", "token=T"), "no redirect to another host");
        assertEquals("/", WebAccess.withoutLogin("https://evil.example/", null));
    }
}
