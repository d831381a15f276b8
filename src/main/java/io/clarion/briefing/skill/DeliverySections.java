package io.clarion.briefing.skill;

import io.clarion.briefing.skill.Skill.Channel;
import io.clarion.briefing.skill.Skill.Misfire;
import io.clarion.briefing.skill.Skill.Schedule;
import io.clarion.briefing.skill.Skill.Templates;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.Suggestions;

/**
 * When and how a skill is sent: its Quartz schedule (cron, time zone, misfire policy), channels
 * and the templates each channel needs.
 */
final class DeliverySections {
    private final SkillReader r;
    private final YamlFields yaml;

    DeliverySections(SkillReader r) {
        this.r = r;
        this.yaml = r.yaml;
    }

    Schedule schedule() {
        YNode n = r.doc.get("schedule");
        if (n == null) return null;
        if (!(n instanceof YMap m)) {
            yaml.report(YamlCode.INVALID_STRUCTURE, n.location(), "schedule: is a mapping with cron, timezone and misfire");
            return null;
        }
        yaml.checkKeys(m, SkillReader.SCHEDULE_KEYS, "schedule");
        String cron = validCron(yaml, m, "cron", yaml.requiredScalar(m, "cron", "schedule"));
        ZoneId zone = ZoneId.of("UTC");
        String tz = yaml.scalar(m, "timezone");
        if (tz != null) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                yaml.report(SkillCode.INVALID_TIMEZONE, m.get("timezone").location(), "unknown time zone \"" + tz + "\"",
                        Suggestions.closest(tz, ZoneId.getAvailableZoneIds()));
                zone = null;
            }
        }
        Misfire misfire = Misfire.FIRE_ONCE_NOW;
        String mf = yaml.scalar(m, "misfire");
        if (mf != null) {
            misfire = null;
            for (Misfire x : Misfire.values()) {
                if (x.name().equalsIgnoreCase(mf)) misfire = x;
            }
            if (misfire == null) {
                yaml.report(YamlCode.INVALID_VALUE, m.get("misfire").location(), "unknown misfire policy \"" + mf + "\"",
                        Suggestions.closest(mf, List.of("fire_once_now", "skip")));
            }
        }
        return cron == null || zone == null || misfire == null ? null : new Schedule(cron, zone, misfire);
    }

    /**
     * The cron text when Quartz accepts it; else null, reported where it was written (the
     * briefing schedule and a model's retraining share the one rule).
     */
    static String validCron(YamlFields yaml, YMap m, String key, String cron) {
        if (cron == null || CronExpression.isValidExpression(cron)) return cron;
        String why;
        try {
            new CronExpression(cron);
            why = "";
        } catch (ParseException e) {
            why = ": " + e.getMessage();
        }
        yaml.report(SkillCode.INVALID_CRON, m.get(key).location(), "\"" + cron + "\" is not a valid Quartz cron expression" + why
                + " (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 7 ? * MON\")");
        return null;
    }

    Set<Channel> channels() {
        Set<Channel> out = new LinkedHashSet<>();
        for (YScalar s : yaml.names(r.doc.get("channels"), "channels", true)) {
            Channel c = null;
            for (Channel x : Channel.values()) {
                if (x.key().equalsIgnoreCase(s.text())) c = x;
            }
            if (c == null) {
                yaml.report(YamlCode.INVALID_VALUE, s.location(), "unknown channel \"" + s.text() + "\"",
                        Suggestions.closest(s.text(), List.of("email", "slack")));
            } else if (!out.add(c)) {
                yaml.report(SkillCode.DUPLICATE_NAME, s.location(), "channel " + c.key() + " is listed twice");
            }
        }
        return out;
    }

    Templates templates(Set<Channel> channels) {
        YNode n = r.doc.get("templates");
        if (n == null) return null;
        if (!(n instanceof YMap m)) {
            yaml.report(YamlCode.INVALID_STRUCTURE, n.location(), "templates: is a mapping with email_html, email_text and slack");
            return null;
        }
        yaml.checkKeys(m, SkillReader.TEMPLATE_KEYS, "templates");
        if (channels.contains(Channel.EMAIL)) {
            yaml.requiredScalar(m, "email_html", "templates (for the email channel)");
            yaml.requiredScalar(m, "email_text", "templates (for the email channel)");
        }
        if (channels.contains(Channel.SLACK)) yaml.requiredScalar(m, "slack", "templates (for the slack channel)");
        return new Templates(yaml.scalar(m, "email_html"), yaml.scalar(m, "email_text"), yaml.scalar(m, "slack"));
    }
}
