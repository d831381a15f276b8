package io.clarion.briefing;

import io.clarion.query.MetricQuery;

import java.util.List;

/**
 * How accounts are scored for retention risk, as a skill declares it: the population (one row per
 * account), and the signals, each a certified metric query that returns the accounts it fires for.
 *
 * @param accounts      one row per account in scope (active customers as of the reference date)
 * @param keyColumn     the account id column of {@code accounts}
 * @param nameColumn    the account name column
 * @param ownerColumn   the column accounts group to owners by
 * @param mrrColumn     the account's current MRR (ranks accounts and sums MRR at risk)
 * @param signals       the risk signals, in the skill's order (ties in the driver go to the first)
 * @param highPoints    points at which an account is high risk
 * @param mediumPoints  points at which an account is medium risk; below that it is not flagged
 * @param maxPerOwner   accounts shown per owner, riskiest first
 */
public record RiskModel(MetricQuery accounts, String keyColumn, String nameColumn, String ownerColumn,
                        String mrrColumn, List<Signal> signals, int highPoints, int mediumPoints, int maxPerOwner) {
    public RiskModel {
        signals = List.copyOf(signals);
        if (mediumPoints <= 0 || highPoints < mediumPoints) {
            throw new IllegalArgumentException("risk points must satisfy 0 < medium (" + mediumPoints + ") <= high (" + highPoints + ")");
        }
    }

    /**
     * One signal: fires for every account its query returns (the account is the query's first
     * dimension); {@code evidence} names the columns shown as its values.
     */
    public record Signal(String name, String label, int points, String driver, List<String> evidence, MetricQuery query) {
        public Signal {
            evidence = List.copyOf(evidence);
        }
    }
}
