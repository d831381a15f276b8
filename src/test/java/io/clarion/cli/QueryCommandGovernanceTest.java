package io.clarion.cli;

import io.clarion.governance.auth.UsersFile;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line answers a token's user under the same policy as the API. */
class QueryCommandGovernanceTest {
    record Run(int exit, String out, String err) {
    }

    @AfterEach
    void clear() {
        System.clearProperty("clarion.auth.users-file");
    }

    static Run clarion(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 4];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--jdbc-url";
            all[args.length + 1] = TestDatabase.demoJdbcUrl();
            all[args.length + 2] = "--store-jdbc-url";
            all[args.length + 3] = TestDatabase.demoJdbcUrl();
            int exit = new CommandLine(new ClarionCommand()).execute(all);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aTokensUserSeesOnlyTheirRowsAndABadTokenIsRefused(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.yml");
        Files.writeString(users, "users:\n  - name: olga\n    roles: [owner]\n    attributes: {owner_id: own_001}\n    token_sha256: "
                + UsersFile.hash("olga-token") + "\n");
        System.setProperty("clarion.auth.users-file", users.toString());
        String q = "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.owner_id\", \"customers.email\"], \"limit\": 5}";

        Run owner = clarion("query", q, "--format", "csv", "--token", "olga-token");
        assertEquals(0, owner.exit(), owner.err());
        List<String> lines = owner.out().lines().skip(1).toList();
        assertTrue(!lines.isEmpty() && lines.stream().allMatch(l -> l.startsWith("own_001,pii_")), owner.out());

        Run operator = clarion("query", q, "--format", "csv");
        assertEquals(0, operator.exit(), operator.err());
        assertTrue(operator.out().contains("@"), "the local operator sees raw values: " + operator.out());

        Run bad = clarion("query", q, "--token", "wrong");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("error [unauthorized]: the bearer token is not valid"), bad.err());
    }
}
