/**
 * The fluent JShell DSL (the app module), imported statically by startup.jsh.
 * <p>
 * Start with {@link ai.brevetti.dsl.Brevetti}: {@code job().datasets().first().samples().split()
 * .generator().map(imagePipeline(64, 64)).map(oneHot())}. Its {@code job()} falls back to the local
 * platform's demo job, which is why this package, not the core, depends on the local platform.
 */
package ai.brevetti.dsl;
