package io.clarion.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.clarion.it.ClarionProcess.ADMIN;
import static io.clarion.it.ClarionProcess.ANALYST;
import static io.clarion.it.ClarionProcess.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated malformed requests against every endpoint of the packaged server: none may answer
 * 5xx or show SQL or Java text, the server stays healthy, and each request leaves its audit row.
 */
class FuzzIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int REQUESTS = 600;
    static final List<String> LEAKS = List.of("SELECT ", "Exception", "at io.", "org.postgresql", "at java.");
    static ClarionProcess app;

    @BeforeAll
    static void start() throws Exception {
        app = ClarionProcess.start("fuzz", Map.of("clarion.scheduler.enabled", "false"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
    }

    /** Text no endpoint should choke on: NUL, huge, injected, odd numbers and Unicode. */
    static final List<String> HOSTILE = List.of("\\u0000", "a\\u0000b", "x".repeat(60_000), "a".repeat(12_000), "'; DROP TABLE customers; --",
            "\\\" OR 1=1 --", "{{7*7}}", "${jndi:ldap://x}", "../../etc/passwd", "ümlaut ✓ 🙂", "", " ", "last 99999999999 days",
            "ops@example.com", "%00", "\\ud800", "null");
    static final List<String> NUMBERS = List.of("-1", "0", "99999999999", "1e309", "-9223372036854775809", "1.5", "\"7\"", "true",
            "null", "[]", "{}");

    static String hostile(Random r) {
        return HOSTILE.get(r.nextInt(HOSTILE.size()));
    }

    static String number(Random r) {
        return NUMBERS.get(r.nextInt(NUMBERS.size()));
    }

    /** A malformed JSON body, or a well-formed one with hostile values, in the shape of {@code keys}. */
    static String body(Random r, List<String> keys) {
        String k = keys.get(r.nextInt(keys.size()));
        return switch (r.nextInt(14)) {
            case 0 -> "{\"" + k + "\": \"" + hostile(r) + "\"}";
            case 1 -> "{\"" + k + "\": " + number(r) + "}";
            case 2 -> "{\"" + k + "\": [\"" + hostile(r) + "\"], \"" + k + "\": []}";
            case 3 -> "{\"" + k + "\": \"x\"} trailing";
            case 4 -> "{\"" + k + "\": \"x\" /* comment */}";
            case 5 -> "[".repeat(3000) + "]".repeat(3000);
            case 6 -> "{\"" + k + "\": " + "{\"a\":".repeat(1500) + "1" + "}".repeat(1500) + "}";
            case 7 -> "not json at all " + hostile(r);
            case 8 -> "{\"" + hostile(r).replace("\"", "") + "\": 1}";
            case 9 -> "{\"" + k + "\": [[1, 2]], \"join_paths\": [[1, 2]]}";
            case 10 -> "{\"" + k + "\": {\"nested\": \"" + hostile(r) + "\"}}";
            case 11 -> "{\"" + k + "\": \"" + "z".repeat(1_100_000) + "\"}";
            case 12 -> "";
            default -> "{\"" + k + "\": \"x\", \"unknown\": \"" + hostile(r) + "\"}";
        };
    }

    static String queryBody(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "{\"metrics\": [\"invoices.revenue\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", "
                    + "\"value\": \"last 99999999999 days\"}]}";
            case 1 -> "{\"metrics\": [\"arr\"], \"segments\": \"customers.active\"}";
            case 2 -> "{\"metrics\": [\"customers.total_count\"], \"join_paths\": [[\"customers\\u0000zz\"]]}";
            case 3 -> "{\"metrics\": [\"customers.total_count\"], \"join_paths\": [[\"customers\", \"marketing\"]]}";
            case 4 -> "{\"metrics\": [\"customers.total_count\"], \"filters\": [{\"dimension\": \"customers.segment\", \"operator\": \"equals\", "
                    + "\"value\": \"" + hostile(r) + "\"}], \"limit\": " + number(r) + "}";
            case 5 -> "{\"metrics\": [\"" + "q".repeat(60_000) + "\"]}";
            case 6 -> "{\"metrics\": [\"arr\"], \"metrics\": [\"mrr\"]}";
            default -> body(r, List.of("metrics", "dimensions", "filters", "segments", "order_by", "limit", "compare", "analysis", "join_paths"));
        };
    }

    static String enc(String s) {
        return URLEncoder.encode(s.replace("\\u0000", "\u0000"), StandardCharsets.UTF_8);
    }

    record Sent(String token, String method, String path, int status, String body) {
    }

    @Test
    void malformedRequestsGetA4xxAndLeaveAnAuditRowEach() throws Exception {
        // A chat session of the analyst's, for feedback requests.
        HttpResponse<String> chat = app.postAs(ANALYST, "/api/v1/chat", "{\"message\": \"What's our ARR?\"}");
        assertEquals(200, chat.statusCode(), chat.body());
        String session = JSON.readTree(chat.body()).get("session_id").asText();
        // Every customer the owner may not see: one of them in any answer to the owner is a leaked row.
        HttpResponse<String> everyone = app.post("/api/v1/query", "{\"metrics\": [\"customers.total_count\"], \"dimensions\": "
                + "[\"customers.customer_id\", \"customers.owner_id\"], \"limit\": 10000}");
        assertEquals(200, everyone.statusCode(), everyone.body());
        java.util.Set<String> foreign = new java.util.HashSet<>();
        for (JsonNode row : JSON.readTree(everyone.body()).get("rows")) {
            if (!"own_001".equals(row.get(1).asText(null))) foreign.add(row.get(0).asText());
        }
        assertTrue(foreign.size() > 100, foreign.size() + " customers of other owners");
        // An id the catalog's descriptions give as an example of the format is documentation, not a row.
        java.util.regex.Matcher documented = java.util.regex.Pattern.compile("cus_\\d+").matcher(app.getAs(OWNER, "/api/v1/catalog").body());
        while (documented.find()) foreign.remove(documented.group());

        Instant since = Instant.now();
        Thread.sleep(5);

        Random r = new Random(14);
        List<String> tokens = new ArrayList<>(java.util.Arrays.asList(ADMIN, ANALYST, OWNER, "not-a-token", null));
        List<Sent> sent = new ArrayList<>();
        int retries = 0;
        for (int i = 0; i < REQUESTS; i++) {
            String token = tokens.get(r.nextInt(tokens.size()));
            String method = "POST";
            String path;
            String payload = null;
            switch (i % 13) {
                case 0 -> { path = "/api/v1/query"; payload = queryBody(r); }
                case 1 -> { path = r.nextBoolean() ? "/api/v1/query/validate" : "/api/v1/query/explain"; payload = queryBody(r); }
                case 2 -> { path = "/api/v1/chat"; payload = body(r, List.of("message", "session_id")); }
                case 3 -> { path = "/api/v1/chat/" + (r.nextBoolean() ? session : enc(hostile(r))) + "/feedback";
                    payload = body(r, List.of("helpful", "comment", "turn", "corrected_query")); }
                case 4 -> { method = "GET"; path = "/api/v1/catalog?q=" + enc(hostile(r)) + "&limit=" + enc(number(r)); }
                case 5 -> { method = "GET"; path = "/api/v1/customers/" + enc(hostile(r)) + "/profile"; }
                case 6 -> { path = "/api/v1/skills/" + (r.nextBoolean() ? "customer-360-profile" : enc(hostile(r))) + "/run";
                    payload = body(r, List.of("parameters", "as_of")); }
                case 7 -> { // never a valid dry_run: a malformed trigger must run nothing
                    String[] bad = {"1", "yes", "on", "maybe", "0", "TRUE1", "%00", ""};
                    String v = bad[r.nextInt(bad.length)];
                    path = "/api/v1/briefings/weekly-retention-risk/run?dry_run=" + (v.isEmpty() ? "true&as_of=" + enc(hostile(r)) : enc(v)); }
                case 8 -> { method = "GET"; path = "/api/v1/briefings?limit=" + enc(number(r)) + "&skill=" + enc(hostile(r)); }
                case 9 -> { method = "GET"; path = "/api/v1/briefings/" + (r.nextBoolean() ? enc(number(r)) : "99999999999999999999"); }
                case 10 -> { path = "/api/v1/feedback"; payload = body(r, List.of("skill", "owner_id", "customer_id", "verdict", "status",
                        "due_date", "note", "briefing_id", "risk_points")); }
                case 11 -> { method = "GET"; path = "/api/v1/feedback?owner=" + enc(hostile(r)) + "&status=" + enc(hostile(r)); }
                default -> { method = "GET"; path = "/api/v1/audit?kind=" + enc(hostile(r)) + "&limit=" + enc(number(r)) + "&since=" + enc(hostile(r)); }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (token != null) headers.put("Authorization", "Bearer " + token);
            if (payload != null) headers.put("Content-Type", "application/json");
            String shown = path.length() > 120 ? path.substring(0, 120) + "…" : path;
            try {
                HttpResponse<String> resp;
                try {
                    resp = send(method, path, payload, headers);
                } catch (java.io.IOException closed) {
                    // The HTTP layer closes the connection after a 414 (request line too long); the client may
                    // have reused it for this request, which then never reached the server: sent once more.
                    retries++;
                    resp = send(method, path, payload, headers);
                }
                sent.add(new Sent(token, method, shown, resp.statusCode(), resp.body()));
            } catch (java.io.IOException e) {
                // A dropped connection is no answer: counted and reported like a 5xx.
                sent.add(new Sent(token, method, shown + " [" + (payload == null ? 0 : payload.length()) + " chars]", 599, "connection: " + e.getMessage()));
            }
        }
        Thread.sleep(5);
        Instant until = Instant.now();

        List<Sent> fiveHundreds = sent.stream().filter(s -> s.status() >= 500).toList();
        List<Sent> leaking = sent.stream().filter(s -> s.status() >= 400 && LEAKS.stream().anyMatch(l -> s.body().contains(l))).toList();
        List<Sent> javaText = sent.stream().filter(s -> s.body().contains("Exception") || s.body().contains("at io.")).toList();
        java.util.regex.Pattern customerId = java.util.regex.Pattern.compile("cus_\\d+");
        java.util.Set<String> leakedRows = new java.util.TreeSet<>();
        for (Sent s : sent) {
            if (!OWNER.equals(s.token()) || s.status() >= 300) continue;
            var m = customerId.matcher(s.body());
            while (m.find()) if (foreign.contains(m.group())) leakedRows.add(m.group());
        }
        long ownerRequests = sent.stream().filter(s -> OWNER.equals(s.token())).count();
        System.out.printf("fuzz: %d requests (%d resent after a closed connection), %d 5xx, %d error bodies with SQL or Java text, "
                + "%d other owners' customers in %d answers to the owner, status counts %s%n", sent.size(), retries, fiveHundreds.size(),
                leaking.size(), leakedRows.size(), ownerRequests, sent.stream().collect(java.util.stream.Collectors.groupingBy(Sent::status,
                        java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        assertTrue(leakedRows.isEmpty(), "rows of other owners shown to the owner: " + leakedRows);
        assertTrue(fiveHundreds.isEmpty(), fiveHundreds.stream().limit(5).map(s -> s.method() + " " + s.path() + " -> " + s.status()
                + " " + cut(s.body())).toList().toString());
        assertTrue(leaking.isEmpty() && javaText.isEmpty(), leaking.stream().limit(5).map(s -> s.path() + " -> " + cut(s.body())).toList().toString());

        HttpResponse<String> health = app.getAs(null, "/q/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"UP\""), health.body());

        // One access row per request, whatever its outcome: refused at the door (auth) or answered.
        int rows = 0;
        Long before = null;
        while (true) {
            HttpResponse<String> page = app.get("/api/v1/audit?kind=access&limit=1000&since=" + since + "&until=" + until
                    + (before == null ? "" : "&before_id=" + before));
            assertEquals(200, page.statusCode(), page.body());
            JsonNode list = JSON.readTree(page.body());
            rows += list.size();
            if (list.size() < 1000) break;
            before = list.get(list.size() - 1).get("id").asLong();
        }
        // 413 and 414 are answered by the HTTP layer before the request reaches Clarion (body or request line too long).
        long reachedClarion = sent.stream().filter(s -> s.status() != 413 && s.status() != 414).count();
        System.out.printf("fuzz: %d access rows in the audit log for %d requests that reached the application%n", rows, reachedClarion);
        assertEquals(reachedClarion, rows, "one audit row per request");
    }

    /** The first line of the answer to a request written byte for byte (a NUL in a header is not something HttpClient sends). */
    static String rawStatusLine(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", app.port)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            byte[] buf = new byte[2048];
            int n = s.getInputStream().read(buf);
            return n <= 0 ? "(closed)" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aNulByteInAHeaderIs400() throws Exception {
        for (String header : List.of("X-Note: a\0b", "Authorization: Bearer " + ADMIN + "\0", "Accept-Language: en\0-GB")) {
            String auth = header.startsWith("Authorization") ? "" : "Authorization: Bearer " + ADMIN + "\r\n";
            String head = rawStatusLine("GET /api/v1/catalog HTTP/1.1\r\nHost: localhost\r\n" + auth + header + "\r\nConnection: close\r\n\r\n");
            System.out.println("NUL in a header (" + header.substring(0, header.indexOf(':')) + "): " + head.lines().findFirst().orElse(""));
            assertTrue(head.startsWith("HTTP/1.1 400"), header.replace("\0", "\\0") + " -> " + head);
            assertFalse(head.contains("Exception") || head.contains("at io."), head);
        }
    }

    /**
     * The figures of the issue's closing note, measured over HTTP on the packaged server: how long an
     * over-long member name, question or value takes to be refused (the audit scrubbing was once
     * quadratic in them), and a 401 for a long path. Printed, not asserted against a clock.
     */
    @Test
    void hostileSizesAreRefusedAndTheirTimesPrinted() throws Exception {
        record Case(String what, String path, String token, String body) {
        }
        List<Case> cases = List.of(
                new Case("60,000-letter unknown member", "/api/v1/query", ANALYST, "{\"metrics\": [\"" + "a".repeat(60_000) + "\"]}"),
                new Case("1 MB unknown member", "/api/v1/query", ANALYST, "{\"metrics\": [\"" + "a".repeat(1_000_000) + "\"]}"),
                new Case("1 MB filter value", "/api/v1/query", ANALYST, "{\"metrics\": [\"customers.total_count\"], \"filters\": [{\"dimension\": "
                        + "\"customers.segment\", \"operator\": \"equals\", \"value\": \"" + "b@".repeat(500_000) + "\"}]}"),
                new Case("60,000-letter chat question", "/api/v1/chat", ANALYST, "{\"message\": \"" + "a".repeat(60_000) + "\"}"),
                new Case("4 KB path without a token", "/api/v1/customers/" + "c".repeat(4096) + "/profile", null, null));
        for (Case c : cases) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (c.token() != null) headers.put("Authorization", "Bearer " + c.token());
            if (c.body() != null) headers.put("Content-Type", "application/json");
            long t0 = System.nanoTime();
            HttpResponse<String> resp = send(c.body() == null ? "GET" : "POST", c.path(), c.body(), headers);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("%s: HTTP %d in %d ms, %d characters echoed%n", c.what(), resp.statusCode(), ms, resp.body().length());
            assertTrue(resp.statusCode() >= 400 && resp.statusCode() < 500, c.what() + " -> " + resp.statusCode() + " " + cut(resp.body()));
            assertTrue(resp.body().length() < 2_000, c.what() + ": the answer echoes at most a capped part of the input");
        }
        HttpResponse<String> health = app.getAs(null, "/q/health");
        assertEquals(200, health.statusCode(), health.body());
    }

    /** Clarion's own PostgreSQL, with the password it generated on first start (the test runs as the same user). */
    static java.sql.Connection store() throws Exception {
        java.nio.file.Path home = ClarionProcess.WORK.resolve("fuzz").resolve("home");
        java.util.Properties server = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(home.resolve("pgdata.server"))) {
            server.load(in);
        }
        return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + server.getProperty("port") + "/postgres",
                "postgres", java.nio.file.Files.readString(home.resolve("pgdata.password")).strip());
    }

    @Test
    void anAnswerWhoseAuditRowCannotBeWrittenIsNotReturned() throws Exception {
        String query = "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.segment\"]}";
        assertEquals(200, app.postAs(ANALYST, "/api/v1/query", query).statusCode());
        try (java.sql.Connection c = store(); java.sql.Statement s = c.createStatement()) {
            // The audit table refuses the analyst's rows, as a full disk or a revoked grant would.
            s.execute("CREATE OR REPLACE FUNCTION clarion.refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.principal = 'ana.analyst' THEN RAISE EXCEPTION 'audit store refuses this row'; END IF; RETURN NEW; END $$");
            s.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON clarion.audit_log FOR EACH ROW EXECUTE FUNCTION clarion.refuse_audit()");
            try {
                Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
                answers.put("query", app.postAs(ANALYST, "/api/v1/query", query));
                answers.put("chat", app.postAs(ANALYST, "/api/v1/chat", "{\"message\": \"How many customers are there by segment?\"}"));
                answers.put("profile", app.getAs(ANALYST, "/api/v1/customers/cus_000042/profile"));
                answers.put("catalog", app.getAs(ANALYST, "/api/v1/catalog"));
                answers.put("skill", app.postAs(ANALYST, "/api/v1/skills/customer-360-profile/run",
                        "{\"parameters\": {\"customer_id\": \"cus_000042\"}}"));
                answers.forEach((what, r) -> {
                    System.out.println("audit row refused, " + what + ": HTTP " + r.statusCode() + " " + cut(r.body()));
                    assertEquals(503, r.statusCode(), what + ": " + cut(r.body()));
                    assertTrue(r.body().contains("audit log could not be written"), what + ": " + cut(r.body()));
                    assertFalse(r.body().contains("cus_000042") || r.body().contains("\"rows\"") || r.body().contains("enterprise"),
                            what + " returned its answer: " + cut(r.body()));
                });
            } finally {
                s.execute("DROP TRIGGER refuse_audit ON clarion.audit_log");
                s.execute("DROP FUNCTION clarion.refuse_audit()");
            }
        }
        assertEquals(200, app.postAs(ANALYST, "/api/v1/query", query).statusCode(), "answered again once the audit log can be written");
    }

    @Test
    void transferEncodingWithContentLengthIsRefusedQuickly() throws Exception {
        long t0 = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", app.port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 20\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"met\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[512];
            int n = in.read(buf);
            String head = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("Transfer-Encoding with Content-Length: " + head.lines().findFirst().orElse("(closed)") + " in " + ms + " ms");
            assertTrue(head.startsWith("HTTP/1.1 4"), head);
            assertTrue(ms < 10_000, ms + " ms");
        }
    }

    /** HTTP/1.1 only: the shared client's HTTP/2 upgrade is not what is being tested here. */
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.port + path))
                .timeout(java.time.Duration.ofSeconds(60))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
