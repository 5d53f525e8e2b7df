/**
 * The Vega, Vega-Lite and vega-embed browser builds (the vega module), for the kernel's notebook charts and
 * the local platform's pages: {@link ai.brevetti.vega.VegaBundle}. Like {@code internal}, for the project's
 * own modules, not API; a module of its own so that the core (the library) does not carry 830 KB of
 * JavaScript (docs/architecture.md).
 */
package ai.brevetti.vega;
