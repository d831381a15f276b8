package io.clarion.briefing.skill;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Member;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Suggestions;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A skill written for another catalog: every problem it has is a member this catalog does not
 * have, or a role it does not declare. Such a skill is switched off with one issue, not counted
 * as an error, so a new catalog validates and serves with the shipped skills beside it. A name
 * within two edits of a member the catalog has is a typo, and stays an error with its suggestion.
 */
final class Unbound {
    /** A typo is at most this many edits from a member the catalog has. */
    static final int TYPO_EDITS = 2;
    private static final Pattern UNKNOWN = Pattern.compile("unknown (?:metric or measure|dimension|metric|measure|segment) \"([^\"]+)\"");

    private Unbound() {
    }

    /** The one issue the skill is switched off with, or empty when a problem is the skill's own (a typo, a missing template ...). */
    static Optional<Issue> collapse(List<Issue> issues, Catalog catalog) {
        if (issues.isEmpty()) return Optional.empty();
        if (issues.size() == 1 && issues.get(0).code() == SkillCode.UNBOUND_ROLE) return Optional.of(issues.get(0));
        Set<String> names = catalog.members().stream().map(Member::fullName).collect(Collectors.toSet());
        Set<String> missing = new LinkedHashSet<>();
        for (Issue i : issues) {
            // A query whose every member is missing also "asks for nothing": that follows from the missing members.
            if (i.key().equals("empty_query")) continue;
            if (!i.key().equals("unknown_member")) return Optional.empty();
            Matcher m = UNKNOWN.matcher(i.message());
            if (!m.find() || m.group(1).contains("${")) return Optional.empty();
            if (Suggestions.within(m.group(1), names, TYPO_EDITS).isPresent()) return Optional.empty();
            missing.add(m.group(1));
        }
        if (missing.isEmpty()) return Optional.empty();
        Issue first = issues.stream().filter(i -> i.key().equals("unknown_member")).findFirst().orElseThrow();
        return Optional.of(Issue.of(SkillCode.UNBOUND_MEMBERS, first.where(), (missing.size() == 1 ? "a member it names is"
                : missing.size() + " members it names are") + " not in this catalog (written for another one?): "
                + String.join(", ", missing)));
    }
}
