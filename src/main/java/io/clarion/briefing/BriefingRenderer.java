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
    private final Templates templates;
    private final FeedbackUrls urls;

    public BriefingRenderer(Templates templates, FeedbackUrls urls) {
        this.templates = templates;
        this.urls = urls;
    }

    public Rendered render(long briefingId, OwnerBriefing b, TemplateNames names) {
        View v = view(briefingId, b);
        Map<String, Object> data = Map.of("b", v);
        String slackText = v.subject() + " — " + v.flagged() + " flagged, " + v.mrrAtRisk() + " MRR at risk";
        return new Rendered(v.subject(), templates.render(names.emailHtml(), data), templates.render(names.emailText(), data),
                slackText, templates.render(names.slack(), data).strip());
    }

    View view(long briefingId, OwnerBriefing b) {
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
        String subject = "Retention risk, " + DAY.format(b.cycle()) + ": " + h.flagged() + " account"
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
