/**
 * Training progress sent to the model page (core), epoch by epoch.
 * <p>
 * Start with {@link ai.brevetti.interfaces.monitor.RemoteMonitor} ({@code job.getRemoteMonitor()}).
 */
package ai.brevetti.interfaces.monitor;
