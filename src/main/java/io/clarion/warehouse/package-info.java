/**
 * Stage 5: the user's database: connections, read-only execution with a statement timeout and a
 * row cap, and the embedded PostgreSQL started when no warehouse is configured.
 */
package io.clarion.warehouse;
