package io.clarion.cli;

import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `clarion generate` never destroys the user's own tables: it writes into an empty schema or over its own data set. */
class GenerateCommandTest {
    record Run(int exit, String err) {
    }

    static Run generate(String db, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ClarionCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] args = new String[6 + extra.length];
        args[0] = "generate";
        args[1] = "--scale";
        args[2] = "40";
        args[3] = "--as-of";
        args[4] = "2026-06-15";
        args[5] = "--jdbc-url=" + TestDatabase.jdbcUrl(db);
        System.arraycopy(extra, 0, args, 6, extra.length);
        return new Run(cl.execute(args), err.toString());
    }

    static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theUsersOwnCustomersAndInvoicesAreRefusedUntilNamedWithReplace() throws Exception {
        DataSource ds = TestDatabase.freshDatabase("gen_user_tables");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)");
            s.execute("CREATE TABLE invoices (id int, customer_id int REFERENCES customers, amount numeric)");
            s.execute("INSERT INTO customers VALUES (1, 'Mine'), (2, 'Also mine')");
            s.execute("INSERT INTO invoices VALUES (10, 1, 99.5)");
        }

        Run refused = generate("gen_user_tables");

        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("schema public already holds tables that Clarion did not create: customers, invoices"), refused.err());
        assertTrue(refused.err().contains("--replace customers,invoices"), "says how to override: " + refused.err());
        assertEquals(2, count(ds, "SELECT count(*) FROM customers"), "the user's rows are untouched");
        assertEquals(1, count(ds, "SELECT count(*) FROM invoices"));
        assertEquals(0, count(ds, "SELECT count(*) FROM pg_class WHERE relname = 'dataset_info'"), "nothing was created");

        Run partly = generate("gen_user_tables", "--replace", "customers");
        assertEquals(2, partly.exit(), partly.err());
        assertTrue(partly.err().contains("did not create: invoices"), partly.err());
        assertEquals(2, count(ds, "SELECT count(*) FROM customers"));

        Run notDemo = generate("gen_user_tables", "--replace", "customers,invoices,orders");
        assertEquals(2, notDemo.exit(), notDemo.err());
        assertTrue(notDemo.err().contains("--replace names only demo tables"), notDemo.err());

        Run replaced = generate("gen_user_tables", "--replace", "customers,invoices");
        assertEquals(0, replaced.exit(), replaced.err());
        assertTrue(replaced.err().contains("Dropping customers, invoices (not created by Clarion; named with --replace)"), replaced.err());
        assertEquals(40, count(ds, "SELECT count(*) FROM customers"));
        assertFalse(replaced.err().contains("\r"), "off a terminal, progress is plain lines");
        assertTrue(replaced.err().contains("  customers: 40 rows in "), replaced.err());
        assertTrue(replaced.err().contains("  indexes") && replaced.err().contains("  statistics"), replaced.err());

        // Its own data set is replaced without asking.
        Run again = generate("gen_user_tables");
        assertEquals(0, again.exit(), again.err());
    }

    @Test
    void aSchemaWithOtherTablesIsRefusedAndAnEmptyOneIsFilled() throws Exception {
        DataSource ds = TestDatabase.freshDatabase("gen_other_tables");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int)");
            s.execute("INSERT INTO orders VALUES (1)");
            s.execute("CREATE SCHEMA demo");
        }

        Run refused = generate("gen_other_tables", "--replace", "customers");

        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("schema public is not empty (orders)"), refused.err());
        assertEquals(1, count(ds, "SELECT count(*) FROM orders"));

        String url = TestDatabase.jdbcUrl("gen_other_tables") + "&currentSchema=demo";
        CommandLine cl = new CommandLine(new ClarionCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("generate", "--scale", "40", "--as-of", "2026-06-15", "--jdbc-url=" + url);
        assertEquals(0, exit, err.toString());
        assertEquals(40, count(ds, "SELECT count(*) FROM demo.customers"));
        assertEquals(1, count(ds, "SELECT count(*) FROM orders"));
    }
}
