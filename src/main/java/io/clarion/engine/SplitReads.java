package io.clarion.engine;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Join;
import io.clarion.plan.Plan;
import io.clarion.query.AccessRules;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;
import io.clarion.query.ResolvedQuery;
import io.clarion.warehouse.QueryResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One query for many principals whose rows are filtered on one attribute (each account owner
 * sees the customers whose owner_id is theirs): the query runs once for all of them, grouped by
 * the column the filter compares, and each principal gets the rows of their own value. A weekly
 * briefing reads the same dozen queries as each of its recipients; at thousands of recipients
 * that is tens of thousands of small queries, most of the cycle, where a dozen shared ones give
 * the same rows.
 *
 * <p>A query is shared only where the split is provably what the principal's own row access
 * would give: every cube it reads is unrestricted, the filtered cube itself, or its base cube
 * reaching the filtered cube through the very joins the access rule follows; the filter is an
 * equality of one column (optionally cast to text) with the attribute; the query has no order,
 * comparison or analysis, and no snapshot measure whose last point the principal's rows would
 * decide. Anything else runs as the principal, as before. Values are compared as text, as a
 * filter cast to text compares them.
 */
public final class SplitReads implements QueryService.Reads {
    /** {@code <column> = {principal.attr}}, either way round, the column optionally cast to text. */
    private static final Pattern EQUALITY = Pattern.compile(
            "^\\s*(?:(.+?)\\s*=\\s*\\{principal\\.(\\w+)}|\\{principal\\.(\\w+)}\\s*=\\s*(.+?))\\s*$");
    private static final Pattern CAST = Pattern.compile(
            "^(?:cast\\s*\\((.+)\\s+as\\s+(?:text|varchar|character varying|string)\\s*\\)|(.+?)\\s*::\\s*(?:text|varchar))$");

    private final QueryService shared;
    private final String attribute;
    private final Set<String> values;
    private final Map<Key, Split> splits = new ConcurrentHashMap<>();
    private final AtomicInteger sharedQueries = new AtomicInteger();
    private final AtomicInteger ownQueries = new AtomicInteger();

    private record Key(MetricQuery query, LocalDate referenceDate) {
    }

    /**
     * One shared read: each value's rows ({@code byValue} null when no cube read is restricted and
     * {@code everyone} is every principal's answer), or why the query runs per principal.
     */
    private record Split(Map<String, List<List<Object>>> byValue, List<List<Object>> everyone, String unshared) {
        static Split not(String why) {
            return new Split(Map.of(), List.of(), why);
        }

        /** The rows of one principal's value, or null when the query runs as the principal. */
        List<List<Object>> rowsOf(String value) {
            if (unshared != null) return null;
            return byValue == null ? everyone : byValue.getOrDefault(value, List.of());
        }
    }

    /**
     * @param shared    runs the shared queries: every row, and the same masking as the principals
     * @param attribute the principal attribute the row filters compare
     * @param values    the principals' values of it this reader serves (others run on their own)
     */
    public SplitReads(QueryService shared, String attribute, java.util.Collection<String> values) {
        this.shared = shared;
        this.attribute = attribute;
        this.values = Set.copyOf(values);
    }

    /** Queries answered from a shared read so far. */
    public int shared() {
        return sharedQueries.get();
    }

    /** Queries that ran as their principal (not splittable, or more rows than the principal's limit). */
    public int own() {
        return ownQueries.get();
    }

    @Override
    public Optional<Supplier<QueryResult>> read(MetricQuery q, ResolvedQuery resolved, Plan plan, List<QueryResult.Column> columns) {
        String value = resolved.access().attribute(attribute).orElse(null);
        if (value == null || !values.contains(value)) {
            ownQueries.incrementAndGet();
            return Optional.empty();
        }
        Asked asked = new Asked(q, resolved, plan, columns);
        return Optional.of(() -> {
            List<List<Object>> rows = splitOf(asked).rowsOf(value);
            // Not splittable, or more rows than the principal's own query would return: it runs as theirs.
            if (rows == null || rows.size() > plan.limit()) {
                ownQueries.incrementAndGet();
                return null;
            }
            sharedQueries.incrementAndGet();
            return new QueryResult(columns, rows, false, 0);
        });
    }

    /** A query as its principal asked it: validated and planned, not run. */
    public record Asked(MetricQuery query, ResolvedQuery resolved, Plan plan, List<QueryResult.Column> columns) {
    }

    /**
     * Answers every query that runs with no rows and notes it: a first pass through one
     * principal's work finds the queries the others will ask, so they can be read ahead together.
     */
    public static final class Asking implements QueryService.Reads {
        private final List<Asked> asked = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Optional<Supplier<QueryResult>> read(MetricQuery q, ResolvedQuery resolved, Plan plan, List<QueryResult.Column> columns) {
            return Optional.of(() -> {
                asked.add(new Asked(q, resolved, plan, columns));
                return new QueryResult(columns, List.of(), false, 0);
            });
        }

        public List<Asked> asked() {
            return List.copyOf(asked);
        }
    }

    /** Reads the shared queries of {@code asked} a few at a time, before anyone waits on them one by one. */
    public void readAhead(List<Asked> asked) {
        List<Asked> mine = asked.stream().filter(a -> a.resolved().access().attribute(attribute).map(values::contains).orElse(false))
                .toList();
        SideBySide.map(mine, "shared-read", this::splitOf);
    }

    /** The shared read of a query, made by the first principal to ask for it. */
    private Split splitOf(Asked a) {
        return splits.computeIfAbsent(new Key(a.query(), a.resolved().referenceDate()), k -> split(a));
    }

    private Split split(Asked a) {
        MetricQuery q = a.query();
        ResolvedQuery resolved = a.resolved();
        Plan plan = a.plan();
        List<QueryResult.Column> columns = a.columns();
        AccessRules access = resolved.access();
        if (!q.orderBy().isEmpty() || q.compare() != null || !q.analysis().isEmpty()) return Split.not("ordered or compared");
        Catalog catalog = shared.catalog();
        Set<String> targets = new LinkedHashSet<>();
        for (Plan.Leaf leaf : plan.leaves()) {
            String why = leafTarget(leaf, access, targets);
            if (why != null) return Split.not(why);
        }
        QueryService at = shared.withReferenceDate(resolved.referenceDate());
        if (targets.isEmpty()) {
            // Nothing read is restricted: every principal's answer is the same.
            QueryResult r = at.run(q, new QueryService.Options(false, PopulationReads.MAX_ROWS)).result();
            return r.truncated() || !sameColumns(r.columns(), columns) ? Split.not("truncated") : new Split(null, r.rows(), null);
        }
        if (targets.size() > 1) return Split.not("filtered on more than one cube: " + targets);
        String target = targets.iterator().next();
        Optional<Dimension> column = splitColumn(catalog, target, access.rows(target));
        if (column.isEmpty()) return Split.not("the row filter of " + target + " is not one column's equality");
        String dim = column.get().fullName();
        boolean added = !q.dimensions().contains(dim);
        List<String> dims = new ArrayList<>(q.dimensions());
        if (added) dims.add(dim);
        // Every value's rows, not only the served ones': a list of thousands of owners is no cheaper to filter on.
        MetricQuery all = new MetricQuery(q.metrics(), dims, q.filters(), q.segments(), q.orderBy(), PopulationReads.MAX_ROWS,
                q.timezone(), q.compare(), q.analysis(), q.joinPaths(), q.certifiedOnly());
        QueryService.Compiled batch;
        try {
            // The principal's query was checked as theirs; the split column is Clarion's own grouping, never shown.
            batch = at.compile(all, new QueryService.Options(false, PopulationReads.MAX_ROWS));
        } catch (QueryException e) {
            return Split.not("the shared query does not compile: " + e.getMessage());
        }
        for (Plan.Leaf leaf : batch.plan().leaves()) {
            if (!reachesThroughItsRule(leaf, access, target)) return Split.not("a leaf reaches " + target + " by other joins");
        }
        QueryResult r;
        try {
            r = at.execute(batch);
        } catch (io.clarion.warehouse.WarehouseException e) {
            // Too slow or too big to share: each principal's own, smaller query may still run.
            return Split.not("the shared query failed: " + e.getMessage());
        }
        if (r.truncated()) return Split.not("truncated");
        int at0 = PopulationReads.column(r, dim, "shared");
        List<QueryResult.Column> kept = new ArrayList<>(r.columns());
        if (added) kept.remove(at0);
        if (!sameColumns(kept, columns)) return Split.not("the shared query's columns differ");
        Map<String, List<List<Object>>> byValue = new HashMap<>();
        for (List<Object> row : r.rows()) {
            Object v = row.get(at0);
            if (v == null || !values.contains(v.toString())) continue;
            List<Object> mine = row;
            if (added) {
                mine = new ArrayList<>(row);
                mine.remove(at0);
                mine = java.util.Collections.unmodifiableList(mine);
            }
            byValue.computeIfAbsent(v.toString(), k -> new ArrayList<>()).add(mine);
        }
        return new Split(byValue, List.of(), null);
    }

    /** Why a leaf cannot be split, or null, adding the filtered cube its rows depend on to {@code targets}. */
    private static String leafTarget(Plan.Leaf leaf, AccessRules access, Set<String> targets) {
        if (leaf.spine() != null) return "a cumulative window";
        if (leaf.measures().stream().anyMatch(m -> m.conversion() != null)) return "a conversion";
        List<String> cubes = new ArrayList<>();
        cubes.add(leaf.base().name());
        leaf.joins().forEach(j -> cubes.add(j.to()));
        boolean restricted = false;
        for (String cube : cubes) {
            AccessRules.RowRule rule = access.rows(cube);
            if (rule instanceof AccessRules.AllRows) continue;
            restricted = true;
            if (rule instanceof AccessRules.Filtered) {
                targets.add(cube);
            } else if (rule instanceof AccessRules.Through t && cube.equals(leaf.base().name())
                    && access.rows(t.target()) instanceof AccessRules.Filtered) {
                targets.add(t.target());
            } else {
                return "row access on " + cube + " is not one filter followed from the base";
            }
        }
        boolean moved = leaf.measures().stream().anyMatch(m -> m.measure().nonAdditive() != null
                && m.measure().nonAdditive().entity() == null && !onePointPerPeriod(leaf, m.measure().nonAdditive().dimension()));
        return restricted && moved ? "a snapshot measure over restricted rows" : null;
    }

    /**
     * A snapshot's last point is found among the rows the principal sees, so another principal's
     * rows could move it; not when its time dimension is grouped at the finest grain the catalog
     * declares for it (a monthly snapshot by month): the catalog then says each period holds one
     * point, the same for everyone who has rows in it.
     */
    private static boolean onePointPerPeriod(Plan.Leaf leaf, String timeDimension) {
        Dimension t = leaf.base().dimension(timeDimension).orElse(null);
        if (t == null) return false;
        // Days are not trusted: a timestamp column allows day grouping too, with many points a day.
        io.clarion.catalog.model.Grain finest = t.granularities().stream().min(java.util.Comparator.naturalOrder())
                .orElse(io.clarion.catalog.model.Grain.DAY);
        return finest != io.clarion.catalog.model.Grain.DAY && leaf.dims().stream().anyMatch(d -> t.equals(d.source()) && d.grain() == finest);
    }

    /** The leaf reaches {@code target} itself, or its base follows exactly the joins its access rule follows. */
    private static boolean reachesThroughItsRule(Plan.Leaf leaf, AccessRules access, String target) {
        if (leaf.base().name().equals(target)) return true;
        if (!(access.rows(leaf.base().name()) instanceof AccessRules.Through t) || !t.target().equals(target)) return false;
        for (Join j : t.path()) {
            if (!leaf.joins().contains(j)) return false;
        }
        return true;
    }

    /**
     * The dimension of {@code cube} whose column its row filter compares with the attribute: the
     * filter must be that one equality, the column written as the dimension's SQL (optionally cast
     * to text).
     */
    private Optional<Dimension> splitColumn(Catalog catalog, String cube, AccessRules.RowRule rule) {
        if (!(rule instanceof AccessRules.Filtered f) || f.filters().size() != 1) return Optional.empty();
        Matcher m = EQUALITY.matcher(f.filters().get(0).source());
        if (!m.matches()) return Optional.empty();
        String attr = m.group(2) != null ? m.group(2) : m.group(3);
        String column = normal(m.group(1) != null ? m.group(1) : m.group(4));
        if (!attribute.equals(attr)) return Optional.empty();
        Matcher cast = CAST.matcher(column);
        String bare = cast.matches() ? normal(cast.group(1) != null ? cast.group(1) : cast.group(2)) : column;
        if (bare.contains("{principal.")) return Optional.empty();
        Cube c = catalog.cube(cube).orElse(null);
        if (c == null) return Optional.empty();
        return c.dimensions().stream().filter(d -> d.sql() != null && normal(d.sql().source()).equals(bare)).findFirst();
    }

    /** Written the same: without the {CUBE}. prefix, blanks or case. */
    private static String normal(String sql) {
        String s = sql.strip().toLowerCase(Locale.ROOT).replace("{cube}.", "");
        while (s.startsWith("(") && s.endsWith(")")) s = s.substring(1, s.length() - 1).strip();
        return s.replaceAll("\\s+", " ");
    }

    private static boolean sameColumns(List<QueryResult.Column> a, List<QueryResult.Column> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name()) || !java.util.Objects.equals(a.get(i).type(), b.get(i).type())) return false;
        }
        return true;
    }
}
