package io.clarion.briefing;

import java.util.Locale;

/** An account's retention risk from its signal points; only medium and high are flagged. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RiskLevel of(int points, int mediumPoints, int highPoints) {
        return points >= highPoints ? HIGH : points >= mediumPoints ? MEDIUM : LOW;
    }
}
