/**
 * The demo (the app module): the local platform started on demand, a demo model and a dataset of synthetic
 * vials.
 * <p>
 * Start with {@link ai.brevetti.demo.DemoData} (the synthetic images) and
 * {@link ai.brevetti.demo.DemoSetup} (the local platform and the demo model).
 */
package ai.brevetti.demo;
