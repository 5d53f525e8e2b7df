/**
 * The project's own helpers (core), not API: JSON, URLs, retries, seeds, user folders, progress, and the
 * hooks other modules plug into ({@link ai.brevetti.internal.NotebookOutput}, provided by the kernel).
 * <p>
 * Public only so that the project's other packages and modules can use them; user code never needs
 * them, no public signature outside an {@code internal} package shows them, they may change at any time,
 * and this package uses no other package of the project (docs/architecture.md).
 */
package ai.brevetti.internal;
