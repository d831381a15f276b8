package io.clarion.query;

import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.SqlTemplate;

import java.util.List;
import java.util.Optional;

/**
 * What the query stages (validation, planning, SQL) need to know about the caller's access, and
 * nothing more. Governance decides it ({@code governance.policy.Access}); query, plan and sql only
 * ask, so they never depend on how a policy is declared or who the principal is.
 */
public interface AccessRules {

    /** The rows of one cube a principal sees. */
    sealed interface RowRule permits AllRows, Filtered, Through, NoRows {
    }

    record AllRows() implements RowRule {
    }

    /** Rows matching every filter (templates of the cube, with {principal.x} attributes). */
    record Filtered(List<SqlTemplate> filters) implements RowRule {
    }

    /** Rows with a related visible row of {@code target}, following many-to-one {@code path} from the cube. */
    record Through(List<Join> path, String target) implements RowRule {
    }

    record NoRows(String reason) implements RowRule {
    }

    RowRule ALL_ROWS = new AllRows();

    /** Every row and member unmasked: in-process work and validation without a caller. */
    AccessRules UNRESTRICTED = new AccessRules() {
        @Override
        public String describe() {
            return "system";
        }

        @Override
        public Optional<String> attribute(String key) {
            return Optional.empty();
        }

        @Override
        public RowRule rows(String cube) {
            return ALL_ROWS;
        }

        @Override
        public Optional<String> denial(String member) {
            return Optional.empty();
        }

        @Override
        public Optional<String> metricDenial(Metric m) {
            return Optional.empty();
        }

        @Override
        public boolean masks(Dimension d) {
            return false;
        }
    };

    /** "ana (analyst)" for messages. */
    String describe();

    /** A principal attribute a row filter binds ({@code owner_id}); empty when the caller has none. */
    Optional<String> attribute(String key);

    RowRule rows(String cube);

    /** Why {@code member} ("cube.name", or a metric) may not be used, or empty when it may. */
    Optional<String> denial(String member);

    /** The denial of a metric: its own, or that of any measure or metric it reads. */
    Optional<String> metricDenial(Metric m);

    /** True when this dimension's values come back masked for the caller. */
    boolean masks(Dimension d);
}
