package io.clarion.engine;

import io.clarion.query.MetricQuery;
import io.clarion.warehouse.QueryResult;

/**
 * Whole-population reads for jobs (briefings, model training, backtests): they need every row of a
 * certified query, so a truncated answer is an error rather than a silently short population.
 */
public final class PopulationReads {
    public static final int MAX_ROWS = 2_000_000;

    private PopulationReads() {
    }

    public static QueryResult readAll(QueryService queries, MetricQuery q, String what) {
        QueryResult r = queries.run(q.withLimit(MAX_ROWS), QueryService.Options.job(MAX_ROWS)).result();
        if (r.truncated()) throw new IllegalStateException("the " + what + " query returned more than " + MAX_ROWS + " rows");
        return r;
    }

    /** The column of a member, also when the result names it with a suffix (a time grain, say). */
    public static int column(QueryResult r, String member, String what) {
        for (int i = 0; i < r.columns().size(); i++) {
            String c = r.columns().get(i).name();
            if (c.equals(member) || c.startsWith(member + ".")) return i;
        }
        throw new IllegalArgumentException("the " + what + " query has no column " + member);
    }
}
