package io.clarion.agent.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.QuestionPlanner;
import io.clarion.query.QueryParser;

import static io.clarion.agent.tools.ToolJson.NODES;
import static io.clarion.agent.tools.ToolJson.strings;

/** {@code offline_draft}: the offline reader's outcome for a question, as a starting point for the model. */
final class OfflineDraftTool {
    private final QuestionPlanner draftPlanner;

    OfflineDraftTool(QuestionPlanner draftPlanner) {
        this.draftPlanner = draftPlanner;
    }

    /** The offline planner's outcome for the question: a draft query, a clarifying question, or why it has none. */
    String draft(String question) {
        ObjectNode out = NODES.objectNode();
        PlannerOutcome o;
        try {
            o = draftPlanner.plan(question, Conversation.empty("draft"));
        } catch (RuntimeException e) {
            return out.put("outcome", "none").put("reason", "the offline planner could not read this question").toString();
        }
        if (o instanceof PlannerOutcome.Planned) {
            PlannerOutcome.Planned p = (PlannerOutcome.Planned) o;
            out.put("outcome", "planned");
            out.set("query", QueryParser.toJson(p.query()));
            out.set("assumptions", strings(p.assumptions()));
            out.put("basis", p.basis());
        } else if (o instanceof PlannerOutcome.Clarify) {
            PlannerOutcome.Clarify c = (PlannerOutcome.Clarify) o;
            out.put("outcome", "clarify").put("question", c.question());
            out.set("options", strings(c.options()));
        } else {
            out.put("outcome", "refused").put("reason", ((PlannerOutcome.Refused) o).reason());
        }
        return out.toString();
    }
}
