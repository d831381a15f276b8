/**
 * The one located-YAML layer every YAML file Clarion reads goes through (catalog, access policy,
 * skills, verified queries, the users file, the LLM tool descriptions): {@link
 * io.clarion.catalog.yaml.LocatedYaml} parses into {@link io.clarion.catalog.yaml.YNode}s that
 * keep file, line and column; {@link io.clarion.catalog.yaml.YamlFields} reads fields and reports
 * shape problems (unknown keys with a did-you-mean, missing fields, wrong structure) as issues;
 * {@link io.clarion.catalog.yaml.YamlFiles} reads a folder's files; {@link
 * io.clarion.catalog.yaml.YamlPaths} places a JSON path (a query error's) in the YAML; {@link
 * io.clarion.catalog.yaml.YamlJson} turns a JSON-shaped part into a JSON tree. Depends only on
 * diagnostics.
 */
package io.clarion.catalog.yaml;
