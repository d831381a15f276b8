package io.clarion.briefing;

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
}
