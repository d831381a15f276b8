package io.clarion.query;

import io.clarion.catalog.model.Segment;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Suggestions;
import io.clarion.query.ResolvedQuery.AnalysisSpec;
import io.clarion.query.ResolvedQuery.AnalysisType;
import io.clarion.query.ResolvedQuery.DimFilter;
import io.clarion.query.ResolvedQuery.DimRef;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part a share analysis is about ("revenue where the region is EMEA", "customers in the
 * churned segment"): its filters and segments resolved and typed as the query's own are, and
 * refused for the same reasons (unknown names, operator against type, value types, certification,
 * access), at their own JSON paths. Apart from {@link QueryValidator} so that its single pass
 * does not grow further.
 */
final class ShareParts {
    private final QueryValidator validator;
    private final LocalDate today;
    private final boolean certifiedOnly;
    private final AccessRules access;

    ShareParts(QueryValidator validator, LocalDate today, boolean certifiedOnly, AccessRules access) {
        this.validator = validator;
        this.today = today;
        this.certifiedOnly = certifiedOnly;
        this.access = access;
    }

    /** "" for the first share of a metric, "_2", "_3" … for the next, so every column has its own name. */
    static String suffix(String metric, List<AnalysisSpec> earlier) {
        long n = earlier.stream().filter(a -> a.type() == AnalysisType.SHARE && a.metric().equals(metric)).count();
        return n == 0 ? "" : "_" + (n + 1);
    }

    /** The share's part, or null for another analysis (which must not carry one). */
    ResolvedQuery.Part part(MetricQuery.Analysis a, AnalysisType type, String path, List<Issue> errors) {
        if (type != AnalysisType.SHARE) {
            if (a.filters() != null || a.segments() != null) {
                errors.add(QueryCode.INVALID_VALUE.at(path + (a.filters() != null ? ".filters" : ".segments"),
                        "filters and segments of an analysis name the part of a share; " + type.name().toLowerCase(java.util.Locale.ROOT)
                                + " takes none (filter the whole query with the query's own \"filters\")"));
            }
            return null;
        }
        if (a.filters() == null && a.segments() == null) {
            errors.add(QueryCode.MISSING_FIELD.at(path, "a share needs the part it is the share of: \"filters\" on a dimension"
                    + " (e.g. a region equal to one value) or \"segments\""));
        }
        if (a.partitionBy() != null && !a.partitionBy().isEmpty()) refuseKey(path, "partition_by", errors);
        if (a.top() != null) refuseKey(path, "top", errors);
        if (a.window() != null) refuseKey(path, "window", errors);
        if (a.grain() != null) refuseKey(path, "grain", errors);
        List<DimFilter> filters = new ArrayList<>();
        List<MetricQuery.Filter> raw = a.filters() == null ? List.of() : a.filters();
        for (int i = 0; i < raw.size(); i++) filter(raw.get(i), path + ".filters[" + i + "]", errors).ifPresent(filters::add);
        List<Segment> segments = new ArrayList<>();
        List<String> names = a.segments() == null ? List.of() : a.segments();
        for (int i = 0; i < names.size(); i++) segment(names.get(i), path + ".segments[" + i + "]", errors).ifPresent(segments::add);
        return new ResolvedQuery.Part(filters, segments);
    }

    private static void refuseKey(String path, String key, List<Issue> errors) {
        errors.add(QueryCode.INVALID_VALUE.at(path + "." + key, "a share takes no \"" + key + "\": it is one number per result row"));
    }

    private Optional<DimFilter> filter(MetricQuery.Filter f, String path, List<Issue> errors) {
        if (f.metric() != null) {
            errors.add(QueryCode.INVALID_FILTER.at(path + ".metric", "the part of a share is a set of rows: filter it on a dimension,"
                    + " not on the value of " + f.metric()));
            return Optional.empty();
        }
        if (f.dimension() == null) return Optional.empty();
        Optional<Operator> op = Operator.parse(f.operator());
        if (f.operator() != null && op.isEmpty()) {
            errors.add(QueryCode.UNKNOWN_OPERATOR.at(path + ".operator", "unknown operator \"" + f.operator() + "\"",
                    Suggestions.closest(f.operator(), Operator.keys())));
        }
        Optional<DimRef> target = validator.resolveDimension(f.dimension(), path + ".dimension", errors);
        if (target.isEmpty() || op.isEmpty()) return Optional.empty();
        if (target.get().isMetricTime()) {
            errors.add(QueryCode.INVALID_FILTER.at(path + ".dimension", "the part of a share cannot be a range of metric_time,"
                    + " which is the period of the whole; filter the query's metric_time, or name a dimension of the rows"));
            return Optional.empty();
        }
        var d = target.get().dimension();
        if (certifiedOnly) validator.requireCertified(d, path, errors);
        Optional<String> denied = access.denial(d.fullName());
        if (denied.isPresent()) {
            errors.add(QueryCode.ACCESS_DENIED.at(path + ".dimension", d.fullName() + " is not available to " + access.describe()
                    + ": " + denied.get()));
            return Optional.empty();
        }
        if (access.masks(d)) {
            errors.add(QueryCode.MASKED_MEMBER.at(path + ".dimension", d.fullName() + " is personal data, masked for "
                    + access.describe() + "; it cannot be used in a filter"));
            return Optional.empty();
        }
        return validator.resolveFilter(f, path, target.get(), op.get(), today, errors);
    }

    private Optional<Segment> segment(String name, String path, List<Issue> errors) {
        Optional<Segment> s = validator.catalog().segment(name);
        if (s.isEmpty()) {
            errors.add(QueryCode.UNKNOWN_MEMBER.at(path, "unknown segment \"" + name + "\"", Suggestions.closest(name, validator.allSegments())));
            return Optional.empty();
        }
        if (certifiedOnly) validator.requireCertified(s.get(), path, errors);
        Optional<String> denied = access.denial(s.get().fullName());
        if (denied.isPresent()) {
            errors.add(QueryCode.ACCESS_DENIED.at(path, s.get().fullName() + " is not available to " + access.describe() + ": " + denied.get()));
            return Optional.empty();
        }
        return s;
    }
}
