package io.clarion.briefing;

import io.clarion.briefing.template.Templates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a stored briefing with the skill's templates: email HTML and text, Slack Block Kit.
 * Templates get a view with every figure already formatted, so they hold layout only.
 */
public final class BriefingRenderer {

    /** Where an owner marks an account (a signed, expiring link). */
    @FunctionalInterface
    public interface FeedbackUrls {
        String url(long briefingId, String customerId, String ownerId);
    }

    public record TemplateNames(String emailHtml, String emailText, String slack) {
    }

    public record Rendered(String subject, String html, String text, String slackText, String slackBlocks) {
    }

    public record EvidenceView(String label, String values) {
    }

    public record AccountView(int rank, String name, String customerId, String level, String color, String mrr,
                              String driver, List<EvidenceView> evidence, String feedbackUrl, boolean carriedOver,
                              String standing) {
    }

    /** One bar of the MRR-at-risk chart; widths are percentages of the largest bar. */
    public record Bar(String label, String amount, int width, String color) {
    }

    public record View(String ownerName, String cycle, String subject, int flagged, int shown, int high, int medium,
                       String mrrAtRisk, String sinceLastWeek, int suppressed, List<AccountView> accounts,
                       List<String> changes, List<String> whatChanged, List<String> dataQuality, List<Bar> chart) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    /** What a preview's subject starts with. */
    public static final String PREVIEW_SUBJECT = "[Preview] ";
    /** The note a preview carries at its top, in every rendering. */
    public static final String PREVIEW_NOTE = "Preview: this is what the owner receives, with the owner's working feedback links "
            + "(only operators can open a preview; an answer given through them is recorded as the owner's).";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Templates templates;
    private final FeedbackUrls urls;

    public BriefingRenderer(Templates templates, FeedbackUrls urls) {
        this.templates = templates;
        this.urls = urls;
    }

    public Rendered render(long briefingId, OwnerBriefing b, TemplateNames names) {
        return render(briefingId, b, names, false);
    }

    /**
     * @param preview for an operator looking at someone else's briefing: the owner's working feedback
     *                links, the subject starting with {@link #PREVIEW_SUBJECT} and each rendering
     *                opening with {@link #PREVIEW_NOTE}, so nobody takes it for the message sent
     */
    public Rendered render(long briefingId, OwnerBriefing b, TemplateNames names, boolean preview) {
        View v = view(briefingId, b, preview);
        Map<String, Object> data = Map.of("b", v);
        String slackText = v.subject() + " — " + v.flagged() + " flagged, " + v.mrrAtRisk() + " MRR at risk";
        String html = templates.render(names.emailHtml(), data);
        String text = templates.render(names.emailText(), data);
        String blocks = templates.render(names.slack(), data).strip();
        if (!preview) return new Rendered(v.subject(), html, text, slackText, blocks);
        return new Rendered(v.subject(), previewHtml(html), PREVIEW_NOTE + "\n\n" + text, slackText, previewBlocks(blocks));
    }

    /** The note as the first thing in the body (or the document, for a template without a body tag). */
    static String previewHtml(String html) {
        String banner = "<div role=\"note\" style=\"padding:10px 16px;background:#fff4cc;border-bottom:1px solid #e0c060;"
                + "font-family:Helvetica,Arial,sans-serif;font-size:13px;color:#5c4400;\">" + PREVIEW_NOTE + "</div>";
        java.util.regex.Matcher body = java.util.regex.Pattern.compile("<body[^>]*>", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(html);
        return body.find() ? html.substring(0, body.end()) + banner + html.substring(body.end()) : banner + html;
    }

    /** The note as a context block before the others; blocks that are not a JSON list (or {"blocks": [...]}) get it as text. */
    static String previewBlocks(String blocks) {
        try {
            com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(blocks);
            com.fasterxml.jackson.databind.node.ArrayNode list = root instanceof com.fasterxml.jackson.databind.node.ArrayNode a ? a
                    : root != null && root.get("blocks") instanceof com.fasterxml.jackson.databind.node.ArrayNode a ? a : null;
            if (list != null) {
                com.fasterxml.jackson.databind.node.ObjectNode note = JSON.createObjectNode().put("type", "context");
                note.putArray("elements").addObject().put("type", "mrkdwn").put("text", ":warning: " + PREVIEW_NOTE);
                list.insert(0, note);
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // not JSON: the note goes in front as text
        }
        return PREVIEW_NOTE + "\n" + blocks;
    }

    View view(long briefingId, OwnerBriefing b) {
        return view(briefingId, b, false);
    }

    View view(long briefingId, OwnerBriefing b, boolean preview) {
        OwnerBriefing.Headline h = b.headline();
        List<AccountView> accounts = new ArrayList<>();
        BigDecimal high = BigDecimal.ZERO;
        BigDecimal medium = BigDecimal.ZERO;
        for (OwnerBriefing.Account a : b.accounts()) {
            RiskScoring.ScoredAccount s = a.scored();
            if (!a.carriedOver()) {
                if (s.level() == RiskLevel.HIGH) high = high.add(s.mrr());
                else medium = medium.add(s.mrr());
            }
            List<EvidenceView> ev = s.evidence().stream()
                    .map(e -> new EvidenceView(e.label(), e.values().entrySet().stream()
                            .map(x -> shortName(x.getKey()) + " " + value(x.getValue()))
                            .collect(Collectors.joining(", "))))
                    .toList();
            String standing = a.feedback() == null ? null : standing(a.feedback());
            accounts.add(new AccountView(a.rank(), s.name() == null ? s.customerId() : s.name(), s.customerId(),
                    s.level().key(), color(s.level()), BriefingBuilder.money(s.mrr()), s.driver(), ev,
                    urls.url(briefingId, s.customerId(), b.owner().ownerId()), a.carriedOver(), standing));
        }
        String since = h.previousMrrAtRisk() == null ? "first briefing"
                : signed(h.mrrAtRisk().subtract(h.previousMrrAtRisk())) + " since last briefing";
        String subject = (preview ? PREVIEW_SUBJECT : "") + "Retention risk, " + DAY.format(b.cycle()) + ": " + h.flagged() + " account"
                + (h.flagged() == 1 ? "" : "s") + ", " + BriefingBuilder.money(h.mrrAtRisk()) + " MRR at risk";
        return new View(b.owner().name(), DAY.format(b.cycle()), subject, h.flagged(), h.shown(), h.high(), h.medium(),
                BriefingBuilder.money(h.mrrAtRisk()), since, h.suppressed(), accounts, b.changes(), b.whatChanged(), b.dataQuality(),
                chart(high, medium));
    }

    /** MRR at risk by risk level among the accounts shown, as bars scaled to the larger one. */
    static List<Bar> chart(BigDecimal high, BigDecimal medium) {
        BigDecimal max = high.max(medium);
        if (max.signum() == 0) return List.of();
        return List.of(new Bar("High risk", BriefingBuilder.money(high), width(high, max), "#c0392b"),
                new Bar("Medium risk", BriefingBuilder.money(medium), width(medium, max), "#e67e22"));
    }

    private static int width(BigDecimal v, BigDecimal max) {
        return Math.max(v.signum() > 0 ? 2 : 0, v.multiply(BigDecimal.valueOf(100)).divide(max, 0, RoundingMode.HALF_UP).intValue());
    }

    private static String standing(io.clarion.briefing.feedback.FeedbackState f) {
        String s = "You marked this " + f.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " ("
                + f.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        if (f.dueDate() != null) s += ", due " + DAY.format(f.dueDate());
        return s + ".";
    }

    private static String color(RiskLevel level) {
        return level == RiskLevel.HIGH ? "#c0392b" : level == RiskLevel.MEDIUM ? "#e67e22" : "#7f8c8d";
    }

    private static String shortName(String member) {
        String n = member.substring(member.lastIndexOf('.') + 1).replace('_', ' ');
        return n + ":";
    }

    private static String value(Object v) {
        if (v == null) return "—";
        if (v instanceof BigDecimal d) return d.setScale(Math.min(2, Math.max(0, d.scale())), RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        if (v instanceof Double d) return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return v.toString();
    }

    private static String signed(BigDecimal v) {
        return (v.signum() >= 0 ? "+" : "−") + BriefingBuilder.money(v.abs());
    }
}
