/**
 * Jobs and the platform (core): the job a script or notebook runs as, its datasets, settings, storage and
 * what it reports, and the platform's web API.
 * <p>
 * Start with {@link ai.brevetti.platform.Job} ({@code Job.init(MySettings.class)}, or {@code job()} in
 * JShell), {@link ai.brevetti.platform.Dataset} ({@code dataset.samples()}) and, to manage datasets and
 * models as a user, {@link ai.brevetti.platform.PlatformApi} ({@code PlatformApi.login(host, user, password)}
 * on the real platform, {@code PlatformApi.connect(host)} with the local one's saved token).
 */
package ai.brevetti.platform;
