package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.brevetti.internal.NotebookOutput;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The kernel provides the core's notebook outputs as a service (progress lines; through a real kernel in KernelProtocolIT). */
class KernelNotebookOutputTest {

    @Test
    void theKernelIsTheNotebookOutputServiceAndIdleOutsideACell() {
        List<NotebookOutput> providers = ServiceLoader.load(NotebookOutput.class, NotebookOutput.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(List.of(KernelNotebookOutput.class), providers.stream().map(Object::getClass).toList());
        assertFalse(providers.get(0).active(), "no kernel serves a unit test");
    }
}
