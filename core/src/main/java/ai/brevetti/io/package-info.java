/**
 * Files wherever they are (core): local paths, {@code file:} URIs and S3, with a read cache. It uses no
 * other package of the project but {@code internal}.
 * <p>
 * Start with {@link ai.brevetti.io.IoTools} ({@code job.io()}); a new kind of storage is a
 * {@link ai.brevetti.io.StorageBackend}.
 */
package ai.brevetti.io;
