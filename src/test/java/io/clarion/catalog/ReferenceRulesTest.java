package io.clarion.catalog;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A join condition's {name} that is both a dimension of the cube and a cube is an error naming both readings. */
class ReferenceRulesTest {
    private static final String CATALOG = """
            cubes:
              - name: payments
                sql_table: payments
                joins:
                  - {name: orders, relationship: many_to_one, sql: "%s"}
                measures:
                  - {name: count, type: count, timeless: true}
                dimensions:
                  - {name: payment_id, type: string, primary_key: true}
                  - {name: orders, type: number, sql: order_count}
                  - {name: order_id, type: string}
              - name: orders
                sql_table: orders
                dimensions:
                  - {name: order_id, type: string, primary_key: true}
            """;

    @Test
    void aCubeNamedLikeADimensionIsAmbiguousInAJoin() {
        var r = CatalogLoader.loadStrings(Map.of("c.yml", CATALOG.formatted("{CUBE}.order_id = {orders}.order_id")));
        assertEquals(1, r.errors().size(), r.report());
        io.clarion.diagnostics.Issue e = r.errors().get(0);
        assertEquals("ambiguous_reference", e.key());
        assertTrue(e.message().contains("the dimension payments.orders") && e.message().contains("the joined cube orders"), e.message());
        assertTrue(e.toString().startsWith("c.yml:5:"), e.toString());
    }

    @Test
    void eitherReadingWrittenOutLoads() {
        var r = CatalogLoader.loadStrings(Map.of("c.yml", CATALOG.formatted("{CUBE}.order_id = {orders.order_id}")));
        assertTrue(r.ok(), r.report());
    }
}
