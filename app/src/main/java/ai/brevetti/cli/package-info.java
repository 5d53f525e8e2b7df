/**
 * {@code bin/brevettiai} (the app module): run, shell, kernel, platform, dataset, model, report, demo and
 * bench commands.
 * <p>
 * Start with {@link ai.brevetti.cli.Main}.
 */
package ai.brevetti.cli;
