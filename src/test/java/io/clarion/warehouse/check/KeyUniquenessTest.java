package io.clarion.warehouse.check;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which keys the database itself holds unique (read from its catalog, no rows read), and what counting finds otherwise. */
class KeyUniquenessTest {
    @Test
    void aPrimaryKeyOrUniqueNotNullColumnIsHeldANullableOrCompositeOneIsCounted(@TempDir Path dir) throws Exception {
        DataSource db = TestDatabase.freshDatabase("key_uniqueness");
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE a (id int PRIMARY KEY)");
            s.execute("CREATE TABLE b (id int UNIQUE NOT NULL)");
            s.execute("CREATE TABLE c (id int UNIQUE)");
            s.execute("CREATE TABLE d (id int, other int, PRIMARY KEY (id, other))");
            s.execute("INSERT INTO c VALUES (1), (NULL), (NULL)");
            s.execute("INSERT INTO d VALUES (1, 1), (1, 2)");
        }
        StringBuilder yml = new StringBuilder("cubes:\n");
        for (String t : new String[]{"a", "b", "c", "d"}) {
            yml.append("  - name: ").append(t).append("\n    sql_table: ").append(t).append("\n    dimensions:\n")
                    .append("      - {name: id, type: number, primary_key: true, sql: \"").append(t.equals("b") ? "{CUBE}.id" : "id").append("\"}\n");
        }
        Files.writeString(dir.resolve("catalog.yml"), yml.toString());
        var loaded = CatalogLoader.load(dir);
        assertTrue(loaded.ok(), loaded.report());
        Catalog cat = loaded.catalog();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            assertTrue(KeyUniqueness.heldByTheDatabase(c, cat.cube("a").orElseThrow(), cat.dimension("a.id").orElseThrow()));
            assertTrue(KeyUniqueness.heldByTheDatabase(c, cat.cube("b").orElseThrow(), cat.dimension("b.id").orElseThrow()));
            assertFalse(KeyUniqueness.heldByTheDatabase(c, cat.cube("c").orElseThrow(), cat.dimension("c.id").orElseThrow()), "nullable");
            assertFalse(KeyUniqueness.heldByTheDatabase(c, cat.cube("d").orElseThrow(), cat.dimension("d.id").orElseThrow()), "one column of two");
            c.rollback();
        }
        Duration t = Duration.ofSeconds(30);
        assertTrue(KeyUniqueness.problem(cat, cat.cube("a").orElseThrow(), db, t).isEmpty());
        assertEquals("c.id is not unique in the warehouse: 3 rows, 1 distinct values, 2 nulls",
                KeyUniqueness.problem(cat, cat.cube("c").orElseThrow(), db, t).orElseThrow());
        assertEquals("d.id is not unique in the warehouse: 2 rows, 1 distinct values",
                KeyUniqueness.problem(cat, cat.cube("d").orElseThrow(), db, t).orElseThrow());
    }
}
