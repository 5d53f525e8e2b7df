/**
 * Pivot tables on the model page (core).
 * <p>
 * Start with {@link ai.brevetti.interfaces.pivot.PivotTables} ({@code PivotTables.exportPivotTable(...)}).
 */
package ai.brevetti.interfaces.pivot;
