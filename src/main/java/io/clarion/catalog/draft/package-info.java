/**
 * Drafting a catalog from a database's own description. The split: {@code warehouse.introspect}
 * reads information_schema and pg_catalog (and counts rows and values) into a {@link
 * io.clarion.catalog.draft.DbSchema}, a plain description of tables that knows nothing about
 * connections; this package turns that description into catalog YAML a person reviews, and
 * keeps a record of what it wrote so a second run never overwrites a file a person edited.
 */
package io.clarion.catalog.draft;
