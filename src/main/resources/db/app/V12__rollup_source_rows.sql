-- The rows of the warehouse tables a rollup is built from, as PostgreSQL estimated them at its
-- build: a rollup holding about as many rows as those tables saves nothing over reading them,
-- and is then not read. Null for a rollup built before this was kept: read whatever its size
-- until its next build.
ALTER TABLE clarion.rollup_state ADD COLUMN source_rows bigint;
