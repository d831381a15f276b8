/**
 * The semantic catalog: cubes, joins, measures, dimensions, segments, metrics and the access
 * policy, loaded from YAML into an immutable {@link io.clarion.catalog.model.Catalog}.
 *
 * <p>{@link io.clarion.catalog.CatalogLoader} runs ordered phases, each adding
 * {@link io.clarion.diagnostics.Issue}s rather than stopping at the first:
 * <ol>
 *   <li>read ({@link io.clarion.catalog.CatalogReader}, or the Lens importer): located YAML into
 *       {@link io.clarion.catalog.Declarations}, checking keys and the shape of each declaration;</li>
 *   <li>resolve ({@link io.clarion.catalog.CubeResolver}, then
 *       {@link io.clarion.catalog.MetricResolver}): types, SQL templates with every {reference}
 *       bound, joins, metric operands;</li>
 *   <li>rules ({@link io.clarion.catalog.CatalogRules}): identifiers, one primary key per cube, no
 *       cycles among metrics or dimension SQL;</li>
 *   <li>access ({@link io.clarion.catalog.AccessReader}): roles checked against the resolved
 *       catalog.</li>
 * </ol>
 * A catalog is returned only when no phase found an issue. Codes are
 * {@link io.clarion.catalog.CatalogCode}s, or {@link io.clarion.catalog.yaml.YamlCode}s for the
 * shape of the YAML.
 */
package io.clarion.catalog;
