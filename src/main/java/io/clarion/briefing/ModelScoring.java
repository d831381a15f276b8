package io.clarion.briefing;

import io.clarion.engine.QueryService;
import io.clarion.model.FeatureBuilder;
import io.clarion.model.FeatureFrame;
import io.clarion.model.ModelSpec;
import io.clarion.model.Scorer;
import io.clarion.model.TrainedModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Re-ranks the rules' assessment by a trained churn model: each account's level comes from its
 * calibrated probability, its driver from the features that raised it most, in words; the rule
 * signals that fired stay as evidence beside the model's, so an owner sees both.
 */
public final class ModelScoring {
    /** The evidence entry the model adds to every account it scores. */
    public static final String SIGNAL = "churn_model";
    static final int TOP_DRIVERS = 3;

    private ModelScoring() {
    }

    /** Every account in scope with its calibrated probability and drivers, as of the service's reference date. */
    public static Map<String, Scorer.Score> scores(QueryService queries, ModelSpec spec, TrainedModel model) {
        FeatureFrame frame = new FeatureBuilder(queries).asOf(spec, queries.referenceDate());
        Map<String, Scorer.Score> out = new HashMap<>();
        // Drivers are worded only for accounts the model raises to medium or high (see apply).
        for (Scorer.Score s : new Scorer(model).score(frame, TOP_DRIVERS, model.mediumThreshold())) out.put(s.id(), s);
        return out;
    }

    /** The assessment re-levelled and re-ordered by the model; accounts the model could not score keep the rules' verdict. */
    public static RiskScoring.Assessment apply(RiskScoring.Assessment rules, Map<String, Scorer.Score> scores, TrainedModel model) {
        List<RiskScoring.ScoredAccount> out = new ArrayList<>();
        Map<String, Double> probability = new HashMap<>();
        for (RiskScoring.ScoredAccount a : rules.scored()) {
            Scorer.Score s = scores.get(a.customerId());
            if (s == null) {
                out.add(a);
                continue;
            }
            probability.put(a.customerId(), s.probability());
            RiskLevel level = s.probability() >= model.highThreshold() ? RiskLevel.HIGH
                    : s.probability() >= model.mediumThreshold() ? RiskLevel.MEDIUM : RiskLevel.LOW;
            List<RiskScoring.Evidence> evidence = new ArrayList<>();
            if (level != RiskLevel.LOW) evidence.add(evidence(s, model));
            evidence.addAll(a.evidence());
            String driver = level == RiskLevel.LOW ? a.driver() : driver(s);
            out.add(new RiskScoring.ScoredAccount(a.customerId(), a.name(), a.ownerId(), a.mrr(), a.points(), level, driver, evidence));
        }
        // Riskiest first by the model: level, then probability, then MRR; ties by id so every run orders alike.
        out.sort(Comparator.comparing(RiskScoring.ScoredAccount::level, Comparator.reverseOrder())
                .thenComparing((RiskScoring.ScoredAccount a) -> probability.getOrDefault(a.customerId(), -1.0), Comparator.reverseOrder())
                .thenComparing(RiskScoring.ScoredAccount::mrr, Comparator.reverseOrder())
                .thenComparing(RiskScoring.ScoredAccount::customerId));
        return new RiskScoring.Assessment(rules.asOf(), rules.accountsInScope(), out);
    }

    static RiskScoring.Evidence evidence(Scorer.Score s, TrainedModel model) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("churn_probability", percent(s.probability()));
        values.put("model_drivers", s.drivers().isEmpty() ? "—" : s.drivers().stream().map(Scorer.Driver::words).collect(Collectors.joining("; ")));
        return new RiskScoring.Evidence(SIGNAL, String.format(Locale.ROOT, "Churn model v%d: %s chance of churning within %d days",
                model.version(), percent(s.probability()), model.window().horizonDays()), 0, values);
    }

    /** The strongest driver, and the next one when there is one (as the rules word theirs). */
    static String driver(Scorer.Score s) {
        if (s.drivers().isEmpty()) return "";
        String first = s.drivers().get(0).words();
        String lead = Character.toUpperCase(first.charAt(0)) + first.substring(1);
        return s.drivers().size() == 1 ? lead : lead + "; also " + s.drivers().get(1).words();
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f%%", p * 100);
    }
}
