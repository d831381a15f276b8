package io.clarion.briefing;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * What one owner receives for a cycle, rendered as delivery renders it (email HTML, email text or
 * the Slack blocks), so an operator can look before or after sending without a mail server. It is
 * marked as what it is: the subject starts with "[Preview] ", the body opens with a note, and the
 * feedback links are the owner's working ones, so the operator can check where each one leads.
 * {@code note} says what else the operator should know (a dry run's cycle not stored yet).
 */
public record BriefingPreview(String skill, String ownerId, LocalDate cycle, boolean dryRun, Long briefingId, String render,
                              String subject, String body, String note) {

    public enum Render {
        HTML, TEXT, SLACK;

        public static Render parse(String value) {
            String v = value == null || value.isBlank() ? "html" : value.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(r -> r.key().equals(v)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("render is one of html, text, slack; got \"" + value + "\""));
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A stored briefing as it was (or will be) delivered. */
    public static BriefingPreview stored(Briefings briefings, long id, Render render) {
        BriefingStore.Detail d = briefings.store().get(id).orElseThrow(() -> new NoSuchElementException("no briefing " + id));
        return of(briefings, id, d.briefing(), false, render, null);
    }

    /** One owner's briefing of a dry run, linked to the stored briefing of the same cycle when there is one. */
    public static BriefingPreview dryRun(Briefings briefings, BriefingRun.Report report, String ownerId, Render render) {
        OwnerBriefing b = report.briefings().stream().map(BriefingRun.Built::briefing)
                .filter(x -> x.owner() != null && ownerId.equals(x.owner().ownerId())).findFirst()
                .orElseThrow(() -> new NoSuchElementException("owner " + ownerId + " has no briefing in the " + report.cycle()
                        + " cycle (no account of theirs is in scope)"));
        Long stored = briefings.store().find(report.skill(), ownerId, report.cycle()).orElse(null);
        return of(briefings, stored == null ? 0 : stored, b, true, render, stored == null
                ? "this cycle is not stored yet: the owner's message is built and sent once the cycle is run" : null);
    }

    private static BriefingPreview of(Briefings briefings, long id, OwnerBriefing b, boolean dryRun, Render render, String note) {
        BriefingRenderer.Rendered r = briefings.renderer().render(id, b, briefings.spec(b.skill()).templates(), true);
        String body = switch (render) {
            case HTML -> r.html();
            case TEXT -> r.text();
            case SLACK -> r.slackBlocks();
        };
        return new BriefingPreview(b.skill(), b.owner() == null ? null : b.owner().ownerId(), b.cycle(), dryRun, id == 0 ? null : id,
                render.key(), r.subject(), body, note);
    }
}
