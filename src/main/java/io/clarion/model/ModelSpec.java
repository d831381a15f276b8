package io.clarion.model;

import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * What a churn model is trained on, as a skill declares it: the population (one row per account
 * as of a date), features read from certified metric queries evaluated as of that date, and the
 * label.
 *
 * @param population      one row per account in scope as of the reference date
 * @param keyColumn       the account id column of {@code population}
 * @param queries         feature queries; each query's first dimension is the account
 * @param label           what counts as a positive example
 * @param horizonDays     the label looks this far past the reference date
 * @param origins         reference dates to train on (older) and validate on (newest)
 * @param originStepDays  days between reference dates
 * @param validationOrigins the newest origins, held out for validation and calibration
 * @param retrain         Quartz cron of scheduled retraining (in the skill's schedule time zone), null: trained on demand only
 */
public record ModelSpec(MetricQuery population, String keyColumn, List<FeatureQuery> queries, Label label,
                        int horizonDays, int origins, int originStepDays, int validationOrigins, String retrain) {
    public static final int DEFAULT_HORIZON_DAYS = 90;
    public static final int DEFAULT_ORIGINS = 12;
    public static final int DEFAULT_STEP_DAYS = 14;
    public static final int DEFAULT_VALIDATION_ORIGINS = 3;

    public ModelSpec {
        queries = List.copyOf(queries);
        if (origins <= validationOrigins || validationOrigins < 1) {
            throw new IllegalArgumentException("a model needs more origins (" + origins + ") than validation origins (" + validationOrigins + "), and at least one of those");
        }
    }

    /** A model trained on demand only (no retraining schedule). */
    public ModelSpec(MetricQuery population, String keyColumn, List<FeatureQuery> queries, Label label, int horizonDays, int origins,
                     int originStepDays, int validationOrigins) {
        this(population, keyColumn, queries, label, horizonDays, origins, originStepDays, validationOrigins, null);
    }

    /** Every feature, in the order of the model's columns. */
    public List<Feature> features() {
        List<Feature> out = new ArrayList<>();
        queries.forEach(q -> out.addAll(q.features()));
        return out;
    }

    public List<String> featureNames() {
        return features().stream().map(Feature::name).toList();
    }

    /** A certified metric query (its first dimension the account) and the features read from its columns. */
    public record FeatureQuery(MetricQuery query, List<Feature> features) {
        public FeatureQuery {
            features = List.copyOf(features);
        }
    }

    /**
     * One model input.
     *
     * @param column     the result column read
     * @param changeFrom when set, the feature is the relative change from this column to {@code column}
     *                   ({@code column / changeFrom - 1}; empty when {@code changeFrom} is 0)
     * @param equals     when set, the feature is 1 when the column equals this text, else 0 (categories)
     * @param missing    the value for an account the query returns no row for (null: unknown)
     * @param words      the driver in plain words: {@code {value}} and {@code {change}} are written in
     */
    public record Feature(String name, String column, String changeFrom, String equals, Double missing, String words) {
    }

    /**
     * The label: either churn dated by a time dimension within the horizon after the reference
     * date ({@code churnDate}), or a recorded outcome ({@code outcome} equals {@code positive}) for
     * data with one snapshot and no dates.
     *
     * @param query the accounts to read the label for; its first dimension is the account
     */
    public record Label(MetricQuery query, String churnDate, String outcome, String positive) {
        public boolean dated() {
            return churnDate != null;
        }
    }
}
