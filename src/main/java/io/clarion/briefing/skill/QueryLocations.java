package io.clarion.briefing.skill;

import io.clarion.diagnostics.Location;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link io.clarion.diagnostics.Issue} path ({@code filters[1].operator}) into the position of
 * that part of a query written in YAML: the deepest node the path reaches.
 */
final class QueryLocations {
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private QueryLocations() {
    }

    /** @param atKey point at the key rather than its value (for unknown keys) */
    static Location locate(YNode query, String path, boolean atKey) {
        YNode at = query;
        Location where = query.location();
        if (path == null) return where;
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            if (m.group(1) != null) {
                if (m.group(1).equals("$")) continue;
                if (!(at instanceof YMap map) || !map.keys().containsKey(m.group(1))) break;
                boolean last = m.hitEnd() || path.length() == m.end();
                at = map.get(m.group(1));
                where = last && atKey ? map.keyLocation(m.group(1)) : at.location();
            } else {
                int i = Integer.parseInt(m.group(2));
                if (!(at instanceof YList list) || i >= list.items().size()) break;
                at = list.items().get(i);
                where = at.location();
            }
        }
        return where;
    }
}
