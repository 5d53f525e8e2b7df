/**
 * The Jupyter kernel and script runner (the kernel module): JShell evaluation of cells and {@code .jsh}
 * scripts, and how values show (tables as HTML, images and charts as pictures).
 * <p>
 * Users start with {@link ai.brevetti.kernel.Display} ({@code display(value)}, imported by startup.jsh);
 * the launcher with {@link ai.brevetti.kernel.KernelMain}. The kernel provides the core's
 * {@link ai.brevetti.internal.NotebookOutput} (progress lines in cells).
 */
package ai.brevetti.kernel;
