/**
 * Facets Dive on the model page (core): the samples' fields and a sprite atlas of thumbnails.
 * <p>
 * Start with {@link ai.brevetti.interfaces.facets.Facets} ({@code Facets.buildFacets(generator, dir, n)}).
 */
package ai.brevetti.interfaces.facets;
