package io.clarion.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application, started as a separate process, as a user would run it. The demo
 * users are on, and requests go as the demo admin unless a test says otherwise.
 */
final class ClarionProcess implements AutoCloseable {
    static final String DEMO_USERS = "clarion.auth.demo-users";
    static final String ADMIN = "demo-admin-token";
    static final String ANALYST = "demo-analyst-token";
    static final String EXECUTIVE = "demo-executive-token";
    static final String OWNER = "demo-owner-token";
    static final String OWNER_2 = "demo-owner2-token";

    static final Path APP = Path.of(System.getProperty("clarion.app.dir", "../target/quarkus-app")).toAbsolutePath();
    static final Path PROJECT = Path.of(System.getProperty("clarion.project.dir", "..")).toAbsolutePath();
    static final Path WORK = Path.of(System.getProperty("clarion.it.work", "target/it-work")).toAbsolutePath();

    static {
        // Every run starts from nothing, as a new user would; within a run, tests reuse on purpose.
        try {
            if (Files.exists(WORK)) {
                try (var walk = Files.walk(WORK)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    final int port;
    final Process process;
    final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClarionProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts `serve` with its data under WORK/name and waits until ready (or the process dies). */
    static ClarionProcess start(String name, Map<String, String> props) throws Exception {
        int port = freePort();
        Path home = WORK.resolve(name);
        Files.createDirectories(home);
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.add("-Dclarion.home=" + home.resolve("home"));
        cmd.add("-Dclarion.catalog.dir=" + PROJECT.resolve("semantic"));
        cmd.add("-Dclarion.skills.dir=" + PROJECT.resolve("skills"));
        cmd.add("-Dclarion.briefings.dir=" + PROJECT.resolve("briefings"));
        cmd.add("-Dclarion.demo.as-of=2026-06-15");
        cmd.add("-Dclarion.demo.scale=2000");
        // Demo users are on by default only with the embedded warehouse; the tests use them everywhere.
        if (!props.containsKey(DEMO_USERS)) cmd.add("-D" + DEMO_USERS + "=true");
        for (var e : props.entrySet()) cmd.add("-D" + e.getKey() + "=" + e.getValue());
        cmd.add("-jar");
        cmd.add(APP.resolve("quarkus-run.jar").toString());
        cmd.add("serve");
        cmd.add("--port");
        cmd.add(String.valueOf(port));
        Path log = home.resolve("server.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ClarionProcess cp = new ClarionProcess(port, p, log);
        cp.awaitHttp(Duration.ofMinutes(4));
        return cp;
    }

    static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g");
    }

    /** Runs a CLI command of the packaged jar to completion. */
    static Result cli(Path home, List<String> args, String stdin) throws Exception {
        return cli(home, Map.of(), args, stdin);
    }

    /** Runs a CLI command of the packaged jar to completion, with extra configuration properties. */
    static Result cli(Path home, Map<String, String> props, List<String> args, String stdin) throws Exception {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.add("-Dclarion.home=" + home);
        cmd.add("-Dclarion.catalog.dir=" + PROJECT.resolve("semantic"));
        cmd.add("-Dclarion.skills.dir=" + PROJECT.resolve("skills"));
        cmd.add("-Dclarion.briefings.dir=" + PROJECT.resolve("briefings"));
        cmd.add("-Dclarion.demo.as-of=2026-06-15");
        cmd.add("-Dclarion.demo.scale=1000");
        for (var e : props.entrySet()) cmd.add("-D" + e.getKey() + "=" + e.getValue());
        cmd.add("-jar");
        cmd.add(APP.resolve("quarkus-run.jar").toString());
        cmd.addAll(args);
        Files.createDirectories(home);
        Path out = Files.createTempFile(WORK, "cli", ".out");
        Path err = Files.createTempFile(WORK, "cli", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes());
        }
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("CLI did not finish: " + args);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    private void awaitHttp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<String> r = getAs(null, "/q/health/live");
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server did not start in time:\n" + logText());
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** GET as the demo admin. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getAs(ADMIN, path);
    }

    /** GET with {@code Authorization: Bearer token}, or with no Authorization header when token is null. */
    HttpResponse<String> getAs(String token, String path) throws IOException, InterruptedException {
        return send("GET", path, null, bearer(token));
    }

    /** POST of JSON as the demo admin. */
    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body, "application/json");
    }

    HttpResponse<String> post(String path, String body, String contentType) throws IOException, InterruptedException {
        return postAs(ADMIN, path, body, contentType);
    }

    /** POST of JSON with {@code Authorization: Bearer token}, or with no Authorization header when token is null. */
    HttpResponse<String> postAs(String token, String path, String body) throws IOException, InterruptedException {
        return postAs(token, path, body, "application/json");
    }

    HttpResponse<String> postAs(String token, String path, String body, String contentType) throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>(bearer(token));
        headers.put("Content-Type", contentType);
        return send("POST", path, body, headers);
    }

    /** A request with exactly these headers (no Authorization unless given); body null sends none. */
    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        // A ceiling, not a wait: a briefing run over every account can take minutes on a busy machine.
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(240))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> bearer(String token) {
        return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: a graceful shutdown that also stops the embedded PostgreSQL
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
