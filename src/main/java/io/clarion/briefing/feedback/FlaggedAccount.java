package io.clarion.briefing.feedback;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One account as a briefing flagged it, with the evidence of each signal that fired. */
public record FlaggedAccount(long briefingId, String skill, LocalDate cycle, String ownerId, String ownerName,
                             String customerId, String customerName, String riskLevel, int riskPoints, BigDecimal mrr,
                             String driver, List<Evidence> evidence) {
    public FlaggedAccount {
        evidence = List.copyOf(evidence);
    }

    /** A signal that fired, and the values behind it (member name to value, in the briefing's order). */
    public record Evidence(String signal, String label, Map<String, String> values) {
        public Evidence {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }
}
