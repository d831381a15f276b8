package io.clarion.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a newly trained model replaces the promoted one: measured on rows from dates newer than
 * every row it was trained on, its PR-AUC must beat the base rate and the rules' score, and be no
 * worse than the currently promoted model's on the same rows. A model that fails keeps being
 * stored (its measures are the record of why), but the briefing goes on with the promoted one.
 *
 * @param promoted         whether the model passed every check
 * @param reason           the checks in words, the failed ones first
 * @param prAuc            the new model's PR-AUC on the validation rows
 * @param baseRate         the share of those rows that churned (a random ranking's PR-AUC)
 * @param rulesPrAuc       the rules' PR-AUC on the same rows (null: not measured, as on one snapshot without rules)
 * @param incumbentVersion the promoted model it was measured against (null: none was promoted)
 * @param incumbentPrAuc   that model's PR-AUC on the same rows (null: none, or it reads other features and cannot score them)
 * @param rows             validation rows measured
 */
public record PromotionGate(boolean promoted, String reason, double prAuc, double baseRate, Double rulesPrAuc,
                            Integer incumbentVersion, Double incumbentPrAuc, int rows) {

    /**
     * @param incumbentVersion the promoted model's version, null when there is none
     * @param incumbent        its measures on the same rows, null when there is none or it could not score them
     */
    public static PromotionGate decide(Metrics.Summary model, Metrics.Summary rules, Integer incumbentVersion, Metrics.Summary incumbent) {
        double pr = model.prAuc();
        List<String> failed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        (pr > model.baseRate() ? passed : failed).add(String.format(Locale.ROOT, "%s the base rate %.3f",
                pr > model.baseRate() ? "beats" : "does not beat", model.baseRate()));
        if (rules != null) {
            (pr > rules.prAuc() ? passed : failed).add(String.format(Locale.ROOT, "%s the rules' %.3f",
                    pr > rules.prAuc() ? "beats" : "does not beat", rules.prAuc()));
        } else {
            passed.add("no rules measured on these rows");
        }
        if (incumbentVersion == null) {
            passed.add("no model promoted before");
        } else if (incumbent == null) {
            passed.add("promoted v" + incumbentVersion + " reads other features and cannot score these rows");
        } else {
            boolean notWorse = pr >= incumbent.prAuc();
            (notWorse ? passed : failed).add(String.format(Locale.ROOT, "%s promoted v%d's %.3f", notWorse ? "not worse than" : "worse than",
                    incumbentVersion, incumbent.prAuc()));
        }
        List<String> all = new ArrayList<>(failed);
        all.addAll(passed);
        String reason = (failed.isEmpty() ? "promoted: " : "not promoted: ")
                + String.format(Locale.ROOT, "PR-AUC %.3f on %,d validation rows ", pr, model.rows()) + String.join("; ", all);
        return new PromotionGate(failed.isEmpty(), reason, pr, model.baseRate(), rules == null ? null : rules.prAuc(), incumbentVersion,
                incumbent == null ? null : incumbent.prAuc(), model.rows());
    }

    /** What a model stored before the gate existed is taken to have passed (it beat the base rate and the rules, or not). */
    public static PromotionGate legacy(boolean passes) {
        return new PromotionGate(passes, passes ? "promoted: passed validation before the promotion gate was introduced"
                : "not promoted: did not pass validation", Double.NaN, Double.NaN, null, null, null, 0);
    }
}
