package io.clarion.briefing.skill;

import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;

import java.util.function.Function;

/**
 * A problem of a query written in a skill, as an issue at the line of YAML it comes from. It keeps
 * the query stage's own code (unknown_member, not_certified ...), so a skill author sees the same
 * code the query API would answer.
 */
final class QueryIssues {
    private QueryIssues() {
    }

    static Issue fromQuery(String context, Issue e, Function<Issue, Location> locate) {
        return new Issue(e.code(), e.blame(), locate.apply(e), e.subject(), context + ": " + e.message(), e.suggestions());
    }
}
