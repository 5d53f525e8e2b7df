/**
 * Vega-Lite charts (core) for the model page and notebooks.
 * <p>
 * Start with {@link ai.brevetti.interfaces.charts.VegaLiteCharts} (ready-made charts of samples and
 * training progress) and {@link ai.brevetti.interfaces.charts.VegaLite} (a chart spec;
 * {@code job.uploadChart(name, chart)}).
 */
package ai.brevetti.interfaces.charts;
