package io.clarion.briefing.skill;

import io.clarion.diagnostics.Blame;
import io.clarion.diagnostics.Code;

/**
 * What can be wrong with what a skill says, once its YAML is well formed (shape problems are
 * {@link io.clarion.catalog.yaml.YamlCode}s); a skill's query keeps the query's own code.
 */
public enum SkillCode implements Code {
    DUPLICATE_NAME, UNKNOWN_PARAMETER, INVALID_CRON, INVALID_TIMEZONE, MISSING_TEMPLATE, UNKNOWN_MEMBER,
    /** A role the skill's binding: needs that the catalog does not declare: the skill is switched off. */
    UNBOUND_ROLE, UNKNOWN_ROLE,
    /**
     * Members the skill names that this catalog does not have (none a near miss of one it has):
     * the skill was written for another catalog and is switched off, one issue per skill.
     */
    UNBOUND_MEMBERS;

    @Override
    public String key() {
        return Code.keyOf(this);
    }

    @Override
    public Blame blame() {
        return Blame.USER;
    }
}
