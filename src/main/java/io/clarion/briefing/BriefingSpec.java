package io.clarion.briefing;

import io.clarion.briefing.skill.Skill;
import io.clarion.query.MetricQuery;

import java.util.List;

/**
 * What a retention-risk briefing skill asks of the pipeline, read from its YAML.
 *
 * @param recipients one row per owner: key, name, email and Slack user id columns as named
 */
public record BriefingSpec(String skill, RiskModel model, int suppressWeeks, List<String> channels,
                           BriefingRenderer.TemplateNames templates, MetricQuery recipients, String recipientKey,
                           String recipientName, String recipientEmail, String recipientSlack) {
    public BriefingSpec {
        channels = List.copyOf(channels);
    }

    /** The same briefing delivered on these channels only. */
    public BriefingSpec withChannels(List<String> only) {
        return new BriefingSpec(skill, model, suppressWeeks, only, templates, recipients, recipientKey, recipientName,
                recipientEmail, recipientSlack);
    }

    /** Defaults for the tuning parameters a risk skill may leave out. */
    static final int DEFAULT_MAX_PER_OWNER = 10;
    static final int DEFAULT_SUPPRESS_WEEKS = 4;
    static final int DEFAULT_HIGH_POINTS = 5;
    static final int DEFAULT_MEDIUM_POINTS = 3;

    /** The pipeline's view of a validated risk_briefing skill, with its current parameter values. */
    public static BriefingSpec from(Skill skill) {
        if (skill.kind() != Skill.Kind.RISK_BRIEFING) {
            throw new IllegalArgumentException("skill " + skill.name() + " is a " + skill.kind().key() + " skill, not a risk briefing");
        }
        List<RiskModel.Signal> signals = skill.signals().stream()
                .map(s -> new RiskModel.Signal(s.name(), s.label(), s.points(), s.driver() == null ? "" : s.driver(),
                        s.evidence(), s.query()))
                .toList();
        RiskModel model = new RiskModel(skill.accounts().query(), skill.accounts().key(), skill.accounts().name(),
                skill.audience().groupBy(), skill.accounts().mrr(), signals,
                number(skill, "high_risk_points", DEFAULT_HIGH_POINTS), number(skill, "medium_risk_points", DEFAULT_MEDIUM_POINTS),
                number(skill, "max_accounts_per_owner", DEFAULT_MAX_PER_OWNER));
        Skill.Recipient r = skill.audience().recipient();
        MetricQuery recipients = MetricQuery.of(List.of(), java.util.stream.Stream.of(r.key(), r.name(), r.email(), r.slackUserId())
                .filter(java.util.Objects::nonNull).distinct().toList());
        return new BriefingSpec(skill.name(), model, number(skill, "suppress_false_positive_weeks", DEFAULT_SUPPRESS_WEEKS),
                skill.channels().stream().map(Skill.Channel::key).sorted().toList(),
                new BriefingRenderer.TemplateNames(skill.templates().emailHtml(), skill.templates().emailText(), skill.templates().slack()),
                recipients, r.key(), r.name(), r.email(), r.slackUserId());
    }

    private static int number(Skill skill, String name, int fallback) {
        Skill.Parameter p = skill.parameters().get(name);
        if (p == null || p.value() == null) return fallback;
        if (p.value() instanceof Number n) return n.intValue();
        throw new IllegalArgumentException("parameter " + name + " of skill " + skill.name() + " must be a number, got " + p.value());
    }
}
