/**
 * Typed job settings (core): records that serialise to the platform's settings JSON and generate its
 * settings form.
 * <p>
 * Start with {@link ai.brevetti.settings.Settings} (implement it on a record) and
 * {@link ai.brevetti.settings.GenericSettings} (untyped settings, what {@code job()} has).
 */
package ai.brevetti.settings;
