package io.clarion.agent.offline;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Relationship;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "customers per support rep": a column that only points at another table's rows (support_rep_id
 * → employee) is grouped by the rows it points at, each shown by its name, as the catalog's own
 * many-to-one join says; a bare id is not what people mean by the rep.
 */
final class ForeignKeys {
    private static final Pattern EQUALS = Pattern.compile("\\{CUBE}\\.(\\w+)\\s*=\\s*\\{(\\w+)}\\.(\\w+)|\\{(\\w+)}\\.(\\w+)\\s*=\\s*\\{CUBE}\\.(\\w+)");

    private ForeignKeys() {
    }

    /** The key of the row {@code d} points at, when {@code d} is its cube's side of a many-to-one join on one column. */
    static Optional<Dimension> referenced(Catalog catalog, Dimension d) {
        if (d.primaryKey() || d.sql() == null) return Optional.empty();
        String column = d.sql().source().strip().replaceFirst("^\\{CUBE}\\.", "");
        Optional<Cube> cube = catalog.cube(d.cube());
        if (cube.isEmpty()) return Optional.empty();
        for (Join j : cube.get().joins()) {
            if (j.relationship() != Relationship.MANY_TO_ONE || j.sql() == null) continue;
            Matcher m = EQUALS.matcher(j.sql().source().strip());
            if (!m.matches()) continue;
            String own = m.group(1) != null ? m.group(1) : m.group(6);
            String other = m.group(1) != null ? m.group(2) : m.group(4);
            String key = m.group(1) != null ? m.group(3) : m.group(5);
            if (!own.equals(column) || !other.equals(j.to())) continue;
            Optional<Dimension> target = catalog.cube(other).flatMap(Cube::primaryKey)
                    .filter(k -> k.sql() != null && k.sql().source().strip().replaceFirst("^\\{CUBE}\\.", "").equals(key));
            // A key that is itself a readable name (a feature's name) is already what people mean: only an id points elsewhere.
            if (target.isPresent() && target.get().type() != io.clarion.catalog.model.DimensionType.STRING) return target;
        }
        return Optional.empty();
    }
}
