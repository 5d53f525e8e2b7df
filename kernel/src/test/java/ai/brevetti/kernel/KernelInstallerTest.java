package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernelspec written from kernel/kernelspec/. */
class KernelInstallerTest {
    static final Path ROOT = Path.of(System.getProperty("brevettiai.root", ".")).toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void writesARelocatableKernelspecThatRunsThisProject() throws Exception {
        Path kernels = KernelInstaller.prefixKernels(dir.resolve("prefix"));
        assertEquals(dir.resolve("prefix/share/jupyter/kernels"), kernels);
        Path spec = new KernelInstaller(ROOT).install(kernels);
        assertEquals(kernels.resolve("brevettiai-java"), spec);
        Map<String, Object> json = Json.parseObject(Files.readString(spec.resolve("kernel.json")));
        assertEquals(List.of("/bin/sh", "{resource_dir}/launch.sh", "{connection_file}"), json.get("argv"));
        assertEquals("Java (brevettiai)", json.get("display_name"));
        assertEquals("java", json.get("language"));
        assertEquals("message", json.get("interrupt_mode"));
        String launch = Files.readString(spec.resolve("launch.sh"));
        assertTrue(launch.contains("exec '" + ROOT.normalize() + "/bin/brevettiai' kernel run \"$@\""), launch);
        assertTrue(launch.contains(KernelInstaller.DEFAULT_JAVA_OPTS), launch);
        assertTrue(launch.contains("JAVA_HOME=\"${JAVA_HOME:-" + System.getProperty("java.home") + "}\""), launch);
        assertTrue(Files.size(spec.resolve("logo-64x64.png")) > 100);
        // installing again replaces the files
        new KernelInstaller(ROOT).install(kernels);
        assertEquals(4, Files.list(spec).count());
    }

    @Test
    void takesTheKernelsJvmOptions() throws Exception {
        Path spec = new KernelInstaller(ROOT, " -Xmx2g ").install(dir);
        assertTrue(Files.readString(spec.resolve("launch.sh")).contains("${BREVETTIAI_KERNEL_JAVA_OPTS--Xmx2g}"));
        assertThrows(IllegalArgumentException.class, () -> new KernelInstaller(ROOT, "-Dx=$(rm -rf /)"));
    }

    @Test
    void refusesAFolderThatIsNoProject() {
        IOException e = assertThrows(IOException.class, () -> new KernelInstaller(dir).install(dir.resolve("k")));
        assertTrue(e.getMessage().startsWith("No brevettiai-java project at"), e.getMessage());
    }

    @Test
    void userKernelsFollowJupytersDataFolder() {
        Path user = KernelInstaller.userKernels();
        String dataDir = System.getenv("JUPYTER_DATA_DIR");
        if (dataDir == null && System.getProperty("os.name").toLowerCase().contains("linux") && System.getenv("XDG_DATA_HOME") == null) {
            assertEquals(Path.of(System.getProperty("user.home"), ".local/share/jupyter/kernels"), user);
        }
        assertTrue(user.endsWith("kernels"));
    }
}
