package io.clarion.agent.chat;

import io.clarion.agent.Conversation;
import io.clarion.agent.VerifiedQuery;
import io.clarion.agent.offline.OfflinePlanner;

import io.clarion.query.MetricQuery;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.engine.QueryService;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Feedback on chat answers, and promotion of a corrected query to a verified query that both
 * planners then use. A corrected query is checked against the catalog before anything is stored.
 */
public final class ChatFeedback {
    private final ChatService chat;
    private final FeedbackStore store;
    private final OfflinePlanner offline;
    private final List<VerifiedQuery> fromCatalog;

    public ChatFeedback(ChatService chat, FeedbackStore store, OfflinePlanner offline, List<VerifiedQuery> fromCatalog) {
        this.chat = chat;
        this.store = store;
        this.offline = offline;
        this.fromCatalog = List.copyOf(fromCatalog);
        refreshVerified();
    }

    /** @throws NoSuchElementException for an unknown session or turn; QueryException for an invalid corrected query */
    public FeedbackStore.Feedback give(String sessionId, Integer turn, boolean helpful, String comment, MetricQuery corrected) {
        return give(io.clarion.governance.policy.Principal.SYSTEM, sessionId, turn, helpful, comment, corrected);
    }

    /** Feedback on one of {@code p}'s own sessions: another principal's session id is unknown here. */
    public FeedbackStore.Feedback give(io.clarion.governance.policy.Principal p, String sessionId, Integer turn, boolean helpful, String comment,
                                       MetricQuery corrected) {
        Conversation c = chat.session(ChatService.sessionKey(p, sessionId))
                .orElseThrow(() -> new NoSuchElementException("no chat session " + sessionId + " (sessions end when the server restarts or after long idleness)"));
        if (c.turns().isEmpty()) throw new NoSuchElementException("session " + sessionId + " has no answers yet");
        int t = turn == null ? c.turns().size() : turn;
        if (t < 1 || t > c.turns().size()) {
            throw new NoSuchElementException("session " + sessionId + " has turns 1 to " + c.turns().size() + ", not " + t);
        }
        if (corrected != null) chat.queries().compile(corrected, new QueryService.Options(true));
        return store.add(sessionId, t, c.turns().get(t - 1).question(), helpful, comment, corrected, p.name());
    }

    public List<FeedbackStore.Feedback> list() {
        return store.list();
    }

    /** An analyst's promotion: the feedback's corrected query becomes a verified query at once. */
    public FeedbackStore.Promoted promote(long feedbackId, String question, String verifiedBy) {
        FeedbackStore.Feedback f = store.find(feedbackId)
                .orElseThrow(() -> new NoSuchElementException("no feedback " + feedbackId));
        if (f.correctedQuery() == null) {
            throw new QueryException(QueryCode.MISSING_FIELD.at("feedback_id",
                    "feedback " + feedbackId + " has no corrected query to promote"));
        }
        if (verifiedBy == null || verifiedBy.isBlank()) {
            throw new QueryException(QueryCode.MISSING_FIELD.at("verified_by", "say who verified the query"));
        }
        MetricQuery q = io.clarion.query.QueryParser.parse(f.correctedQuery());
        chat.queries().compile(q, new QueryService.Options(true));
        String text = question == null || question.isBlank() ? f.question() : question;
        FeedbackStore.Promoted p = store.promote(feedbackId, text, q, verifiedBy);
        refreshVerified();
        return p;
    }

    public List<FeedbackStore.Promoted> promoted() {
        return store.promoted();
    }

    private void refreshVerified() {
        List<VerifiedQuery> all = new ArrayList<>(fromCatalog);
        try {
            all.addAll(store.promotedQueries());
        } catch (RuntimeException e) {
            // The warehouse may be down at start-up; the catalog's own verified queries still count.
            org.jboss.logging.Logger.getLogger(ChatFeedback.class).warnf("promoted verified queries not read: %s", e.getMessage());
        }
        offline.useVerified(all);
    }
}
