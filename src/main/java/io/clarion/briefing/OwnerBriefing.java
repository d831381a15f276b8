package io.clarion.briefing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One owner's briefing for one cycle, as built (and stored) before anything is sent.
 *
 * @param accounts    flagged accounts shown, riskiest first, then confirmed items carried over
 * @param headline    the figures at the top
 * @param changes     what changed since the owner's previous briefing, one line each
 * @param dataQuality notes on data the owner should not trust blindly
 * @param whatChanged what changed in the key metrics, and where (the what-changed skill), one sentence each
 */
public record OwnerBriefing(String skill, LocalDate cycle, Recipient owner, List<Account> accounts, Headline headline,
                            List<String> changes, List<String> dataQuality, List<String> whatChanged) {
    public OwnerBriefing {
        accounts = List.copyOf(accounts);
        changes = List.copyOf(changes);
        dataQuality = List.copyOf(dataQuality);
        whatChanged = whatChanged == null ? List.of() : List.copyOf(whatChanged);
    }

    /** The same briefing with the notes and what-changed sentences computed as its recipient. */
    public OwnerBriefing withRecipientView(List<String> dataQuality, List<String> whatChanged) {
        return new OwnerBriefing(skill, cycle, owner, accounts, headline, changes, dataQuality, whatChanged);
    }

    public record Recipient(String ownerId, String name, String email, String slackUserId) {
    }

    /**
     * @param feedback the owner's standing verdict on the account, when there is one
     * @param carriedOver a confirmed, still open item shown again although it is not flagged this week
     */
    public record Account(int rank, RiskScoring.ScoredAccount scored, boolean carriedOver,
                          io.clarion.briefing.feedback.FeedbackState feedback) {
    }

    /**
     * @param flagged        accounts flagged for the owner this cycle (before the per-owner cap)
     * @param shown          accounts in the briefing
     * @param mrrAtRisk      current MRR of the flagged accounts
     * @param suppressed     accounts hidden because the owner marked them false positive
     * @param previousFlagged accounts flagged in the owner's previous briefing (null without one)
     * @param previousMrrAtRisk MRR at risk in the previous briefing (null without one)
     */
    public record Headline(int flagged, int shown, int high, int medium, BigDecimal mrrAtRisk, int suppressed,
                           Integer previousFlagged, BigDecimal previousMrrAtRisk) {
    }
}
