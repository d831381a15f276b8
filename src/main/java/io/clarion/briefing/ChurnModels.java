package io.clarion.briefing;

import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.briefing.feedback.Verdict;
import io.clarion.engine.QueryService;
import io.clarion.model.ChurnTrainer;
import io.clarion.model.FeatureBuilder;
import io.clarion.model.Metrics;
import io.clarion.model.ModelSpec;
import io.clarion.model.ModelStore;
import io.clarion.model.Scorer;
import io.clarion.model.TrainedModel;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A risk skill's learned churn model: trains it on the skill's features (with the skill's rules
 * measured on the same rows), stores it as the skill's next version, and measures the current
 * one against the rules at the same number of accounts shown per owner.
 */
public final class ChurnModels {
    /** The skill declares no {@code model:} section, or has no trained model: the message says which and what to do. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final QueryService queries;
    private final ModelStore store;
    private final FeedbackService feedback;

    public ChurnModels(QueryService queries, DataSource appStore) {
        this.queries = queries;
        this.store = new ModelStore(appStore);
        this.feedback = new FeedbackService(appStore);
    }

    public ModelStore store() {
        return store;
    }

    static ModelSpec spec(BriefingSpec spec) {
        if (spec.churn() == null) {
            throw new Unavailable("skill " + spec.skill() + " declares no model: section (features and label), so there is nothing to train");
        }
        return spec.churn();
    }

    /**
     * Trains on rolling origins ending one horizon before {@code today} (the service's reference
     * date when null) and stores the model as the skill's next version, promoted or not.
     */
    public TrainedModel train(BriefingSpec spec, LocalDate today, Consumer<String> progress) {
        return train(spec, trainingSet(spec, today, progress));
    }

    /**
     * The rows a training as of {@code today} (null: the service's reference date) learns from and
     * is judged on, with the owners' verdicts on the skill's briefings as weighted labels.
     */
    public ChurnTrainer.TrainingSet trainingSet(BriefingSpec spec, LocalDate today, Consumer<String> progress) {
        ModelSpec m = spec(spec);
        LocalDate t = today == null ? queries.referenceDate() : today;
        ChurnTrainer trainer = new ChurnTrainer(new FeatureBuilder(queries));
        return trainer.withOwnerLabels(m, trainer.rollingSet(m, t, progress), ownerLabels(spec.skill()), progress);
    }

    /**
     * Owners' verdicts as labels: confirmed is churn, false positive is no churn; handled says the
     * owner acted, not what would have happened, so it teaches nothing and is left out.
     */
    List<ChurnTrainer.OwnerLabel> ownerLabels(String skill) {
        List<ChurnTrainer.OwnerLabel> out = new ArrayList<>();
        for (FeedbackService.CycleVerdict v : feedback.verdictsByCycle(skill)) {
            if (v.verdict() == Verdict.HANDLED) continue;
            out.add(new ChurnTrainer.OwnerLabel(v.cycle(), v.customerId(), v.verdict() == Verdict.CONFIRMED));
        }
        return out;
    }

    /**
     * Trains on the set and stores the result as the skill's next version. The promotion gate
     * measures it beside the rules and the skill's promoted model on the set's validation rows;
     * only a promoted model replaces the one the briefing uses.
     */
    public TrainedModel train(BriefingSpec spec, ChurnTrainer.TrainingSet set) {
        ModelSpec m = spec(spec);
        ChurnTrainer.Baseline rules = asOf -> rulePoints(spec, asOf);
        TrainedModel trained = new ChurnTrainer(new FeatureBuilder(queries)).train(spec.skill(), m, set, rules,
                store.promoted(spec.skill()).orElse(null));
        return store.save(trained);
    }

    /**
     * The skill's newest promoted model, when it reads the features the skill declares now (a
     * model trained before the features changed cannot score them); empty: the briefing keeps to its rules.
     */
    public Optional<TrainedModel> usable(BriefingSpec spec) {
        if (spec.churn() == null) return Optional.empty();
        return store.promoted(spec.skill()).filter(mdl -> mdl.featureNames().equals(spec.churn().featureNames()));
    }

    /** Each account's rule points as of the date (accounts no signal fired for score 0). */
    Map<String, Double> rulePoints(BriefingSpec spec, LocalDate asOf) {
        Map<String, Double> out = new HashMap<>();
        for (RiskScoring.ScoredAccount a : new RiskScoring(queries.withReferenceDate(asOf)).assess(spec.model()).scored()) {
            out.put(a.customerId(), (double) a.points());
        }
        return out;
    }

    // ---- evaluation: the model beside the rules (and any other ranking) on dates whose outcome is known ----

    /**
     * One ranking's measures over all evaluated dates: precision and recall of the accounts shown
     * (the same count per owner per date for every ranking: the rules' own), and PR-AUC and ROC AUC
     * over every account in scope.
     *
     * @param meanScore   the mean score (for probabilities: the predicted churn rate, to compare with the base rate)
     */
    public record Measure(String name, int shown, int shownChurned, int churned, double prAuc, double rocAuc, double meanScore) {
        public double precision() {
            return shown == 0 ? 0 : (double) shownChurned / shown;
        }

        public double recall() {
            return churned == 0 ? 0 : (double) shownChurned / churned;
        }
    }

    /** @param rows account-dates measured; {@code positives} of them churned within the horizon */
    public record Evaluation(List<LocalDate> dates, int rows, int positives, List<Measure> measures) {
        public double baseRate() {
            return rows == 0 ? 0 : (double) positives / rows;
        }
    }

    /**
     * Measures the model and the rules at {@code weeks} weekly dates, the latest one horizon before
     * the service's reference date. {@code others} adds rankings to compare (each account's score as
     * of a date, higher: riskier).
     */
    public Evaluation evaluate(BriefingSpec spec, TrainedModel model, int weeks, Map<String, Function<LocalDate, Map<String, Double>>> others,
                               Consumer<String> progress) {
        ModelSpec m = spec(spec);
        LocalDate last = queries.referenceDate().minusDays(m.horizonDays());
        List<LocalDate> dates = new ArrayList<>();
        for (int k = weeks - 1; k >= 0; k--) dates.add(last.minusWeeks(k));
        Map<String, List<double[]>> scored = new LinkedHashMap<>(); // ranking -> [score, label] per account-date
        Map<String, int[]> shown = new LinkedHashMap<>();           // ranking -> {shown, shown churned}
        List<String> names = new ArrayList<>(List.of("rules", "model"));
        names.addAll(others.keySet());
        names.forEach(n -> {
            scored.put(n, new ArrayList<>());
            shown.put(n, new int[2]);
        });
        int rows = 0;
        int positives = 0;
        for (LocalDate d : dates) {
            QueryService q = queries.withReferenceDate(d);
            progress.accept("evaluating as of " + d);
            RiskScoring.Assessment rules = new RiskScoring(q).assess(spec.model());
            Set<String> churned = new FeatureBuilder(queries).positives(m, d);
            Map<String, Scorer.Score> model0 = ModelScoring.scores(q, m, model);
            Map<String, Map<String, Double>> score = new LinkedHashMap<>();
            Map<String, Double> rulesScore = new HashMap<>();
            rules.scored().forEach(a -> rulesScore.put(a.customerId(), (double) a.points()));
            score.put("rules", rulesScore);
            Map<String, Double> modelScore = new HashMap<>();
            model0.forEach((id, s) -> modelScore.put(id, s.probability()));
            score.put("model", modelScore);
            others.forEach((n, f) -> score.put(n, f.apply(d)));
            // The number each owner is shown: what the rules flag, up to the cap.
            Map<String, Integer> perOwner = new HashMap<>();
            Backtest.capped(rules.flagged(), spec.model().maxPerOwner()).forEach(a -> perOwner.merge(a.ownerId(), 1, Integer::sum));
            for (RiskScoring.ScoredAccount a : rules.scored()) {
                rows++;
                if (churned.contains(a.customerId())) positives++;
            }
            for (String n : names) {
                Map<String, Double> s = score.get(n);
                for (RiskScoring.ScoredAccount a : rules.scored()) {
                    scored.get(n).add(new double[]{s.getOrDefault(a.customerId(), 0.0), churned.contains(a.customerId()) ? 1 : 0});
                }
                // The rules show their own choice (level, points, then MRR); every other ranking its top as many per owner.
                List<String> chosen = n.equals("rules")
                        ? Backtest.capped(rules.flagged(), spec.model().maxPerOwner()).stream().map(RiskScoring.ScoredAccount::customerId).toList()
                        : top(rules.scored(), s, perOwner);
                for (String id : chosen) {
                    shown.get(n)[0]++;
                    if (churned.contains(id)) shown.get(n)[1]++;
                }
            }
        }
        List<Measure> measures = new ArrayList<>();
        for (String n : names) {
            List<double[]> xs = scored.get(n);
            double[] s = xs.stream().mapToDouble(x -> x[0]).toArray();
            int[] y = xs.stream().mapToInt(x -> (int) x[1]).toArray();
            measures.add(new Measure(n, shown.get(n)[0], shown.get(n)[1], positives, Metrics.prAuc(s, y), Metrics.rocAuc(s, y),
                    java.util.Arrays.stream(s).average().orElse(0)));
        }
        return new Evaluation(dates, rows, positives, measures);
    }

    /** Each owner's {@code perOwner} highest-scoring accounts (ties by id). */
    static List<String> top(List<RiskScoring.ScoredAccount> accounts, Map<String, Double> score, Map<String, Integer> perOwner) {
        Map<String, List<RiskScoring.ScoredAccount>> byOwner = new HashMap<>();
        for (RiskScoring.ScoredAccount a : accounts) {
            if (a.ownerId() != null) byOwner.computeIfAbsent(a.ownerId(), k -> new ArrayList<>()).add(a);
        }
        List<String> out = new ArrayList<>();
        perOwner.forEach((owner, n) -> byOwner.getOrDefault(owner, List.of()).stream()
                .sorted(Comparator.comparing((RiskScoring.ScoredAccount a) -> score.getOrDefault(a.customerId(), 0.0)).reversed()
                        .thenComparing(RiskScoring.ScoredAccount::customerId))
                .limit(n).forEach(a -> out.add(a.customerId())));
        return out;
    }
}
