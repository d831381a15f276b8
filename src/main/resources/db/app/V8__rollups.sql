-- One row per built rollup: which table holds it, what it was built from (the fingerprint of
-- its build query, reference date included when the query reads it) and when, so that a stale
-- or outdated rollup is never read. The rollup tables themselves are clarion.rollup_<name>.
CREATE TABLE clarion.rollup_state (
    name           text PRIMARY KEY,
    fingerprint    text        NOT NULL,
    reference_date date        NOT NULL,
    built_at       timestamptz NOT NULL,
    build_ms       bigint      NOT NULL,
    row_count      bigint      NOT NULL
);
