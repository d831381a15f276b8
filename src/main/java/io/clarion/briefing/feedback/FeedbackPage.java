package io.clarion.briefing.feedback;

import io.clarion.briefing.template.Templates;


import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The feedback page an owner opens from a briefing link: the flagged account with its evidence,
 * the current feedback and its history, and a form. Rendered from {@code feedback-page.html} in
 * the briefings template folder (the one the command line renders briefings from), as HTML with
 * every value escaped. Every outcome is a page with a status; nothing here throws at the owner.
 */
public final class FeedbackPage {
    public static final String TEMPLATE = "feedback-page.html";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private final FeedbackLinks links;
    private final FeedbackService service;
    private final Templates templates;

    public FeedbackPage(FeedbackLinks links, FeedbackService service, Templates templates) {
        this.links = links;
        this.service = service;
        this.templates = templates;
    }

    public FeedbackPage(FeedbackLinks links, FeedbackService service, Path templatesDir) {
        this(links, service, new Templates(templatesDir));
    }

    /** A rendered page and the HTTP status it goes with. */
    public record Rendered(int status, String html) {
    }

    /** The values a submitted form carried, kept to fill the form again. */
    public record Form(String verdict, String status, String dueDate, String note) {
        public static Form of(Map<String, String> fields) {
            return new Form(fields.get("verdict"), fields.get("status"), fields.get("due_date"), fields.get("note"));
        }

        static Form of(Feedback f) {
            if (f == null) return new Form(null, null, null, null);
            return new Form(f.verdict().code(), f.status().code(), f.dueDate() == null ? null : f.dueDate().toString(), f.note());
        }
    }

    public Rendered show(String token) {
        return withAccount(token, (account, current) -> render(200, token, account, current, Form.of(current), null, null));
    }

    /** Records the submitted form; the page comes back with a confirmation, or with the problem and the form as sent. */
    public Rendered submit(String token, Map<String, String> fields) {
        Form form = Form.of(fields);
        return withAccount(token, (account, current) -> {
            Feedback saved;
            try {
                saved = service.record(change(account, form));
            } catch (FeedbackException e) {
                return render(400, token, account, current, form, null, e.getMessage());
            }
            String confirmation = "Thank you: recorded " + saved.verdict().label().toLowerCase(Locale.ROOT) + ", follow-up "
                    + saved.status().label().toLowerCase(Locale.ROOT) + ".";
            return render(200, token, account, saved, Form.of(saved), confirmation, null);
        });
    }

    static FeedbackChange change(FlaggedAccount account, Form form) {
        Verdict verdict = Verdict.parse(form.verdict());
        FollowUpStatus status = form.status() == null || form.status().isBlank() ? null : FollowUpStatus.parse(form.status());
        LocalDate due = null;
        if (form.dueDate() != null && !form.dueDate().isBlank()) {
            try {
                due = LocalDate.parse(form.dueDate().strip());
            } catch (DateTimeParseException e) {
                throw new FeedbackException("invalid_due_date", "due_date", "the due date \"" + form.dueDate().strip()
                        + "\" is not a date; write it as YYYY-MM-DD, e.g. " + LocalDate.now(ZoneOffset.UTC).plusWeeks(1));
            }
        }
        // The link was sent to the owner, so the owner is who answers through it.
        return new FeedbackChange(account.skill(), account.ownerId(), account.customerId(), verdict, status, due, form.note(),
                account.briefingId(), null, account.ownerId());
    }

    private interface PageBody {
        Rendered render(FlaggedAccount account, Feedback current);
    }

    private Rendered withAccount(String token, PageBody body) {
        FeedbackLinks.Verified v = links.verify(token);
        if (!(v instanceof FeedbackLinks.Verified.Valid valid)) return message(403, "Feedback link not valid", v.message());
        FeedbackLinks.LinkTarget t = valid.target();
        Optional<FlaggedAccount> account = service.account(t.briefingId(), t.customerId(), t.ownerId());
        if (account.isEmpty()) {
            return message(404, "Account not found", "This account is no longer in that briefing; ask for a new briefing.");
        }
        FlaggedAccount a = account.get();
        return body.render(a, service.find(a.skill(), a.ownerId(), a.customerId()).orElse(null));
    }

    public record Option(String code, String label, boolean checked) {
    }

    public record Value(String member, String value) {
    }

    public record Signal(String signal, String label, List<Value> values) {
    }

    public record HistoryLine(String at, String by, String verdict, String status, LocalDate dueDate, String note) {
    }

    private Rendered render(int status, String token, FlaggedAccount account, Feedback current, Form form, String confirmation, String error) {
        Map<String, Object> data = new HashMap<>();
        data.put("title", "Feedback: " + (account.customerName() == null ? account.customerId() : account.customerName()));
        data.put("account", account);
        data.put("mrr", account.mrr() == null ? null : money(account.mrr()));
        List<Signal> signals = new ArrayList<>();
        for (FlaggedAccount.Evidence e : account.evidence()) {
            List<Value> values = new ArrayList<>();
            e.values().forEach((k, val) -> values.add(new Value(k, val)));
            signals.add(new Signal(e.signal(), e.label(), values));
        }
        data.put("signals", signals);
        data.put("current", current);
        data.put("currentAt", current == null ? null : when(current.updatedAt()));
        List<HistoryLine> history = new ArrayList<>();
        if (current != null) {
            for (FeedbackHistoryEntry h : service.history(current.id())) {
                history.add(new HistoryLine(when(h.at()), h.by(), h.verdict().label(), h.status().label(), h.dueDate(), h.note()));
            }
        }
        data.put("history", history);
        List<Option> verdicts = new ArrayList<>();
        for (Verdict v : Verdict.values()) verdicts.add(new Option(v.code(), v.label(), v.code().equals(form.verdict())));
        data.put("verdicts", verdicts);
        List<Option> statuses = new ArrayList<>();
        for (FollowUpStatus s : FollowUpStatus.values()) statuses.add(new Option(s.code(), s.label(), s.code().equals(form.status())));
        data.put("statuses", statuses);
        data.put("form", new Form(form.verdict(), form.status(), form.dueDate() == null ? "" : form.dueDate(),
                form.note() == null ? "" : form.note()));
        data.put("maxNote", FeedbackChange.MAX_NOTE);
        // Back to the link that was opened: showing the page must not extend its lifetime.
        data.put("action", "/feedback/" + token);
        data.put("confirmation", confirmation);
        data.put("error", error);
        return new Rendered(status, templates.render(TEMPLATE, data));
    }

    private Rendered message(int status, String title, String message) {
        Map<String, Object> data = new HashMap<>();
        data.put("title", title);
        data.put("message", message);
        data.put("account", null);
        return new Rendered(status, templates.render(TEMPLATE, data));
    }

    private static String when(OffsetDateTime t) {
        return t == null ? "" : t.withOffsetSameInstant(ZoneOffset.UTC).format(WHEN);
    }

    private static String money(BigDecimal v) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }
}
