/**
 * The embedded local platform (the localplatform module): an HTTP server with the platform's endpoints
 * and an S3 server, on loopback, standing in for platform.brevetti.ai.
 * <p>
 * Start with {@link ai.brevetti.localplatform.LocalPlatform} ({@code LocalPlatform.start(config)}), or run
 * {@code bin/brevettiai platform}.
 */
package ai.brevetti.localplatform;
