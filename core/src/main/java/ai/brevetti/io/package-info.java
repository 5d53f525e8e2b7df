/**
 * Files wherever they are (core): local paths, {@code file:} URIs and S3, with a read cache. It uses no
 * other package of the project but {@code internal}.
 * <p>
 * Start with {@link ai.brevetti.io.IoTools} ({@code job.io()}); a new kind of storage is a
 * {@link ai.brevetti.io.StorageBackend}. {@link ai.brevetti.io.ProgressMode} chooses where the progress of
 * long tasks (of this package and the others) shows.
 */
package ai.brevetti.io;
