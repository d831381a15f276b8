-- The last failed build of a rollup, until one succeeds: shown in the rollups' status (API and
-- CLI) on every instance, and counted so that the scheduler's retries back off.
CREATE TABLE clarion.rollup_failure (
    name      text PRIMARY KEY,
    failed_at timestamptz NOT NULL,
    attempts  integer     NOT NULL,
    message   text        NOT NULL
);
