package io.clarion.scratch;

import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

class ScratchTest {
    @Test
    void run() throws Exception {
        String mq = System.getProperty("scratch.query");
        if (mq != null) {
            var out = io.clarion.testing.DemoEngine.queries().run(io.clarion.query.QueryParser.parse(mq), io.clarion.warehouse.QueryService.Options.DEFAULT);
            System.out.println("SQL> " + out.compiled().sql().sql().replace("\n", "\nSQL> "));
            System.out.println("SQL> binds " + out.compiled().sql().binds());
            for (var row : out.result().rows().subList(0, Math.min(20, out.result().rows().size()))) System.out.println("  " + row);
            System.out.println("  rows: " + out.result().rowCount());
            return;
        }
        String[] qs = System.getProperty("scratch.sql").split(";;");
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement()) {
            for (String q : qs) {
                System.out.println("SQL> " + q);
                try (ResultSet rs = s.executeQuery(q)) {
                    int n = rs.getMetaData().getColumnCount();
                    int rows = 0;
                    while (rs.next() && rows++ < 20) {
                        StringBuilder sb = new StringBuilder("  ");
                        for (int i = 1; i <= n; i++) sb.append(rs.getString(i)).append(" | ");
                        System.out.println(sb);
                    }
                }
            }
        }
    }
}
