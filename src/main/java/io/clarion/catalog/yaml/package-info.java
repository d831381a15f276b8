/**
 * YAML with positions: every node knows its file:line:column, so every reader of a YAML file
 * (catalog, access, skills, verified queries, users) reports problems where they are.
 */
package io.clarion.catalog.yaml;
