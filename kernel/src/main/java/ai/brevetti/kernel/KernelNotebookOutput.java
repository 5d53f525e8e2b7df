package ai.brevetti.kernel;

import ai.brevetti.internal.NotebookOutput;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The kernel's {@link NotebookOutput}: outputs of the cell that runs now, through {@link Display}. Found by
 * {@link java.util.ServiceLoader} (public, with a public no-argument constructor, for that reason only).
 */
public final class KernelNotebookOutput implements NotebookOutput {

    @Override
    public boolean active() {
        return Display.inKernel();
    }

    @Override
    public Updatable show(String text, String html) {
        Display.Handle handle = Display.updatable(data(text, html));
        return (t, h) -> handle.update(data(t, h));
    }

    private static DisplayData data(String text, String html) {
        DisplayData data = new DisplayData(text);
        data.putHTML(html);
        return data;
    }
}
