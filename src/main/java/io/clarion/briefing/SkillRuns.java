package io.clarion.briefing;

import io.clarion.briefing.change.WhatChanged;
import io.clarion.briefing.change.WhatChangedAnalysis;
import io.clarion.briefing.skill.Skill;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Runs the skills that answer on demand rather than on a schedule: a profile card for one
 * customer, and the what-changed analysis. Every query is the skill's certified metric query.
 */
public final class SkillRuns {
    private SkillRuns() {
    }

    /** One section of a profile card: its label and the table its query returned. */
    public record Section(String name, String label, List<QueryResult.Column> columns, List<List<Object>> rows) {
    }

    /** @throws IllegalArgumentException for a parameter the skill does not have or a missing required one */
    public static List<Section> profile(Skill skill, Map<String, Object> parameters, QueryService queries) {
        if (skill.kind() != Skill.Kind.PROFILE) throw new IllegalArgumentException("skill " + skill.name() + " is not a profile skill");
        Skill s = skill.withParameters(parameters);
        try {
            s.requireParameters();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return s.profile().stream().map(p -> {
            QueryResult r = queries.run(p.query(), new QueryService.Options(true)).result();
            return new Section(p.name(), p.label(), r.columns(), r.rows());
        }).toList();
    }

    public static WhatChanged whatChanged(Skill skill, Map<String, Object> parameters, QueryService queries, LocalDate asOf) {
        Skill s = skill.withParameters(parameters);
        var spec = s.whatChangedSpec().orElseThrow(() -> new IllegalArgumentException("skill " + skill.name() + " is not a what_changed skill"));
        QueryService q = asOf == null ? queries : queries.withReferenceDate(asOf);
        return new WhatChangedAnalysis(q).analyse(spec, q.referenceDate());
    }
}
