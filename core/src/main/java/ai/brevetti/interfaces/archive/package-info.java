/**
 * Model archives (core): a SavedModel folder packaged as {@code <name>.<version>.tar.gz} with its metadata.
 * <p>
 * Start with {@link ai.brevetti.interfaces.archive.ModelArchive} ({@code ModelArchive.packageSavedModel(...)}).
 */
package ai.brevetti.interfaces.archive;
