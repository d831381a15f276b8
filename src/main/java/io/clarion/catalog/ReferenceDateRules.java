package io.clarion.catalog;

import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.ReferenceDateRule;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Suggestions;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code reference_date:} as a catalog file declares it: a date ({@code 2024-12-31}) or the latest
 * value of a time dimension ({@code {latest: cube.dimension}}), declared in one file only.
 */
final class ReferenceDateRules {
    private ReferenceDateRules() {
    }

    static Optional<ReferenceDateRule> read(List<YNode> declared, Map<String, Cube> cubes, List<Issue> issues) {
        if (declared.isEmpty()) return Optional.empty();
        for (YNode again : declared.subList(1, declared.size())) {
            issues.add(Issue.of(CatalogCode.DUPLICATE_NAME, again.location(), "reference_date is already declared at " + declared.get(0).location()));
        }
        YNode n = declared.get(0);
        if (n instanceof YNode.YScalar s && s.text() != null) {
            try {
                return Optional.of(new ReferenceDateRule(LocalDate.parse(s.text().strip()), null, s.location()));
            } catch (DateTimeParseException e) {
                issues.add(Issue.of(YamlCode.INVALID_VALUE, s.location(), "reference_date is a date such as 2024-12-31, or {latest: "
                        + "<cube>.<time dimension>}; got \"" + s.text() + "\""));
                return Optional.empty();
            }
        }
        if (n instanceof YNode.YMap m && m.values().size() == 1 && m.get("latest") instanceof YNode.YScalar s && s.text() != null) {
            String name = s.text().strip();
            List<String> times = cubes.values().stream().flatMap(c -> c.dimensions().stream())
                    .filter(d -> d.type() == DimensionType.TIME).map(Dimension::fullName).toList();
            if (!times.contains(name)) {
                issues.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, s.location(), "reference_date: latest names \"" + name
                        + "\", which is not a time dimension", Suggestions.closest(name, times)));
                return Optional.empty();
            }
            return Optional.of(new ReferenceDateRule(null, name, s.location()));
        }
        issues.add(Issue.of(YamlCode.INVALID_STRUCTURE, n.location(), "reference_date is a date such as 2024-12-31, or {latest: "
                + "<cube>.<time dimension>} (\"today\" for relative dates such as last quarter)"));
        return Optional.empty();
    }
}
