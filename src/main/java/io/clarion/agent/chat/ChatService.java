package io.clarion.agent.chat;

import io.clarion.agent.CatalogTopics;
import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.PlannerUnavailableException;
import io.clarion.agent.QuestionPlanner;
import io.clarion.agent.language.Refusals;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Member;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.governance.audit.AuditLog;
import io.clarion.engine.QueryService;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One chat turn: plan the question (the LLM agent when configured, falling back to the offline
 * planner), run the planned query through the governed query service (certified members only),
 * and write the answer from the result table. Nothing but catalog-compiled SQL ever runs.
 */
public final class ChatService {
    static final int MAX_QUESTION = 2000;
    private final QueryService queries;
    private final QuestionPlanner offline;
    private final QuestionPlanner llm;
    private final SessionStore sessions;
    private final AuditLog auditLog;

    /** {@code llm} may be null (offline only); {@code auditLog} may be null (nothing audited). */
    public ChatService(QueryService queries, QuestionPlanner offline, QuestionPlanner llm, SessionStore sessions,
                       AuditLog auditLog) {
        this.queries = queries;
        this.offline = offline;
        this.llm = llm;
        this.sessions = sessions;
        this.auditLog = auditLog;
    }

    /** The session so far, if it exists (sessions live in memory and are dropped when idle). */
    public Optional<Conversation> session(String id) {
        return id == null ? Optional.empty() : sessions.get(id);
    }

    public QueryService queries() {
        return queries;
    }

    public Catalog catalog() {
        return queries.catalog();
    }

    /** The key a principal's session is kept under: a session id never reaches another principal's conversation. */
    public static String sessionKey(Principal p, String sessionId) {
        return p.name() + "|" + sessionId;
    }

    /** For in-process callers (evaluation, tests): no access policy applies. */
    public ChatResponse ask(String message, String sessionId) {
        return ask(Access.FULL, message, sessionId);
    }

    /**
     * One question from one principal: planned, run and answered with only the rows and members
     * {@code access} allows (PII masked in the database), and audited with its outcome.
     */
    public ChatResponse ask(Access access, String message, String sessionId) {
        long start = System.nanoTime();
        ChatResponse r;
        Turn turn = new Turn(access);
        try {
            r = turn.ask(message, sessionId);
        } catch (RuntimeException e) {
            audit(access, message, "error", null, e.getMessage(), start);
            throw e;
        }
        String outcome = r.clarification() != null ? "clarified" : r.refused() ? "refused" : "answered";
        Integer rows = r.results().isEmpty() ? null : r.results().stream().mapToInt(ChatResponse.Result::rowCount).sum();
        audit(access, message, outcome, rows, r.refused() ? r.answer() : null, start);
        // Kept only once audited: an answer that is not returned is no turn for a follow-up to build on.
        if (turn.next != null) sessions.put(turn.next);
        return r;
    }

    private void audit(Access access, String question, String outcome, Integer rows, String message, long start) {
        if (auditLog == null) return;
        auditLog.event(AuditLog.Kind.CHAT_QUESTION, "chat", access.principal(),
                question == null ? null : question.length() > 500 ? question.substring(0, 500) : question, rows, start, outcome, message);
    }

    /** One turn, answering for one principal. */
    private final class Turn {
        private final Access access;
        private final QueryService queries;

        /** The conversation with this turn added, kept once the turn is answered and audited. */
        private Conversation next;

        Turn(Access access) {
            this.access = access;
            this.queries = ChatService.this.queries.as(access);
        }

        private void remember(Conversation c) {
            next = c;
        }

        ChatResponse ask(String message, String sessionId) {
            String id = sessionId == null || sessionId.isBlank() ? UUID.randomUUID().toString() : sessionId;
            String key = sessionKey(access.principal(), id);
            Conversation conversation = sessions.get(key).orElse(Conversation.empty(key));
            String question = message == null ? "" : message.strip();
            if (question.isEmpty()) {
                return refusal(id, conversation, question, "Ask a question about " + CatalogTopics.subjects(catalog()) + ", for example \"" + CatalogTopics.example(catalog()) + "\"", "offline");
            }
            if (question.length() > MAX_QUESTION) {
                return refusal(id, conversation, question.substring(0, 200), "That message is " + question.length()
                        + " characters long; ask one question in at most " + MAX_QUESTION + " characters.", "offline");
            }
            Optional<String> who = Refusals.check(question).isPresent() ? Optional.empty() : ProfileRequest.subject(question);
            if (who.isPresent()) {
                Optional<ChatResponse> profile = profile(id, conversation, question, who.get());
                if (profile.isPresent()) return profile.get();
            }
            List<String> assumptions = new ArrayList<>();
            PlannerOutcome outcome;
            String plannerName;
            if (llm != null) {
                try {
                    outcome = llm.plan(question, conversation, access);
                    plannerName = llm.name();
                } catch (PlannerUnavailableException e) {
                    assumptions.add("The language model was unavailable (" + e.getMessage() + "); the offline planner answered.");
                    outcome = offline.plan(question, conversation, access);
                    plannerName = offline.name();
                }
            } else {
                outcome = offline.plan(question, conversation, access);
                plannerName = offline.name();
            }
            if (outcome instanceof PlannerOutcome.Refused r) {
                ChatResponse refused = refusal(id, conversation, question, r.reason(), plannerName);
                // Say so when the LLM fell through to the offline planner, even if it could not answer either.
                return new ChatResponse(refused.sessionId(), refused.answer(), List.of(), List.of(), assumptions, true, plannerName, null);
            }
            if (outcome instanceof PlannerOutcome.Clarify c) {
                remember(conversation.with(new Conversation.Turn(question, null, c.question(), c.options())));
                return new ChatResponse(id, c.question(), List.of(), List.of(), assumptions, false, plannerName,
                        new ChatResponse.Clarification(c.question(), c.options()));
            }
            PlannerOutcome.Planned planned = (PlannerOutcome.Planned) outcome;
            assumptions.addAll(planned.assumptions());
            if (access.restrictsRows()) {
                assumptions.add("Only the accounts you may see are counted: " + access.principal().describe() + " sees rows reached through "
                        + "their own customers, so figures are for those accounts, not the whole company.");
            }
            MetricQuery q = planned.query();
            if (readsRelativeDates(q)) {
                assumptions.add("Dates are read as of the reference date, " + queries.referenceDate() + " (" + queries.referenceDateSource()
                        + "; \"today\" for phrases such as \"last quarter\").");
            }
            QueryService.Outcome out;
            try {
                out = queries.run(q, new QueryService.Options(true));
            } catch (QueryException e) {
                log(null, q, e);
                String reason = e.errors().get(0).forbidden() ? "I cannot answer that for you: " + e.errors().get(0).message() + "."
                        : "I could not answer that with the certified catalog: " + e.errors().get(0).message() + ".";
                return refusal(id, conversation, question, reason, plannerName);
            } catch (RuntimeException e) {
                log(null, q, e);
                throw e;
            }
            log(out, q, null);
            List<ChatResponse.Definition> definitions = definitions(q);
            String answer = AnswerWriter.write(catalog(), q, out.result(), queries.referenceDate()) + AnswerWriter.unappliedPeriods(planned.assumptions())
                    + AnswerWriter.definitionsSentence(catalog(), q, definitions);
            remember(conversation.with(new Conversation.Turn(question, q, answer)));
            ChatResponse.Result result = new ChatResponse.Result(QueryParser.toJson(q), out.compiled().sql().sql(),
                    out.result().columns(), out.result().rows(), out.result().rowCount(), out.result().truncated());
            return new ChatResponse(id, answer, List.of(result), definitions, assumptions, false, plannerName, null);
        }

        /** True when a phrase such as "last month" or a period comparison depends on what "today" is. */
        private static boolean readsRelativeDates(MetricQuery q) {
            if (q.compare() != null) return true;
            for (MetricQuery.Filter f : q.filters()) {
                // Periods set side by side were read from words like "the same quarter last year".
                if ("in_periods".equals(f.operator())) return true;
                if (f.value() != null && f.value().isTextual() && !f.value().asText().matches("\\d{4}(-\\d{2}(-\\d{2})?|-Q[1-4])?")
                        && ("in_date_range".equals(f.operator()) || "before".equals(f.operator()) || "after".equals(f.operator()))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * "Tell me about Acme": the customer profile card, when the name finds customers; one match
         * answers, a few ask which, none lets the question be planned as usual.
         */
        private Optional<ChatResponse> profile(String id, Conversation conversation, String question, String who) {
            List<List<Object>> found = ProfileRequest.find(queries, who);
            if (found.isEmpty()) return Optional.empty();
            if (found.size() > 1) {
                List<String> options = found.stream().map(r -> r.get(1) + " (" + r.get(0) + ")").toList();
                String ask = "Several customers match \"" + who + "\": " + String.join(", ", options) + ". Which one?";
                remember(conversation.with(new Conversation.Turn(question, null, ask)));
                return Optional.of(new ChatResponse(id, ask, List.of(), List.of(), List.of(), false, offline.name(),
                        new ChatResponse.Clarification(ask, options)));
            }
            CustomerProfile p = CustomerProfile.build(queries, found.get(0).get(0).toString());
            List<ChatResponse.Result> results = new ArrayList<>();
            Set<String> members = new LinkedHashSet<>();
            for (MetricQuery q : p.queries()) {
                QueryService.Outcome out = queries.run(q, new QueryService.Options(true));
                log(out, q, null);
                results.add(new ChatResponse.Result(QueryParser.toJson(q), out.compiled().sql().sql(), out.result().columns(),
                        out.result().rows(), out.result().rowCount(), out.result().truncated()));
            }
            List<ChatResponse.Definition> defs = new ArrayList<>();
            for (MetricQuery q : p.queries()) {
                for (ChatResponse.Definition d : definitions(q)) if (members.add(d.member())) defs.add(d);
            }
            String answer = p.render(catalog());
            remember(conversation.with(new Conversation.Turn(question, null, answer)));
            return Optional.of(new ChatResponse(id, answer, results, defs, List.of(), false, offline.name(), null));
        }

        private ChatResponse refusal(String id, Conversation conversation, String question, String reason, String planner) {
            remember(conversation.with(new Conversation.Turn(question, null, reason)));
            return new ChatResponse(id, reason, List.of(), List.of(), List.of(), true, planner, null);
        }

        private void log(QueryService.Outcome out, MetricQuery q, RuntimeException e) {
            if (auditLog == null) return;
            if (out != null) auditLog.queryOk("chat", access.principal(), out.compiled().query(), out.compiled().sql(), out.result());
            else auditLog.queryFailed("chat", access.principal(), q, e);
        }
    }

    /** The catalog members a query reads, in the order it names them. */
    public List<ChatResponse.Definition> definitions(MetricQuery q) {
        Set<String> names = new LinkedHashSet<>(q.metrics());
        names.addAll(q.dimensions());
        q.filters().forEach(f -> names.add(f.dimension() != null ? f.dimension() : f.metric()));
        names.addAll(q.segments());
        List<ChatResponse.Definition> out = new ArrayList<>();
        for (String n : names) {
            member(n).ifPresent(m -> out.add(new ChatResponse.Definition(m.fullName(), m.info().description(),
                    m.info().owner(), m.info().certified())));
        }
        return out;
    }

    private Optional<Member> member(String name) {
        if (name == null) return Optional.empty();
        Catalog c = catalog();
        Optional<Member> m = c.metric(name).map(x -> (Member) x);
        if (m.isEmpty()) m = c.measure(name).map(x -> (Member) x);
        if (m.isEmpty()) m = c.segment(name).map(x -> (Member) x);
        if (m.isEmpty()) {
            String dim = name.chars().filter(ch -> ch == '.').count() == 2 ? name.substring(0, name.lastIndexOf('.')) : name;
            m = c.dimension(dim).map(x -> (Member) x);
        }
        return m;
    }
}
