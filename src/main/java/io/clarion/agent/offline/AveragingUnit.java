package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;

import java.util.List;
import java.util.Optional;

/**
 * "average lifetime value per customer": when the metric is itself an average over a cube's rows,
 * "per <those rows>" names what it averages over, not a row each. Without that, the answer would
 * list every customer's own value instead of the one average asked.
 */
final class AveragingUnit {
    private AveragingUnit() {
    }

    static void drop(Reading rd, CatalogFacts facts, List<Slot> groups, List<Slot> metrics) {
        if (metrics.size() != 1) return;
        Optional<String> over = averagedCube(rd, metrics.get(0).order().get(0));
        if (over.isEmpty()) return;
        groups.removeIf(g -> {
            Mention m = g.mention();
            boolean per = m.first() > 0 && rd.tokens.get(m.first() - 1).raw().equals("per");
            boolean rows = m.targets().stream().anyMatch(t -> facts.entityCube(t).map(c -> c.name().equals(over.get())).orElse(false));
            if (per && rows) rd.assumptions.add("Read \"per " + rd.words(m) + "\" as what " + metrics.get(0).order().get(0).fullName()
                    + " averages over, not a row each.");
            return per && rows;
        });
    }

    /** The cube whose rows an average metric averages over: an average measure's own, or one a simple metric wraps. */
    private static Optional<String> averagedCube(Reading rd, Member m) {
        if (m instanceof Measure ms) return ms.type() == MeasureType.AVG ? Optional.of(ms.cube()) : Optional.empty();
        if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE && mt.expression() != null) {
            return rd.ctx.catalog().measure(mt.expression().strip()).flatMap(x -> averagedCube(rd, x));
        }
        return Optional.empty();
    }
}
