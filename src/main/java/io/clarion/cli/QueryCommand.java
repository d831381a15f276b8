package io.clarion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.clarion.query.MetricQuery;
import io.clarion.governance.policy.Principal;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.app.Clarion;
import io.clarion.engine.Engine;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "query", mixinStandardHelpOptions = true, description = "Run a metric query (JSON, or - to read it from standard input) and print the result.")
public class QueryCommand implements Callable<Integer> {
    enum OutputFormat { table, json, csv, sql }

    @Parameters(index = "0", paramLabel = "QUERY", description = "the metric query as JSON, e.g. '{\"metrics\":[\"customers.count\"]}'")
    String json;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table, json, csv, or sql (print the SQL without running)")
    OutputFormat format;

    @Mixin
    WarehouseOptions warehouse;


    @Mixin
    AsOfOption asOf;



    @Option(names = "--token", defaultValue = "${env:CLARION_TOKEN}", description = "answer as the API user with this token "
            + "(their rows, members and masking); without it, as the local operator, who holds the database credentials anyway")
    String token;

    @Override
    public Integer call() throws Exception {
        String text = json.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : json;
        MetricQuery q;
        try {
            q = QueryParser.parse(text);
        } catch (QueryException e) {
            return printErrors(e);
        }
        return applyAsOf().withClarion(clarion -> {
            try {
                return run(clarion, q);
            } catch (QueryException e) {
                return printErrors(e);
            }
        });
    }

    private int run(Clarion clarion, MetricQuery q) throws IOException {
        Engine engine = clarion.engine();
        CliIdentity id = CliIdentity.resolve(clarion, token);
        if (!id.ok()) {
            System.err.println("error [unauthorized]: " + id.error());
            return 2;
        }
        Principal who = id.principal();
        // The local operator reviewing a draft catalog (init's, nothing certified yet) queries it at
        // once, as in Cube or MetricFlow; the answer names what is uncertified. An API user's token,
        // the chat and briefings keep to certified members unless a query asks otherwise.
        boolean draftReview = (token == null || token.isBlank()) && q.certifiedOnly() == null;
        QueryService.Options options = draftReview ? new QueryService.Options(false, 0, id.access())
                : QueryService.Options.caller(id.access(), q);
        if (format == OutputFormat.sql) {
            var c = engine.queries().compile(q, options);
            System.out.println(c.sql().sql());
            System.out.println("-- binds: " + c.sql().binds());
            return 0;
        }
        QueryService.Outcome out;
        try {
            out = engine.queries().run(q, options);
        } catch (RuntimeException e) {
            engine.audit().queryFailed("cli", who, q, e);
            throw e;
        }
        engine.audit().queryOk("cli", who, out.compiled().query(), out.compiled().sql(), out.result());
        print(out.result(), format, System.out);
        if (draftReview) {
            List<String> uncertified = uncertified(out.compiled().resolved());
            if (!uncertified.isEmpty()) {
                System.err.println("note: uncertified: " + String.join(", ", uncertified) + " (answered for your review; the chat, "
                        + "skills and briefings use certified members only: set certified: true once reviewed)");
            }
        }
        return 0;
    }

    /** The members the answer read that nobody has certified yet, in query order. */
    static List<String> uncertified(io.clarion.query.ResolvedQuery r) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (var o : r.outputs()) {
            io.clarion.catalog.model.Member m = o instanceof io.clarion.query.ResolvedQuery.MeasureOutput mo ? mo.measure()
                    : ((io.clarion.query.ResolvedQuery.MetricOutput) o).metric();
            if (!m.info().certified()) names.add(m.fullName());
        }
        for (var d : r.dimensions()) if (d.dimension() != null && !d.dimension().info().certified()) names.add(d.dimension().fullName());
        for (var f : r.filters()) {
            var d = f.target().dimension();
            if (d != null && !d.info().certified()) names.add(d.fullName());
        }
        for (var sg : r.segments()) if (!sg.info().certified()) names.add(sg.fullName());
        return List.copyOf(names);
    }

    private static int printErrors(QueryException e) {
        for (Issue err : e.errors()) {
            System.err.println("error [" + err.key() + "] at " + err.path() + ": " + err.message()
                    + IssueRenderer.didYouMean(err.suggestions()));
        }
        return 2;
    }

    static void print(QueryResult r, OutputFormat format, PrintStream out) throws IOException {
        switch (format) {
            case json -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("columns", r.columns());
                body.put("rows", r.rows());
                body.put("formatted_rows", r.formattedRows());
                body.put("row_count", r.rowCount());
                body.put("truncated", r.truncated());
                out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .writerWithDefaultPrettyPrinter().writeValueAsString(body));
            }
            case csv -> {
                out.println(String.join(",", r.columns().stream().map(c -> csv(c.name())).toList()));
                for (List<Object> row : r.rows()) {
                    out.println(String.join(",", row.stream().map(v -> v == null ? "" : csv(v.toString())).toList()));
                }
            }
            default -> table(r, out);
        }
    }

    static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** A text table of the rows as people read them (catalog formats), numbers right-aligned. */
    static void table(QueryResult r, PrintStream out) {
        int n = r.columns().size();
        List<List<String>> cells = new ArrayList<>();
        cells.add(r.columns().stream().map(QueryResult.Column::name).toList());
        for (List<String> row : r.formattedRows()) cells.add(row.stream().map(v -> v == null ? "" : v).toList());
        int[] width = new int[n];
        for (List<String> row : cells) for (int i = 0; i < n; i++) width[i] = Math.max(width[i], row.get(i).length());
        for (int k = 0; k < cells.size(); k++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String v = cells.get(k).get(i);
                boolean numeric = k > 0 && "number".equals(r.columns().get(i).type());
                sb.append(i == 0 ? "" : "  ").append(numeric ? " ".repeat(width[i] - v.length()) + v : v + " ".repeat(width[i] - v.length()));
            }
            out.println(sb.toString().stripTrailing());
            if (k == 0) out.println("-".repeat(sb.length()));
        }
        out.println("(" + r.rowCount() + " row" + (r.rowCount() == 1 ? "" : "s") + (r.truncated() ? ", truncated" : "") + ")");
    }

    private WarehouseOptions applyAsOf() {
        asOf.applyTo(warehouse);
        return warehouse;
    }
}
