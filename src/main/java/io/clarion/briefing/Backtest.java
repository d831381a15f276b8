package io.clarion.briefing;

import io.clarion.engine.PopulationReads;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.catalog.model.Roles;
import io.clarion.query.MetricQuery;
import io.clarion.engine.QueryService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a risk model at past reference dates and checks its flags against what happened:
 * customers active then who churned within the following {@code horizonDays} (by the catalog's
 * churn_date role). Reports precision
 * and recall of every flagged account, and of the accounts actually shown (the per-owner cap).
 */
public final class Backtest {
    /**
     * The backtest cannot run on a catalog that does not say when a customer left: the message
     * names the role to declare.
     */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    public record Week(LocalDate asOf, int inScope, int churned, int flagged, int flaggedChurned, int shown,
                       int shownChurned) {
        public Double precision() {
            return ratio(flaggedChurned, flagged);
        }

        public Double recall() {
            return ratio(flaggedChurned, churned);
        }

        public Double shownPrecision() {
            return ratio(shownChurned, shown);
        }

        public Double shownRecall() {
            return ratio(shownChurned, churned);
        }

        public Double baseRate() {
            return ratio(churned, inScope);
        }
    }

    /** Totals over all weeks (each week's flags counted once per week). */
    public record Result(int horizonDays, List<Week> weeks, Week total) {
    }

    public interface Progress {
        void week(int done, int of, Week week);

        /** What is being worked on now (a week takes a while on a large data set). */
        default void stage(String line) {
        }
    }

    private final QueryService queries;
    /** The catalog's churn date, customer id and customer count (its roles), read once. */
    private final String churnDate;
    private final String customer;
    private final String count;

    /** @throws Unavailable when the catalog declares no churn date, customer id or customer count */
    public Backtest(QueryService queries) {
        this.queries = queries;
        Roles roles = Roles.of(queries.catalog());
        try {
            this.churnDate = roles.require(Roles.CHURN_DATE, "the backtest (its label is who churned after each date)");
            this.customer = roles.require(Roles.CUSTOMER_ID, "the backtest");
            this.count = roles.require(Roles.CUSTOMER_COUNT, "the backtest");
        } catch (IllegalStateException e) {
            throw new Unavailable(e.getMessage());
        }
        if (queries.catalog().dimension(churnDate).isEmpty()) {
            throw new Unavailable("the backtest needs the churn_date role on a time dimension; " + churnDate + " is not a dimension");
        }
    }

    /**
     * @param weeks       how many weekly reference dates to replay, the latest {@code horizonDays}
     *                    before the data set's own reference date (so every outcome is known)
     */
    public Result run(RiskModel model, int weeks, int horizonDays, Progress progress) {
        if (weeks < 1 || weeks > 104) throw new IllegalArgumentException("weeks must be between 1 and 104, got " + weeks);
        LocalDate last = queries.referenceDate().minusDays(horizonDays);
        List<Week> out = new ArrayList<>();
        for (int k = weeks - 1; k >= 0; k--) {
            LocalDate asOf = last.minusWeeks(k);
            QueryService q = queries.withReferenceDate(asOf);
            String week = "week " + (out.size() + 1) + " of " + weeks + " (as of " + asOf + ")";
            if (progress != null) progress.stage(week + ": scoring accounts");
            RiskScoring.Assessment a = new RiskScoring(q).assess(model, line -> {
                if (progress != null) progress.stage(week + ": " + line);
            });
            if (progress != null) progress.stage(week + ": churn in the next " + horizonDays + " days");
            Set<String> scope = new HashSet<>();
            a.scored().forEach(s -> scope.add(s.customerId()));
            Set<String> churned = churnedBetween(q, asOf.plusDays(1), asOf.plusDays(horizonDays));
            churned.retainAll(scope);
            List<RiskScoring.ScoredAccount> flagged = a.flagged();
            List<RiskScoring.ScoredAccount> shown = capped(flagged, model.maxPerOwner());
            Week w = new Week(asOf, scope.size(), churned.size(), flagged.size(),
                    (int) flagged.stream().filter(s -> churned.contains(s.customerId())).count(), shown.size(),
                    (int) shown.stream().filter(s -> churned.contains(s.customerId())).count());
            out.add(w);
            if (progress != null) progress.week(out.size(), weeks, w);
        }
        Week total = new Week(null, out.stream().mapToInt(Week::inScope).sum(), out.stream().mapToInt(Week::churned).sum(),
                out.stream().mapToInt(Week::flagged).sum(), out.stream().mapToInt(Week::flaggedChurned).sum(),
                out.stream().mapToInt(Week::shown).sum(), out.stream().mapToInt(Week::shownChurned).sum());
        return new Result(horizonDays, out, total);
    }

    /** What owners would have seen: the riskiest accounts per owner, up to the cap (accounts without owner reach no one). */
    public static List<RiskScoring.ScoredAccount> capped(List<RiskScoring.ScoredAccount> flagged, int maxPerOwner) {
        Map<String, Integer> count = new LinkedHashMap<>();
        List<RiskScoring.ScoredAccount> out = new ArrayList<>();
        for (RiskScoring.ScoredAccount s : flagged) {
            if (s.ownerId() == null) continue;
            int n = count.merge(s.ownerId(), 1, Integer::sum);
            if (n <= maxPerOwner) out.add(s);
        }
        return out;
    }

    private Set<String> churnedBetween(QueryService q, LocalDate from, LocalDate to) {
        var f = new MetricQuery.Filter(churnDate, null, "between", null,
                List.of(JsonNodeFactory.instance.textNode(from.toString()), JsonNodeFactory.instance.textNode(to.toString())));
        MetricQuery query = new MetricQuery(List.of(count), List.of(customer), List.of(f), null, null,
                null, null, null, null, null, null);
        Set<String> out = new HashSet<>();
        for (List<Object> row : PopulationReads.readAll(q, query, "churned customers").rows()) {
            out.add(row.get(0).toString());
        }
        return out;
    }

    private static Double ratio(int a, int b) {
        return b == 0 ? null : (double) a / b;
    }
}
