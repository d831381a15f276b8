package io.clarion.agent;

import io.clarion.catalog.model.Catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** People's names for members: "customers.health_score" → "health score", "arr" → "ARR". */
public final class Labels {
    private static final Set<String> ACRONYMS = Set.of("arr", "mrr", "nps", "csat", "arpa", "arpu", "ltv", "cac",
            "nrr", "grr", "ttv", "rfm", "id", "dau", "mau", "mttr");

    private Labels() {
    }

    public static String of(Catalog catalog, String column) {
        String n = column;
        if (n.startsWith("metric_time.")) return n.substring("metric_time.".length());
        String[] parts = n.split("\\.");
        String base = parts.length >= 2 && catalog.cube(parts[0]).isPresent() ? parts[1] : parts[0];
        if (parts.length == 3) base = base + " (" + parts[2] + ")";
        List<String> out = new ArrayList<>();
        for (String w : base.split("_")) out.add(ACRONYMS.contains(w) ? w.toUpperCase(Locale.ROOT) : w);
        return String.join(" ", out);
    }
}
