package io.clarion.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A trained churn model as stored: the trees, its features, how probabilities are calibrated and
 * how it measured on the held-out (newer) origins, beside the rules on the same rows.
 *
 * @param version          1, 2, ... per skill; 0 before it is stored
 * @param booster          the XGBoost model (UBJSON)
 * @param plattA           calibration slope on the trees' margin
 * @param plattB           calibration intercept
 * @param mediumThreshold  calibrated probability from which an account is flagged (best F1 on validation)
 * @param highThreshold    calibrated probability from which it is high risk
 * @param window           the reference dates trained and validated on
 * @param validation       the model on the validation rows
 * @param rules            the rules' points as a score on the same rows (null when not measured)
 * @param passes           whether the model beats the rules (PR-AUC) and the base rate on validation
 * @param gate             the promotion gate's verdict: only a promoted model is used by the briefing
 */
public record TrainedModel(String skill, int version, Instant createdAt, List<ModelSpec.Feature> features, byte[] booster,
                           double plattA, double plattB, double mediumThreshold, double highThreshold, Window window,
                           Metrics.Summary validation, Metrics.Summary rules, boolean passes, PromotionGate gate) {
    public TrainedModel {
        features = List.copyOf(features);
        if (gate == null) gate = PromotionGate.legacy(passes);
    }

    public boolean promoted() {
        return gate.promoted();
    }

    public TrainedModel withGate(PromotionGate g) {
        return new TrainedModel(skill, version, createdAt, features, booster, plattA, plattB, mediumThreshold, highThreshold, window,
                validation, rules, passes, g);
    }

    /**
     * @param trainFrom  oldest training origin (null for a snapshot split)
     * @param trainRows  training examples
     * @param horizonDays how far past each origin the label looked
     * @param verdictRows owners' verdicts learnt from besides (each weighing {@link ChurnTrainer#VERDICT_WEIGHT} rows), all dated before {@code validFrom}
     */
    public record Window(LocalDate trainFrom, LocalDate trainTo, LocalDate validFrom, LocalDate validTo, int trainRows,
                         int horizonDays, int verdictRows) {
        public Window(LocalDate trainFrom, LocalDate trainTo, LocalDate validFrom, LocalDate validTo, int trainRows, int horizonDays) {
            this(trainFrom, trainTo, validFrom, validTo, trainRows, horizonDays, 0);
        }

        public Window withVerdictRows(int n) {
            return new Window(trainFrom, trainTo, validFrom, validTo, trainRows, horizonDays, n);
        }
    }

    public TrainedModel withVersion(int v) {
        return new TrainedModel(skill, v, createdAt, features, booster, plattA, plattB, mediumThreshold, highThreshold, window,
                validation, rules, passes, gate);
    }

    public List<String> featureNames() {
        return features.stream().map(ModelSpec.Feature::name).toList();
    }

    /** One line for status and the briefing: version, validation PR-AUC beside the rules'. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "churn model v%d (validation PR-AUC %.3f%s, ROC AUC %.3f, %,d rows)", version,
                validation.prAuc(), rules == null ? "" : String.format(java.util.Locale.ROOT, " vs rules %.3f", rules.prAuc()),
                validation.rocAuc(), validation.rows());
    }
}
