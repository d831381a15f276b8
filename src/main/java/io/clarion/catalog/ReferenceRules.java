package io.clarion.catalog;

import io.clarion.diagnostics.Issue;

import io.clarion.diagnostics.Location;

import java.util.List;

/**
 * References that could mean two things are errors, never resolved by a silent preference. In a
 * join condition {@code {orders}} is the joined cube; when the cube also has a dimension named
 * {@code orders}, one reading would compile into SQL that fails only when queried.
 */
final class ReferenceRules {
    private ReferenceRules() {
    }

    /** The error for {@code {name}} in a join condition of {@code cube}, when it names both a dimension of the cube and a cube. */
    static Issue ambiguousInJoin(String cube, String name, Location at) {
        return Issue.of(CatalogCode.AMBIGUOUS_REFERENCE, at, "{" + name + "} in a join condition of cube " + cube
                + " could mean the dimension " + cube + "." + name + " or the joined cube " + name
                + "; write {" + cube + "." + name + "} for the dimension, or {" + name + ".<dimension>} for a column of the cube",
                List.of("{" + cube + "." + name + "}", "{" + name + ".<dimension>}"));
    }
}
