package io.clarion.query;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.diagnostics.Issue;
import io.clarion.testing.DemoEngine;
import io.clarion.engine.QueryService;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad queries get specific, structured errors before anything runs. */
class QueryValidatorTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

    static List<Issue> errors(String json) {
        QueryService compiler = DemoEngine.compiler(AS_OF);
        return assertThrows(QueryException.class,
                () -> compiler.compile(QueryParser.parse(json), QueryService.Options.DEFAULT)).errors();
    }

    static Issue first(String json) {
        return errors(json).get(0);
    }

    @Test
    void unknownMembersComeWithSuggestions() {
        Issue e = first("{\"metrics\": [\"customers.total_cont\"]}");
        assertEquals("unknown_member", e.key());
        assertEquals("metrics[0]", e.path());
        assertTrue(e.suggestions().contains("customers.total_count"), e.suggestions().toString());
        Issue d = first("{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.segmnt\"]}");
        assertEquals("dimensions[0]", d.path());
        assertTrue(d.suggestions().contains("customers.segment"), d.suggestions().toString());
    }

    @Test
    void everyProblemIsReportedTogether() {
        List<Issue> e = errors("""
                {"metrics": ["nope", "customers.segment"], "dimensions": ["customers.created_date.fortnight"],
                 "filters": [{"dimension": "customers.segment", "operator": "gt", "value": 3},
                             {"dimension": "customers.created_date", "operator": "in_date_range", "value": "sometime"},
                             {"dimension": "customers.seats_purchased", "operator": "equals", "value": "many"},
                             {"dimension": "customers.created_date", "operator": "after", "value": "2025-13-45"}],
                 "limit": 0}""");
        List<String> codes = e.stream().map(Issue::key).toList();
        assertTrue(codes.containsAll(List.of("unknown_member", "not_a_metric", "invalid_grain", "operator_type_mismatch",
                "invalid_date_range", "invalid_value", "invalid_date", "invalid_limit")), codes.toString());
        Issue grain = e.stream().filter(x -> x.key().equals("invalid_grain")).findFirst().orElseThrow();
        assertTrue(grain.suggestions().contains("month"));
        Issue op = e.stream().filter(x -> x.key().equals("operator_type_mismatch")).findFirst().orElseThrow();
        assertEquals("filters[0].operator", op.path());
        assertTrue(op.suggestions().contains("equals") && !op.suggestions().contains("gt"));
    }

    @Test
    void limitsHaveADefaultAndAHardCap() {
        assertEquals("invalid_limit", first("{\"metrics\": [\"customers.total_count\"], \"limit\": 1000000}").key());
        var c = DemoEngine.compiler(AS_OF).compile(QueryParser.parse("{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.customer_id\"]}"),
                QueryService.Options.DEFAULT);
        assertEquals(1000, c.plan().limit());
    }

    @Test
    void injectionInValuesStaysABindParameter() {
        String evil = "x' OR '1'='1'; DROP TABLE customers; --";
        var c = DemoEngine.compiler(AS_OF).compile(QueryParser.parse("{\"metrics\": [\"customers.total_count\"], \"filters\": "
                + "[{\"dimension\": \"customers.segment\", \"operator\": \"contains\", \"value\": \"" + evil.replace("\"", "\\\"") + "\"}]}"),
                QueryService.Options.DEFAULT);
        assertTrue(!c.sql().sql().contains("DROP TABLE") && !c.sql().sql().contains("'1'='1'"), c.sql().sql());
        assertTrue(c.sql().binds().contains("%" + evil.replace("_", "\\_") + "%"), c.sql().binds().toString());
    }

    @Test
    void injectionInNamesIsAnUnknownMember() {
        Issue e = first("{\"metrics\": [\"customers.total_count\\\"; DROP TABLE customers; --\"]}");
        assertEquals("unknown_member", e.key());
    }

    @Test
    void certifiedOnlyRefusesUncertifiedMembers() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("c.yml", """
                cubes:
                  - name: t
                    sql_table: t
                    measures:
                      - name: certified_count
                        type: count
                        certified: true
                      - name: draft_count
                        type: count
                """);
        Catalog cat = CatalogLoader.loadStrings(files).catalog();
        QueryValidator v = new QueryValidator(cat);
        var opts = new QueryValidator.Options(AS_OF, 100, 1000, true);
        v.validate(QueryParser.parse("{\"metrics\": [\"t.certified_count\"]}"), opts);
        QueryException e = assertThrows(QueryException.class, () -> v.validate(QueryParser.parse("{\"metrics\": [\"t.draft_count\"]}"), opts));
        assertEquals("not_certified", e.errors().get(0).key());
        // Without the policy, analysts may use it.
        v.validate(QueryParser.parse("{\"metrics\": [\"t.draft_count\"]}"), new QueryValidator.Options(AS_OF, 100, 1000, false));
    }

    @Test
    void ambiguousJoinPathsListEachCandidateAndCanBePinned() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("c.yml", """
                cubes:
                  - name: tickets
                    sql_table: tickets
                    joins:
                      - {name: customers, relationship: many_to_one, sql: "{CUBE}.customer_id = {customers}.id"}
                      - {name: agents, relationship: many_to_one, sql: "{CUBE}.agent_id = {agents}.id"}
                    measures:
                      - {name: count, type: count}
                  - name: customers
                    sql_table: customers
                    joins:
                      - {name: regions, relationship: many_to_one, sql: "{CUBE}.region_id = {regions}.id"}
                    dimensions:
                      - {name: id, type: string, primary_key: true}
                  - name: agents
                    sql_table: agents
                    joins:
                      - {name: regions, relationship: many_to_one, sql: "{CUBE}.region_id = {regions}.id"}
                    dimensions:
                      - {name: id, type: string, primary_key: true}
                  - name: regions
                    sql_table: regions
                    dimensions:
                      - {name: id, type: string, primary_key: true}
                      - {name: name, type: string}
                """);
        Catalog cat = CatalogLoader.loadStrings(files).catalog();
        var service = new QueryService(cat, null, io.clarion.sql.PostgresDialect.INSTANCE, () -> AS_OF, 1000, java.time.Duration.ofSeconds(5));
        QueryException e = assertThrows(QueryException.class, () -> service.compile(
                QueryParser.parse("{\"metrics\": [\"tickets.count\"], \"dimensions\": [\"regions.name\"]}"), QueryService.Options.DEFAULT));
        Issue err = e.errors().get(0);
        assertEquals("ambiguous_join_path", err.key());
        assertEquals(List.of("tickets -> customers -> regions", "tickets -> agents -> regions"), err.suggestions());
        var pinned = service.compile(QueryParser.parse("{\"metrics\": [\"tickets.count\"], \"dimensions\": [\"regions.name\"], "
                + "\"join_paths\": [[\"tickets\", \"agents\", \"regions\"]]}"), QueryService.Options.DEFAULT);
        assertTrue(pinned.sql().sql().contains("\"agents\".region_id = \"regions\".id"), pinned.sql().sql());
        QueryException none = assertThrows(QueryException.class, () -> service.compile(QueryParser.parse(
                "{\"metrics\": [\"tickets.count\"], \"join_paths\": [[\"tickets\", \"regions\"]], \"dimensions\": [\"regions.name\"]}"),
                QueryService.Options.DEFAULT));
        assertEquals("no_join_path", none.errors().get(0).key());
    }

    @Test
    void comparisonNeedsAPeriod() {
        assertEquals("invalid_compare", first("{\"metrics\": [\"invoices.revenue\"], \"compare\": \"previous_period\"}").key());
    }

    @Test
    void rollingWindowsNeedAdditiveMeasures() {
        Issue e = first("{\"metrics\": [\"support_tickets.csat\"], \"dimensions\": [\"metric_time.month\"], "
                + "\"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"last 6 months\"}], "
                + "\"analysis\": [{\"type\": \"rolling\", \"window\": 3}]}");
        assertEquals("non_additive", e.key());
    }
}
