package io.clarion.engine;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counting each row once across a one-to-many join relies on the base cube's primary key. A key
 * the catalog declares but the database does not hold unique (orders with a repeated order id, as
 * exports and hand-made tables have) would count a row under another row's groups: the engine
 * proves the key before it relies on it (a unique index, or counting the rows), and refuses with
 * the figures when it is not unique, rather than answering a wrong sum.
 */
class DuplicateKeyFanOutTest {
    static final String DB = "fan_out_duplicate_keys";
    static DataSource db;

    static final String CATALOG = """
            cubes:
              - name: %1$s
                sql_table: %1$s
                joins:
                  - {name: shoppers, relationship: many_to_one, sql: "{CUBE}.shopper_id = {shoppers}.shopper_id"}
                dimensions:
                  - {name: order_id, type: number, primary_key: true}
                  - {name: shopper_id, type: number}
                measures:
                  - {name: amount, type: sum, sql: amount}
                  - {name: count, type: count}
              - name: shoppers
                sql_table: shoppers
                joins:
                  - {name: shopper_tags, relationship: one_to_many, sql: "{CUBE}.shopper_id = {shopper_tags}.shopper_id"}
                dimensions:
                  - {name: shopper_id, type: number, primary_key: true}
              - name: shopper_tags
                sql_table: shopper_tags
                dimensions:
                  - {name: shopper_id, type: number}
                  - {name: tag, type: string}
            """;

    @BeforeAll
    static void load() throws SQLException {
        db = TestDatabase.freshDatabase(DB);
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE shoppers (shopper_id int PRIMARY KEY)");
            s.execute("INSERT INTO shoppers VALUES (1), (2), (3)");
            s.execute("CREATE TABLE shopper_tags (shopper_id int, tag text)");
            s.execute("INSERT INTO shopper_tags VALUES (1, 'north'), (1, 'vip'), (2, 'south'), (3, 'north')");
            // Order 10 appears twice, for two shoppers: the declared key is not unique.
            s.execute("CREATE TABLE orders_repeated (order_id int, shopper_id int, amount numeric)");
            s.execute("INSERT INTO orders_repeated VALUES (10, 1, 5), (10, 2, 7), (11, 3, 11), (12, 2, 13)");
            // The same rows with unique ids and no constraint, and with a primary key in the database.
            s.execute("CREATE TABLE orders_unique (order_id int, shopper_id int, amount numeric)");
            s.execute("INSERT INTO orders_unique VALUES (10, 1, 5), (14, 2, 7), (11, 3, 11), (12, 2, 13)");
            s.execute("CREATE TABLE orders_keyed (order_id int PRIMARY KEY, shopper_id int, amount numeric)");
            s.execute("INSERT INTO orders_keyed SELECT * FROM orders_unique");
        }
    }

    static QueryService service(Path dir, String table) throws Exception {
        Files.writeString(dir.resolve("catalog.yml"), CATALOG.formatted(table));
        var loaded = CatalogLoader.load(dir);
        assertTrue(loaded.ok(), loaded.report());
        Catalog c = loaded.catalog();
        return new QueryService(c, db, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 1, 1), 1000, Duration.ofSeconds(30));
    }

    static String byTag(String table) {
        return "{\"metrics\": [\"" + table + ".amount\"], \"dimensions\": [\"shopper_tags.tag\"], \"order_by\": [{\"field\": \"shopper_tags.tag\"}]}";
    }

    /** Each order once per tag of its shopper, the slow way. */
    static List<List<Object>> hand(String table) throws SQLException {
        return Datasets.rows(db, "SELECT t.tag, sum(o.amount) FROM " + table + " o JOIN (SELECT DISTINCT shopper_id, tag FROM shopper_tags) t "
                + "ON t.shopper_id = o.shopper_id GROUP BY t.tag ORDER BY t.tag");
    }

    static List<List<Object>> answer(QueryService q, String query) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> r : q.run(QueryParser.parse(query), QueryService.Options.DEFAULT).result().rows()) {
            rows.add(List.of(r.get(0), new BigDecimal(r.get(1).toString())));
        }
        return rows;
    }

    @Test
    void aDeclaredKeyThatIsNotUniqueIsRefusedWithItsFiguresNotSummedTwice(@TempDir Path dir) throws Exception {
        QueryService q = service(dir, "orders_repeated");
        QueryException e = assertThrows(QueryException.class, () -> q.run(QueryParser.parse(byTag("orders_repeated")), QueryService.Options.DEFAULT));
        assertEquals(QueryCode.FAN_OUT.key(), e.errors().get(0).key(), e.getMessage());
        String m = e.errors().get(0).message();
        assertTrue(m.contains("orders_repeated.order_id is not unique in the warehouse: 4 rows, 3 distinct values")
                && m.contains("shopper_tags") && m.contains("orders_repeated.amount"), m);
        // Queries that need no key are still answered: the sum over all rows, and by a dimension reached many-to-one.
        assertEquals(0, new BigDecimal("36").compareTo(new BigDecimal(q.run(QueryParser.parse(
                "{\"metrics\": [\"orders_repeated.amount\"]}"), QueryService.Options.DEFAULT).result().rows().get(0).get(0).toString())));
        q.run(QueryParser.parse("{\"metrics\": [\"orders_repeated.count\"], \"dimensions\": [\"shoppers.shopper_id\"]}"),
                QueryService.Options.DEFAULT);
    }

    @Test
    void aKeyUniqueInTheDataOrHeldByTheDatabaseIsUsed(@TempDir Path dir) throws Exception {
        for (String table : List.of("orders_unique", "orders_keyed")) {
            Path d = Files.createDirectories(dir.resolve(table));
            QueryService q = service(d, table);
            List<List<Object>> expected = new ArrayList<>();
            for (List<Object> r : hand(table)) expected.add(List.of(r.get(0), new BigDecimal(r.get(1).toString())));
            assertEquals(expected, answer(q, byTag(table)), table);
            assertEquals(expected, answer(q, byTag(table)), table + ", asked again (the proof is kept)");
        }
    }
}
