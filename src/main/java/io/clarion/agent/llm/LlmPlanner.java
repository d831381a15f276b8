package io.clarion.agent.llm;

import io.clarion.retry.Retrying;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.clarion.agent.tools.CatalogTools;
import io.clarion.governance.policy.Access;
import io.clarion.governance.audit.AuditLog;
import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.PlannerUnavailableException;
import io.clarion.agent.QuestionPlanner;
import io.clarion.agent.language.Refusals;
import io.clarion.agent.VerifiedQueries;
import io.clarion.agent.VerifiedQuery;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryParser;
import io.clarion.engine.Engine;
import io.clarion.engine.QueryService;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLM agent: an OpenAI-compatible chat model whose only tools are {@link CatalogTools}. It
 * plans; it does not answer. The last query it ran successfully becomes the plan, and the chat
 * runs that query again and writes the answer from the table, so no number the model writes
 * reaches the user. Tool rounds are bounded; failed calls are retried with backoff (honouring
 * Retry-After), then reported as {@link PlannerUnavailableException} so the chat falls back to
 * the offline planner and says why.
 */
public final class LlmPlanner implements QuestionPlanner {
    private static final Logger LOG = Logger.getLogger(LlmPlanner.class);
    /** Earlier turns of the session given to the model, for follow-ups ("now only EMEA"). */
    static final int HISTORY_TURNS = 4;
    /** Tool calls run from one model reply; more are answered with an error, not run. */
    static final int MAX_CALLS_PER_ROUND = 4;
    static final String NOTHING = "I could not answer that from the certified catalog. Ask about customers, revenue, "
            + "MRR and ARR, retention and churn, product usage, support, NPS, customer health or marketing.";
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

    private final ChatModel model;
    private final CatalogTools tools;
    private final Prompts prompts;
    private final LlmSettings settings;
    private final List<VerifiedQuery> examples;
    private final AuditLog audit;

    public LlmPlanner(ChatModel model, CatalogTools tools, Prompts prompts, LlmSettings settings, List<VerifiedQuery> examples) {
        this(model, tools, prompts, settings, examples, null);
    }

    /** {@code audit}: where each tool call is recorded (null: nowhere). */
    public LlmPlanner(ChatModel model, CatalogTools tools, Prompts prompts, LlmSettings settings, List<VerifiedQuery> examples,
                      AuditLog audit) {
        this.model = model;
        this.tools = tools;
        this.prompts = prompts;
        this.settings = settings;
        this.examples = List.copyOf(examples);
        this.audit = audit;
    }

    /** The model's tools see only what {@code access} allows; each call is audited under that principal. */
    @Override
    public PlannerOutcome plan(String question, Conversation conversation, Access access) {
        return new LlmPlanner(model, tools.as(access), prompts, settings, examples, audit).plan(question, conversation);
    }

    /**
     * The LLM agent when {@code clarion.llm.base-url} is set, with the offline planner's drafts as
     * one of its tools. A bad setting or missing prompt stops start-up with the reason.
     */
    public static Optional<QuestionPlanner> create(QueryService queries, AuditLog audit, List<VerifiedQuery> examples,
                                                   Function<String, Optional<String>> config, QuestionPlanner offline) {
        LlmSettings s;
        Prompts p;
        try {
            Optional<LlmSettings> configured = LlmSettings.from(config);
            if (configured.isEmpty()) return Optional.empty();
            s = configured.get();
            p = Prompts.load(s.promptsDir());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Engine.StartupException(e.getMessage(), e);
        }
        LOG.infof("chat: LLM agent on %s (model %s); the offline planner answers when it is unavailable", s.baseUrl(), s.model());
        return Optional.of(new LlmPlanner(openAi(s), new CatalogTools(queries, offline), p, s, examples, audit));
    }

    /** LangChain4j's OpenAI-compatible model on our HTTP client; its own retries are off (ours honour Retry-After). */
    public static ChatModel openAi(LlmSettings s) {
        return OpenAiChatModel.builder().baseUrl(s.baseUrl()).apiKey(s.apiKey()).modelName(s.model())
                .timeout(s.timeout()).maxRetries(0)
                .httpClientBuilder(LlmHttpClient.builder().connectTimeout(s.timeout()).readTimeout(s.timeout()))
                .build();
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public PlannerOutcome plan(String question, Conversation conversation) {
        // Change requests and smuggled instructions never reach the model.
        Optional<String> refusal = Refusals.check(question);
        if (refusal.isPresent()) return new PlannerOutcome.Refused(refusal.get());

        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(prompts.system(tools.referenceDate(), tools.catalog(), examples)));
        List<Conversation.Turn> turns = conversation.turns();
        for (Conversation.Turn t : turns.subList(Math.max(0, turns.size() - HISTORY_TURNS), turns.size())) {
            messages.add(UserMessage.from(t.question()));
            // The metric query, not the answer text: the model never needs the earlier numbers.
            messages.add(AiMessage.from(t.query() != null ? "Answered with the metric query " + QueryParser.toJson(t.query())
                    : t.answer() == null || t.answer().isBlank() ? "(no answer)" : t.answer()));
        }
        messages.add(UserMessage.from(question));

        MetricQuery lastGood = null;
        int malformedReplies = 0;
        for (int round = 1; round <= settings.maxToolRounds(); round++) {
            AiMessage ai = call(messages);
            messages.add(ai);
            if (!ai.hasToolExecutionRequests()) return finish(question, ai.text(), lastGood);
            boolean malformed = false;
            int n = 0;
            for (ToolExecutionRequest req : ai.toolExecutionRequests()) {
                String result;
                if (++n > MAX_CALLS_PER_ROUND) {
                    result = "{\"ok\":false,\"errors\":[{\"code\":\"too_many_calls\",\"path\":\"$\",\"message\":\"at most "
                            + MAX_CALLS_PER_ROUND + " tool calls per reply; this one was not run\",\"suggestions\":[]}]}";
                } else {
                    CatalogTools.ToolResult r = run(req);
                    malformed |= r.malformed();
                    if (r.ranQuery() != null) lastGood = r.ranQuery();
                    result = r.json();
                }
                messages.add(ToolExecutionResultMessage.from(req, result));
            }
            // The error goes back once so the model can correct itself; a second malformed reply ends it.
            if (malformed && ++malformedReplies > 1) {
                throw new PlannerUnavailableException("the model sent malformed tool calls twice", null);
            }
        }
        if (lastGood != null) {
            return new PlannerOutcome.Planned(lastGood, List.of("The language model was still calling tools after "
                    + settings.maxToolRounds() + " rounds; its last successful query answers."), name());
        }
        throw new PlannerUnavailableException("the model did not settle on a query within " + settings.maxToolRounds()
                + " tool rounds", null);
    }

    /** One tool call; a failure inside a tool is the model's error to read, not the chat's crash. */
    private CatalogTools.ToolResult run(ToolExecutionRequest req) {
        long start = System.nanoTime();
        CatalogTools.ToolResult r;
        try {
            r = tools.execute(req.name(), req.arguments());
        } catch (RuntimeException e) {
            LOG.warnf("tool %s failed: %s", req.name(), e.toString());
            r = new CatalogTools.ToolResult("{\"ok\":false,\"errors\":[{\"code\":\"tool_failed\",\"path\":\"$\","
                    + "\"message\":\"this tool failed; try another way or tell the user it cannot be answered now\","
                    + "\"suggestions\":[]}]}", null, false);
        }
        if (audit != null) {
            audit.record(new AuditLog.Event(AuditLog.Kind.TOOL_CALL, "chat", tools.access().principal(), req.name(),
                    r.ranQuery() != null ? audit.normalized(r.ranQuery()) : null, null, null,
                    AuditLog.millisSince(start), CatalogTools.outcome(r),
                    req.arguments() == null || req.arguments().length() <= 1000 ? req.arguments() : req.arguments().substring(0, 1000)));
        }
        return r;
    }

    /** The model has stopped calling tools: its last good query, else its question or refusal. */
    PlannerOutcome finish(String question, String reply, MetricQuery lastGood) {
        String text = reply == null ? "" : reply.strip();
        if (lastGood != null) {
            // Its prose may explain the reading; figures come only from the table, so none with digits.
            boolean note = !text.isEmpty() && text.length() <= 400 && text.chars().noneMatch(Character::isDigit);
            return new PlannerOutcome.Planned(lastGood, note ? List.of(text) : List.of(), name());
        }
        if (text.isEmpty()) return new PlannerOutcome.Refused(NOTHING);
        boolean invented = inventsNumbers(text, question);
        if (isQuestion(text)) {
            List<String> options = mentionedMetrics(text);
            if (!invented) return new PlannerOutcome.Clarify(text, options);
            if (options.size() >= 2) {
                return new PlannerOutcome.Clarify("Which did you mean: " + String.join(" or ", options) + "?", options);
            }
            return new PlannerOutcome.Refused(NOTHING);
        }
        return new PlannerOutcome.Refused(invented ? NOTHING : text);
    }

    /** A reply that asks: it ends with a question mark, or its question is followed only by a short courtesy ("Let me know."). */
    static boolean isQuestion(String text) {
        String t = text.replaceAll("[\\s\"'*_)]+$", "");
        if (t.endsWith("?")) return true;
        int q = t.lastIndexOf('?');
        return q >= 0 && t.length() - q <= 40;
    }

    /** Numbers the model wrote that the user did not: figures no query produced. */
    static boolean inventsNumbers(String text, String question) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            if (!question.contains(m.group())) return true;
        }
        return false;
    }

    /** Certified metrics (and measures) the text names, by name, spaced name or synonym, in order of mention. */
    List<String> mentionedMetrics(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        record Mention(String member, int start, int end) {
        }
        List<Mention> found = new ArrayList<>();
        for (Member m : tools.catalog().members()) {
            if (!m.info().certified()) continue;
            List<String> names = new ArrayList<>();
            names.add(m.fullName());
            if (m instanceof Metric) {
                names.add(m.name().replace('_', ' '));
                names.addAll(m.info().synonyms());
            }
            for (String n : names) {
                Matcher x = Pattern.compile("(?<![a-z0-9_.])" + Pattern.quote(n.toLowerCase(Locale.ROOT)) + "(?![a-z0-9_])").matcher(t);
                if (x.find()) found.add(new Mention(m.fullName(), x.start(), x.end()));
            }
        }
        // Longest mention first at each place, so "net revenue retention" is not also "revenue".
        found.sort(Comparator.comparingInt((Mention x) -> x.end() - x.start()).reversed());
        List<Mention> kept = new ArrayList<>();
        for (Mention x : found) {
            boolean overlaps = kept.stream().anyMatch(k -> x.start() < k.end() && k.start() < x.end());
            boolean same = kept.stream().anyMatch(k -> k.member().equals(x.member()));
            if (!overlaps && !same) kept.add(x);
        }
        kept.sort(Comparator.comparingInt(Mention::start));
        return kept.stream().map(Mention::member).toList();
    }

    /**
     * One model call, retried on no reply, 429 and 5xx with exponential backoff and jitter (or the
     * server's Retry-After, up to a cap), through the shared retry policy.
     */
    private AiMessage call(List<ChatMessage> messages) {
        ChatRequest request = ChatRequest.builder().messages(messages).toolSpecifications(prompts.tools()).build();
        Retrying.Settings retry = new Retrying.Settings(settings.maxRetries() + 1, settings.backoff(), settings.maxRetryWait(),
                settings.maxRetryWait(), 0.25);
        Retrying.Outcome<AiMessage> o = Retrying.run(retry, e -> {
            Failure f = Failure.of(e);
            return new Retrying.Verdict(f.retriable(), Optional.ofNullable(f.retryAfter()));
        }, () -> model.chat(request).aiMessage());
        if (o.ok()) return o.value();
        if (o.interrupted()) throw new PlannerUnavailableException("interrupted", o.failure());
        Failure f = Failure.of(o.failure());
        if (o.retryAfterTooLong()) {
            throw new PlannerUnavailableException("rate limited; the endpoint asked to wait " + f.retryAfter().toSeconds() + " s", o.failure());
        }
        String reason = o.attempts() == 1 ? f.reason() : f.reason() + ", " + o.attempts() + " attempts";
        LOG.warnf("LLM call failed: %s", reason);
        throw new PlannerUnavailableException(reason, o.failure());
    }

    /** Why a call failed, in a few words, whether another attempt may help, and how long the server asked us to wait. */
    record Failure(String reason, boolean retriable, Duration retryAfter) {
        static Failure of(Throwable e) {
            LlmHttpException h = null;
            for (Throwable t = e; t != null && h == null; t = t.getCause()) {
                if (t instanceof LlmHttpException) h = (LlmHttpException) t;
            }
            if (h == null) return new Failure("the model endpoint's reply could not be read", true, null);
            int s = h.statusCode();
            String reason;
            if (s == 429) reason = "rate limited (HTTP 429)";
            else if (s == 401 || s == 403) reason = "HTTP " + s + " from the model endpoint; check clarion.llm.api-key";
            else if (s == 404) reason = "HTTP 404 from the model endpoint; check clarion.llm.base-url and clarion.llm.model";
            else reason = h.getMessage();
            return new Failure(reason, h.retriable(), h.retryAfter());
        }
    }

}
