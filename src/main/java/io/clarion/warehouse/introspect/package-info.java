/**
 * Reading a PostgreSQL schema's own description (information_schema and pg_catalog: tables,
 * views, columns and types, keys, comments) and what counting proves (row counts, distinct
 * counts, the top values of low-cardinality text columns, keys that are really unique) into
 * {@link io.clarion.catalog.draft.DbSchema}. Only SELECTs, in a read-only transaction; turning
 * the description into catalog YAML is {@code catalog.draft}'s work.
 */
package io.clarion.warehouse.introspect;
