package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Member;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cubes a question measures or lists: a name several cubes share ("name", "country") is read
 * as the one nearest to them. A follow-up that names no metric measures what the last answer did.
 */
final class NearCubes {
    private NearCubes() {
    }

    static Set<String> of(Reading rd, CatalogFacts facts, List<Slot> metrics, Mention entity) {
        Set<String> near = new LinkedHashSet<>();
        for (Slot s : metrics) near.addAll(facts.cubesOf(s.order().get(0)));
        if (entity != null) for (Dimension d : facts.entityDimensions(entity)) near.add(d.cube());
        if (near.isEmpty() && rd.conversation.lastQuery() != null) {
            for (String name : rd.conversation.lastQuery().metrics()) {
                rd.ctx.catalog().metric(name).map(x -> (Member) x).or(() -> rd.ctx.catalog().measure(name).map(x -> (Member) x))
                        .ifPresent(x -> near.addAll(facts.cubesOf(x)));
            }
        }
        return near;
    }
}
