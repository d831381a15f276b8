package io.clarion.briefing.skill;

import io.clarion.diagnostics.Blame;
import io.clarion.diagnostics.Code;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.query.QueryError;

import java.util.function.Function;

/**
 * A problem of a query written in a skill, as an issue at the line of YAML it comes from. It keeps
 * the query stage's own code (unknown_member, not_certified ...), so a skill author sees the same
 * code the query API would answer.
 */
final class QueryIssues {
    private QueryIssues() {
    }

    /** The query stage's code, carried over as it is. */
    record QueryCode(String key, Blame blame) implements Code {
    }

    static Issue fromQuery(String context, QueryError e, Function<QueryError, Location> locate) {
        Blame blame = e.forbidden() ? Blame.FORBIDDEN : Blame.USER;
        return new Issue(new QueryCode(e.code(), blame), blame, locate.apply(e), null, context + ": " + e.message(), e.suggestions());
    }
}
