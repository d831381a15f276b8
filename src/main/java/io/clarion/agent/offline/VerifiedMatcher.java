package io.clarion.agent.offline;

import io.clarion.agent.VerifiedQuery;
import io.clarion.agent.language.Text;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Verified questions: a close enough match answers with the analyst's query directly. */
final class VerifiedMatcher {
    private final Map<VerifiedQuery, Set<String>> stems = new LinkedHashMap<>();

    VerifiedMatcher(List<VerifiedQuery> verified) {
        for (VerifiedQuery v : verified) stems.put(v, new HashSet<>(Text.contentStems(v.question())));
    }

    List<VerifiedQuery> all() {
        return List.copyOf(stems.keySet());
    }

    Optional<VerifiedQuery> match(String question) {
        Set<String> q = new HashSet<>(Text.contentStems(question));
        if (q.isEmpty()) return Optional.empty();
        VerifiedQuery best = null;
        double bestScore = 0;
        for (var e : stems.entrySet()) {
            Set<String> inter = new HashSet<>(q);
            inter.retainAll(e.getValue());
            Set<String> union = new HashSet<>(q);
            union.addAll(e.getValue());
            double jaccard = union.isEmpty() ? 0 : (double) inter.size() / union.size();
            if (jaccard > bestScore) {
                bestScore = jaccard;
                best = e.getKey();
            }
        }
        // Same content words (order and filler aside): only then is it the same question.
        return bestScore >= 0.99 ? Optional.of(best) : Optional.empty();
    }
}
