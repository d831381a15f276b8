package io.clarion.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app in a real browser (the system's headless Chromium) against the packaged server:
 * the analyst asks and reads charts and definitions, an owner sees only their accounts and flags
 * one in their briefing, the admin runs a dry run and reads precision per cycle, and masked
 * members stay masked on screen; a clarifying question is answered by its buttons while the
 * page shows progress, and the main controls work from the keyboard with names a screen reader
 * says. Every page is photographed for review. The API's own pages
 * (the OpenAPI document against real responses, Swagger's "Try it out") are here too.
 * One class on purpose, though long: its steps share one server and one browser and build on
 * each other (the owner's verdict is the cycle precision the admin then reads).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SKILL = "weekly-retention-risk";
    static final Path SHOTS = ClarionProcess.PROJECT.resolve("integration-tests/target/screenshots");
    static final Path DOWNLOADS = ClarionProcess.PROJECT.resolve("integration-tests/target/downloads");
    // Generous: the machine running the suite may be busy with other builds; waits end as soon as the page is ready.
    static final Duration WAIT = Duration.ofSeconds(240);

    static IdentityProvider idp;
    static ClarionProcess app;
    static WebDriver driver;
    static WebDriverWait wait;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        // The company's identity provider, for signing in through it (and for its tokens on the API).
        idp = IdentityProvider.start();
        Map<String, String> settings = new java.util.HashMap<>(idp.serverSettings("clarion-web"));
        settings.put("clarion.scheduler.enabled", "false");
        app = ClarionProcess.start("web", settings);
        base = "http://127.0.0.1:" + app.port + "/";
        // A stored cycle for the owners' briefing page (no mail or Slack configured: nothing is sent).
        var run = app.post("/api/v1/briefings/" + SKILL + "/run", "");
        assertEquals(200, run.statusCode(), run.body());
        Files.createDirectories(SHOTS);
        try (var old = Files.newDirectoryStream(SHOTS, "*.png")) {
            for (Path p : old) Files.delete(p); // only this run's pages, none left from an earlier one
        }
        Files.writeString(SHOTS.resolve("index.md"), "# Screenshots of the web app (one per page, full length)\n\n");
        Files.createDirectories(DOWNLOADS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        driver = new ChromeDriver(service, options);
        // Downloads (the answers' CSV) land where the test can read them; headless Chromium asks for this explicitly.
        ((ChromeDriver) driver).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString(), "eventsEnabled", false));
        wait = new WebDriverWait(driver, WAIT);
        // Pages re-render parts of themselves; an element replaced between look-up and use is looked up again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.quit();
        if (app != null) app.close();
        if (idp != null) idp.close();
    }

    @Test
    @Order(1)
    void signInPageListsDemoUsersAndRefusesABadToken() throws Exception {
        driver.get(base);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-token='demo-analyst-token']")));
        shot("01-sign-in", "sign-in page: the token field and the demo users, one button each");
        driver.findElement(By.id("token")).sendKeys("not-a-token");
        driver.findElement(By.id("sign-in")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main .error")));
        assertFalse(error.getText().isBlank());
        assertFalse(error.getText().contains("Exception"), error.getText());
    }

    @Test
    @Order(2)
    void analystAsksANumberABreakdownAndATimeSeries() throws Exception {
        signIn("demo-analyst-token");
        WebElement number = ask("How many active customers do we have?", 1);
        assertChart(number, "number");
        assertTrue(number.findElement(By.cssSelector(".definitions")).getText().contains("customers.active_count"), number.getText());

        WebElement breakdown = ask("revenue by segment last quarter", 2);
        assertChart(breakdown, "bar");
        assertEquals(3, breakdown.findElements(By.cssSelector(".chart rect.bar")).size(), "one bar per segment");
        assertTrue(breakdown.getText().contains("enterprise"), breakdown.getText());
        assertTrue(breakdown.findElement(By.cssSelector(".assumptions")).getText().contains("Time range: last quarter"), breakdown.getText());
        // Sorting by a number column puts the largest first; a second click turns the order.
        WebElement revenueHeader = breakdown.findElement(By.xpath(".//th[button[@title='revenue']]"));
        revenueHeader.findElement(By.tagName("button")).click();
        assertEquals("descending", revenueHeader.getAttribute("aria-sort"));
        assertEquals("enterprise", breakdown.findElement(By.cssSelector("tbody tr td")).getText());
        revenueHeader.findElement(By.tagName("button")).click();
        assertEquals("ascending", revenueHeader.getAttribute("aria-sort"));
        assertEquals("smb", breakdown.findElement(By.cssSelector("tbody tr td")).getText());
        formattedAndSortedOnRawValues(breakdown, "revenue by segment last quarter");
        chartSwitches(breakdown);
        csvHoldsTheRawRows(breakdown, "revenue by segment last quarter");

        WebElement series = ask("show new customers per month this year", 3);
        assertChart(series, "line");
        assertTrue(series.findElements(By.cssSelector(".chart circle.dot")).size() >= 3, "one point per month");
        series.findElement(By.cssSelector("details.disclosure summary")).click();
        assertTrue(series.findElement(By.cssSelector("pre.sql")).getText().toLowerCase().contains("select"));

        // A follow-up continues the session: the same metric, broken down further.
        WebElement followUp = ask("break that down by segment", 4);
        assertTrue(followUp.findElements(By.cssSelector(".chart")).size() + followUp.findElements(By.cssSelector("table")).size() > 0,
                followUp.getText());
        assertTrue(followUp.findElement(By.cssSelector("pre.query")).getAttribute("textContent").contains("customers.segment"),
                "the follow-up edits the previous query");
        shot("02-ask", "Ask as the analyst: a single number, revenue by segment as bars, new customers per month as a line, a follow-up broken down by segment; each with its sortable formatted table, chart switch, CSV download, assumptions, definitions and feedback");

        // Thumbs down with a comment goes to the chat feedback the API keeps.
        followUp.findElement(By.cssSelector(".thumb-down")).click();
        followUp.findElement(By.cssSelector("input.comment")).sendKeys("expected the monthly split kept");
        followUp.findElement(By.cssSelector(".send-feedback")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(followUp, "feedback recorded"));
        JsonNode feedback = JSON.readTree(app.get("/api/v1/chat/feedback").body());
        boolean found = false;
        for (JsonNode f : feedback) found |= "expected the monthly split kept".equals(f.path("comment").asText()) && !f.path("helpful").asBoolean();
        assertTrue(found, feedback.toString());
    }

    @Test
    @Order(3)
    void maskedMembersShowMaskedOnScreen() throws Exception {
        WebElement answer = ask("list customers with their email in EMEA", 5);
        List<WebElement> masked = answer.findElements(By.cssSelector("td .masked"));
        assertFalse(masked.isEmpty(), answer.getText());
        for (WebElement m : masked.subList(0, Math.min(20, masked.size()))) assertTrue(m.getText().startsWith("pii_"), m.getText());
        assertFalse(answer.getText().matches("(?s).*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}.*"), "no e-mail address on screen");
        shot("03-ask-masked", "Ask as the analyst: customers with their e-mail, every address masked (pii_...)");
    }

    @Test
    @Order(4)
    void catalogShowsADefinitionAndTriesIt() throws Exception {
        driver.get(base + "#/catalog/revenue");
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#member-detail section")));
        assertTrue(card.getText().contains("Certified"), card.getText());
        new Select(card.findElement(By.tagName("select"))).selectByValue("customers.segment");
        card.findElement(By.cssSelector(".try-it button[type=submit]")).click();
        wait.until(d -> !card.findElements(By.cssSelector(".chart[data-chart='bar']")).isEmpty());
        shot("04-catalog", "Catalog: the revenue metric's definition (certified, owner, formula, tables, skills) and \"try it\" by segment as bars");
    }

    @Test
    @Order(5)
    void ownerSeesOnlyTheirAccountsOpensAProfileAndFlagsAFalsePositive() throws Exception {
        signOut();
        signIn("demo-owner-token");
        WebElement answer = ask("revenue by segment last quarter", 1);
        assertTrue(answer.findElement(By.cssSelector(".assumptions")).getText().contains("Scope: your accounts only (owner own_001)"),
                answer.getText());
        driver.get(base + "#/accounts");
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main table")));
        wait.until(d -> !table.findElements(By.cssSelector("tbody tr")).isEmpty());
        Set<String> shown = new HashSet<>();
        for (WebElement a : table.findElements(By.cssSelector("tbody td a"))) shown.add(a.getText());
        assertEquals(ownersCustomers("own_001"), shown, "exactly own_001's customers");
        shot("05-accounts", "Accounts as owner own_001: only their customers, with current MRR");

        table.findElement(By.cssSelector("tbody td a")).click();
        WebElement profile = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".profile-card")));
        assertTrue(profile.getText().contains("Overview"), profile.getText());
        wait.until(d -> !d.findElements(By.cssSelector(".chart[data-chart='line']")).isEmpty()
                || d.findElements(By.cssSelector(".card .muted")).size() >= 2);
        shot("06-profile", "a customer's profile card: overview, financial, engagement, owner, MRR and logins by month, recent events");

        driver.get(base + "#/briefings");
        WebElement account = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article.account")));
        String customer = account.getAttribute("data-customer");
        new Select(account.findElement(By.name("verdict"))).selectByValue("false_positive");
        account.findElement(By.name("note")).sendKeys("renewal signed last week");
        account.findElement(By.cssSelector(".save-status")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(account, "Saved"));
        driver.navigate().refresh();
        WebElement again = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("article.account[data-customer='" + customer + "'] .feedback-state")));
        assertTrue(again.getText().contains("False positive") && again.getText().contains("renewal signed last week"), again.getText());
        shot("07-briefing-owner", "Briefings as owner own_001: this week's flagged accounts with evidence, one marked false positive with a note after a reload");
    }

    @Test
    @Order(6)
    void adminRunsADryRunPreviewsAnEmailAndSeesPrecisionPerCycle() throws Exception {
        signOut();
        signIn("demo-admin-token");
        driver.get(base + "#/briefings");
        WebElement precision = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("precision")));
        // The owner's false positive is this cycle's only verdict: precision 0 for the cycle.
        wait.until(d -> !precision.findElements(By.cssSelector(".chart[data-chart='bar'] rect.bar")).isEmpty());
        assertTrue(precision.getText().contains("0%"), precision.getText());
        driver.findElement(By.id("dry-run")).click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dry-run-result")));
        assertTrue(result.getText().contains("own_001"), result.getText());
        result.findElement(By.cssSelector(".preview-links [data-render='html']")).click();
        WebElement frame = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#preview iframe")));
        var emailLink = java.util.regex.Pattern.compile("href=\"(http[^\"]*/feedback/[^\"]+)\"").matcher(frame.getAttribute("srcdoc"));
        assertTrue(emailLink.find(), "the email has its feedback links");
        shot("08-briefings-admin", "Briefings as the admin: dry run with every owner's figures, precision per cycle as bars, runs and deliveries, own_001's email previewed");

        // The same owner's Slack message, laid out as Slack shows it, with a feedback button per account.
        result.findElement(By.cssSelector(".preview-links [data-render='slack']")).click();
        WebElement slack = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#preview .slack-message")));
        List<WebElement> buttons = slack.findElements(By.cssSelector("a[href*='/feedback/']"));
        assertFalse(buttons.isEmpty(), slack.getText());
        assertTrue(slack.getText().contains("Give feedback"), slack.getText());
        shot("09-preview-slack", "Briefings as the admin: own_001's Slack message previewed from the dry run, a \"Give feedback\" button per flagged account");

        // The links work: the email's and the Slack message's open the owner's feedback page on this server.
        for (String link : List.of(emailLink.group(1).replace("&amp;", "&"), buttons.get(0).getAttribute("href"))) {
            java.net.URI uri = java.net.URI.create(link);
            assertEquals(app.port, uri.getPort(), "links point at the server that sent them: " + link);
            var page = app.getAs(null, uri.getRawPath());
            assertEquals(200, page.statusCode(), link + "\n" + page.body());
        }
        driver.get(buttons.get(0).getAttribute("href"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form input[name='verdict']")));
        assertFalse(driver.getPageSource().contains("not valid"), driver.getPageSource());
        shot("10-feedback-page", "the feedback page a link in the previewed message opens: the flagged account, its evidence, the verdict form");

        driver.get(base + "#/audit");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main table")));
        new Select(driver.findElement(By.id("audit-kind"))).selectByValue("briefing_run");
        driver.findElement(By.cssSelector("form[aria-label='Filters'] button[type=submit]")).click();
        // Only briefing runs once the filtered page is in: the stored run and the dry runs, all by the admin.
        wait.until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("main tbody tr"));
            return rows.size() >= 2 && rows.stream().allMatch(r -> r.getText().contains("briefing_run"));
        });
        assertTrue(driver.findElement(By.cssSelector("main tbody")).getText().contains("ada.admin"));
        shot("11-audit", "Audit log as the admin, filtered to briefing runs");

        // A refused query shows the API's own message and its did-you-mean, not a status code.
        driver.get(base + "#/api");
        String bad = "{\"metrics\": [\"invoices.revenu\"]}";
        JsonNode refusal = JSON.readTree(app.post("/api/v1/query", bad).body());
        WebElement text = wait.until(ExpectedConditions.elementToBeClickable(By.id("metric-query")));
        text.clear();
        text.sendKeys(bad);
        driver.findElement(By.id("run-query")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main .error")));
        assertTrue(error.getText().contains(refusal.path("message").asText()), error.getText() + " / " + refusal);
        assertFalse(refusal.path("errors").isEmpty(), refusal.toString());
        for (JsonNode problem : refusal.path("errors")) {
            assertTrue(error.getText().contains(problem.path("message").asText()), error.getText() + " / " + refusal);
            for (JsonNode suggestion : problem.path("suggestions")) {
                assertTrue(error.getText().contains(suggestion.asText()), "the suggestion: " + error.getText() + " / " + refusal);
            }
        }
        assertFalse(error.getText().contains("answered 400") || error.getText().contains("Exception"), error.getText());
        shot("12-api-error", "API page: a query with a misspelt metric, refused with the API's message and its suggestion");

        driver.navigate().refresh(); // the same address: a reload brings the example query back
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run-query"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main table")));
        shot("13-api", "API page: the example metric query run with the admin's token, its formatted table; links to the OpenAPI document and Swagger UI");
    }

    @Test
    @Order(7)
    void phoneWidth() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            driver.get(base + "#/ask");
            WebElement answer = ask("revenue by segment last quarter", 1);
            assertChart(answer, "bar");
            Number scrollWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth");
            assertTrue(scrollWidth.intValue() <= 400, "no sideways scrolling of the page: " + scrollWidth);
            shot("14-ask-phone", "Ask at phone width (390 px): the bar chart and table fit without sideways scrolling");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    @Test
    @Order(8)
    void openApiDeclaresBearerSecurityAndItsSchemasMatchTheJsonSent() throws Exception {
        JsonNode doc = JSON.readTree(app.getAs(null, "/q/openapi?format=json").body());
        assertEquals("bearer", doc.at("/components/securitySchemes/bearer/scheme").asText(), doc.at("/components").toString());
        // The identity provider is configured: its discovery document is named, and operations accept either.
        assertEquals(idp.issuer + "/.well-known/openid-configuration", doc.at("/components/securitySchemes/oidc/openIdConnectUrl").asText(),
                doc.at("/components").toString());
        JsonNode chat = doc.at("/paths/~1api~1v1~1chat/post");
        assertTrue(chat.at("/security/0").has("bearer") && chat.at("/security/1").has("oidc"), chat.toString());
        JsonNode chatBody = resolve(doc, chat.at("/requestBody/content/application~1json/schema"));
        assertTrue(chatBody.at("/properties").has("message") && chatBody.at("/properties").has("session_id"), chatBody.toString());
        assertFalse(chat.at("/requestBody/content/application~1json/examples").isMissingNode(), "the chat body has an example");
        JsonNode query = doc.at("/paths/~1api~1v1~1query/post");
        JsonNode queryBody = resolve(doc, query.at("/requestBody/content/application~1json/schema"));
        assertEquals("object", queryBody.path("type").asText(), queryBody.toString());
        assertTrue(queryBody.at("/properties").has("order_by"), queryBody.toString());

        // Real responses, read back against the schema of their operation: the same property names, nested included.
        var analystChat = app.postAs(ClarionProcess.ANALYST, "/api/v1/chat", "{\"message\": \"revenue by segment last quarter\"}");
        matches(doc, "/api/v1/chat", "post", analystChat.body());
        String session = JSON.readTree(analystChat.body()).path("session_id").asText();
        var followUp = app.postAs(ClarionProcess.ANALYST, "/api/v1/chat",
                "{\"message\": \"now only EMEA\", \"session_id\": \"" + session + "\"}");
        matches(doc, "/api/v1/chat", "post", followUp.body());
        matches(doc, "/api/v1/query", "post", app.post("/api/v1/query", ApiExample.QUERY).body());
        matches(doc, "/api/v1/me", "get", app.get("/api/v1/me").body());
        matches(doc, "/api/v1/catalog", "get", app.get("/api/v1/catalog").body());
        String briefings = app.get("/api/v1/briefings?skill=" + SKILL).body();
        matches(doc, "/api/v1/briefings", "get", briefings);
        long id = JSON.readTree(briefings).get(0).path("id").asLong();
        matches(doc, "/api/v1/briefings/{id}", "get", app.get("/api/v1/briefings/" + id).body());
        matches(doc, "/api/v1/briefings/precision", "get", app.get("/api/v1/briefings/precision?skill=" + SKILL).body());
        matches(doc, "/api/v1/feedback", "get", app.get("/api/v1/feedback?skill=" + SKILL).body());
        matches(doc, "/api/v1/briefings/{id}/preview", "get", app.get("/api/v1/briefings/" + id + "/preview?render=text").body());
    }

    /** Example bodies shared by the API checks. */
    static final class ApiExample {
        static final String QUERY = """
                {"metrics": ["invoices.revenue"], "dimensions": ["customers.segment"], "compare": "previous_period",
                 "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "last quarter"}]}""";
    }

    private static void matches(JsonNode doc, String path, String method, String body) throws Exception {
        JsonNode op = null;
        for (var it = doc.path("paths").fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().replaceAll("\\{[^}]+(: [^}]+)?}", "{id}").equals(path.replaceAll("\\{[^}]+}", "{id}"))) op = e.getValue().path(method);
        }
        assertTrue(op != null && !op.isMissingNode(), "no " + method + " " + path + " in the document");
        JsonNode schema = op.at("/responses/200/content/application~1json/schema");
        List<String> problems = new java.util.ArrayList<>();
        compare(doc, schema, JSON.readTree(body), method + " " + path, problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void compare(JsonNode doc, JsonNode schema, JsonNode value, String where, List<String> problems) {
        schema = resolve(doc, schema);
        if (value == null || value.isNull() || schema.isMissingNode()) return;
        if (value.isObject() && schema.has("properties")) {
            Set<String> documented = new java.util.TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(documented::add);
            Set<String> sent = new java.util.TreeSet<>();
            value.fieldNames().forEachRemaining(sent::add);
            if (!documented.equals(sent)) problems.add(where + ": documented " + documented + ", sent " + sent);
            for (String k : sent) compare(doc, schema.path("properties").path(k), value.get(k), where + "." + k, problems);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < Math.min(3, value.size()); i++) compare(doc, schema.get("items"), value.get(i), where + "[" + i + "]", problems);
        }
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        while (schema.has("$ref")) schema = doc.at(schema.get("$ref").asText().substring(1));
        if (schema.has("allOf") && schema.get("allOf").size() == 1) return resolve(doc, schema.get("allOf").get(0));
        return schema;
    }

    @Test
    @Order(9)
    void swaggerTryItOutSendsTheToken() throws Exception {
        driver.get(base + "q/swagger-ui/");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".auth-container input")));
        token.sendKeys(ClarionProcess.ANALYST);
        driver.findElement(By.cssSelector(".auth-btn-wrapper button.authorize")).click();
        driver.findElement(By.cssSelector(".auth-btn-wrapper button.btn-done")).click();
        WebElement me = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".opblock-summary-path[data-path='/api/v1/me']")));
        me.click();
        WebElement block = me.findElement(By.xpath("./ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' opblock ')][1]"));
        wait.until(d -> !block.findElements(By.cssSelector("button.try-out__btn")).isEmpty());
        block.findElement(By.cssSelector("button.try-out__btn")).click();
        wait.until(ExpectedConditions.elementToBeClickable(block.findElement(By.cssSelector("button.execute")))).click();
        By status = By.cssSelector(".live-responses-table tr.response .response-col_status");
        wait.until(d -> !block.findElements(status).isEmpty());
        assertEquals("200", block.findElement(status).getText().trim(), block.getText());
        assertTrue(block.getText().contains("ana.analyst"), block.getText());
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", block.findElement(status));
        shot("15-swagger-try-it-out", "Swagger UI: authorized with a token, GET /api/v1/me tried out and answered 200");
    }

    /**
     * The table shows the cells the API formatted (the same strings as its formatted_rows, not a
     * formatting of the page's own), while the order follows the raw numbers.
     */
    private static void formattedAndSortedOnRawValues(WebElement answer, String question) throws Exception {
        JsonNode result = JSON.readTree(app.postAs(ClarionProcess.ANALYST, "/api/v1/chat",
                JSON.writeValueAsString(Map.of("message", question))).body()).path("results").get(0);
        int col = -1;
        for (int i = 0; i < result.path("columns").size(); i++) {
            if (result.path("columns").get(i).path("name").asText().endsWith("revenue")) col = i;
        }
        assertTrue(col >= 0, result.toString());
        List<String> expected = new java.util.ArrayList<>();
        for (JsonNode row : result.path("formatted_rows")) expected.add(row.get(col).asText());
        assertTrue(expected.stream().allMatch(v -> v.startsWith("$")), "revenue is a currency: " + expected);
        List<String> shown = new java.util.ArrayList<>();
        List<Double> raw = new java.util.ArrayList<>();
        for (WebElement row : answer.findElements(By.cssSelector("tbody tr"))) {
            WebElement cell = row.findElements(By.tagName("td")).get(col);
            shown.add(cell.getText());
            raw.add(Double.parseDouble(cell.getAttribute("data-value")));
        }
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(shown), "the cells read as the API formatted them");
        // Ascending by the raw value (the last click): each number at least the one above it.
        for (int i = 1; i < raw.size(); i++) assertTrue(raw.get(i - 1) <= raw.get(i), "sorted on raw values: " + raw + " shown " + shown);
    }

    /** The chart chosen from the shape can be switched: a breakdown to a line and back to bars, or to the table alone. */
    private static void chartSwitches(WebElement answer) {
        Select kind = new Select(answer.findElement(By.cssSelector("select.chart-kind")));
        kind.selectByValue("line");
        wait.until(d -> "line".equals(answer.findElement(By.cssSelector(".chart")).getAttribute("data-chart")));
        assertTrue(answer.findElements(By.cssSelector(".chart circle.dot")).size() >= 3, "one point per segment");
        kind.selectByValue("table");
        wait.until(d -> answer.findElements(By.cssSelector(".chart")).isEmpty());
        kind.selectByValue("bar");
        wait.until(d -> !answer.findElements(By.cssSelector(".chart[data-chart='bar'] rect.bar")).isEmpty());
    }

    /** "Download CSV" saves the raw rows (numbers as numbers, no currency signs) under the members' names. */
    private static void csvHoldsTheRawRows(WebElement answer, String question) throws Exception {
        Path file = DOWNLOADS.resolve("clarion-answer-" + answer.getAttribute("data-turn") + "-1.csv");
        Files.deleteIfExists(file);
        answer.findElement(By.cssSelector("button.csv")).click();
        wait.until(d -> Files.isRegularFile(file) && file.toFile().length() > 0);
        List<String> lines = Files.readAllLines(file);
        JsonNode result = JSON.readTree(app.postAs(ClarionProcess.ANALYST, "/api/v1/chat",
                JSON.writeValueAsString(Map.of("message", question))).body()).path("results").get(0);
        List<String> header = new java.util.ArrayList<>();
        result.path("columns").forEach(c -> header.add(c.path("name").asText()));
        assertEquals(String.join(",", header), lines.get(0));
        assertEquals(result.path("rows").size() + 1, lines.size(), String.join("\n", lines));
        Set<String> sent = new HashSet<>();
        for (JsonNode row : result.path("rows")) {
            List<String> cells = new java.util.ArrayList<>();
            row.forEach(v -> cells.add(v.isNull() ? "" : v.isNumber() ? plain(v.decimalValue()) : v.asText()));
            sent.add(String.join(",", cells));
        }
        Set<String> saved = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = new java.util.ArrayList<>();
            for (String c : line.split(",", -1)) cells.add(c.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?") ? plain(new java.math.BigDecimal(c)) : c);
            saved.add(String.join(",", cells));
        }
        assertEquals(sent, saved, "the CSV holds the API's raw rows");
        assertFalse(String.join("\n", lines).contains("$"), "no formatting in the CSV");
    }

    private static String plain(java.math.BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    @Test
    @Order(10)
    void signInThroughTheCompanysIdentityProvider() throws Exception {
        signOut();
        idp.signsInAs(base, Map.of("sub", "u-7", "preferred_username", "ines@acme", "groups", List.of("analyst")));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("oidc-sign-in"))).click();
        // To the provider and back with a code; the app trades it for the provider's token and signs in with it.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("question")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who-name"), "ines@acme"));
        assertTrue(driver.findElement(By.id("who-name")).getText().contains("analyst"), driver.findElement(By.id("who-name")).getText());
        assertFalse(driver.getCurrentUrl().contains("code="), "the code leaves the address bar: " + driver.getCurrentUrl());
        WebElement answer = ask("How many active customers do we have?", 1);
        assertChart(answer, "number");
        shot("16-signed-in-through-the-provider", "Ask after signing in through the company's identity provider (an analyst's JWT): the first answer");

        // PKCE as the provider checks it: the verifier sent for the token hashes to the challenge sent at sign-in.
        var authorize = idp.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/realms/acme/auth")));
        var token = idp.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/realms/acme/token")));
        assertEquals(1, authorize.size());
        assertEquals(1, token.size());
        var auth = authorize.get(0);
        assertEquals("clarion-web", auth.queryParameter("client_id").firstValue());
        assertEquals("S256", auth.queryParameter("code_challenge_method").firstValue());
        assertEquals(base, auth.queryParameter("redirect_uri").firstValue());
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : token.get(0).getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals(IdentityProvider.CODE, form.get("code"));
        String challenge = IdentityProvider.b64(java.security.MessageDigest.getInstance("SHA-256")
                .digest(form.get("code_verifier").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(auth.queryParameter("code_challenge").firstValue(), challenge);

        // A provider that refuses: the page says so in the provider's words, and nobody is signed in.
        signOut();
        driver.get(base + "?error=access_denied&error_description=The+user+is+not+assigned+to+this+application&state=x");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main .error")));
        assertTrue(error.getText().contains("The user is not assigned to this application"), error.getText());
        assertFalse(driver.findElement(By.id("nav")).isDisplayed());
    }

    @Test
    @Order(11)
    void aClarifyingQuestionIsButtonsAndTheChosenOneIsAnswered() throws Exception {
        signInAfresh("demo-executive-token");
        // The chat call waits at a gate the test opens, so the progress is seen for certain, however fast the server.
        gateTheNextChatCall();
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
        input.sendKeys("How is retention holding up in each region?");
        input.sendKeys(Keys.ENTER); // Enter in the question box sends it
        By turn = By.cssSelector("article.turn[data-turn='1']");
        WebElement progress = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article.turn[data-turn='1'] .progress")));
        assertEquals("status", progress.getAttribute("role"), "screen readers hear the progress");
        assertTrue(progress.getText().contains("Working on it"), progress.getText());
        assertEquals("true", driver.findElement(turn).getAttribute("aria-busy"));
        assertFalse(driver.findElement(By.id("ask-button")).isEnabled(), "no second question while one is on its way");
        // The page stays usable while it waits: the question box takes the next question.
        input.sendKeys("next one");
        assertEquals("next one", input.getAttribute("value"));
        input.clear();
        js("window.clarionTestGate.open()");
        WebElement first = wait.until(d -> {
            WebElement t = d.findElement(turn);
            return t.findElements(By.cssSelector(".answer, .error")).isEmpty() ? null : t;
        });
        assertTrue(first.findElements(By.cssSelector(".progress")).isEmpty(), "the progress is gone once the answer is in");
        assertNull(first.getAttribute("aria-busy"), "the answer is no longer busy");
        assertTrue(driver.findElement(By.id("ask-button")).isEnabled());

        // Which retention: each candidate is a button in a group named by the question.
        WebElement group = first.findElement(By.cssSelector(".options[role='group']"));
        assertTrue(group.getAccessibleName().startsWith("Do you mean"), group.getAccessibleName());
        List<WebElement> options = group.findElements(By.tagName("button"));
        List<String> labels = options.stream().map(WebElement::getText).toList();
        assertTrue(labels.contains("gross_revenue_retention") && labels.contains("net_revenue_retention"), labels.toString());
        assertTrue(first.findElements(By.cssSelector(".chart, table")).isEmpty(), "no figures before the choice: " + first.getText());
        shot("17-ask-clarifying", "Ask as the executive: an ambiguous question answered with a clarifying question, one button per candidate metric");

        WebElement gross = options.get(labels.indexOf("gross_revenue_retention"));
        gross.click();
        WebElement chosen = answerOf(2);
        assertEquals("true", gross.getAttribute("aria-pressed"), "the chosen option stays marked");
        assertEquals("false", options.get(labels.indexOf("net_revenue_retention")).getAttribute("aria-pressed"));
        // The answer is the original question with the chosen metric: gross retention, still by region.
        String definitions = chosen.findElement(By.cssSelector(".definitions")).getText();
        assertTrue(definitions.contains("gross_revenue_retention") && !definitions.contains("net_revenue_retention"), definitions);
        String query = chosen.findElement(By.cssSelector("pre.query")).getAttribute("textContent");
        assertTrue(query.contains("gross_revenue_retention") && query.contains("customers.region"), query);
        assertChart(chosen, "bar");
        String assumptions = chosen.findElement(By.cssSelector(".assumptions")).getText();
        assertTrue(assumptions.contains("as you chose") && !assumptions.contains("\"retention\""), "the choice is said, its word not called unused: " + assumptions);
        shot("18-ask-clarified", "Ask as the executive: the clarifying question answered by a button, gross revenue retention by region as bars");
    }

    @Test
    @Order(12)
    void mainControlsWorkFromTheKeyboardAndHaveNames() throws Exception {
        signInAfresh("demo-analyst-token");
        // From the top of the page, Tab reaches the question box; its label names it.
        js("document.querySelector('a.skip').focus()"); // the page's first stop, as after loading it
        WebElement question = tabTo(By.id("question"), false);
        assertEquals("Your question", question.getAccessibleName());
        question.sendKeys("revenue by segment last quarter");
        WebElement send = tabTo(By.id("ask-button"), false);
        assertEquals("Ask", send.getAccessibleName());
        new Actions(driver).sendKeys(Keys.ENTER).perform(); // Enter on the focused button asks
        WebElement answer = answerOf(1);
        assertChart(answer, "bar");
        allControlsNamed();

        // The chart switch: reached by Tab, named by its label, switched with the keyboard.
        WebElement kind = tabTo(By.cssSelector("article.turn[data-turn='1'] select.chart-kind"), true);
        assertEquals("Show as", kind.getAccessibleName());
        arrowTo(kind, "line");
        wait.until(d -> "line".equals(answer.findElement(By.cssSelector(".chart")).getAttribute("data-chart")));
        arrowTo(kind, "bar");
        wait.until(d -> "bar".equals(answer.findElement(By.cssSelector(".chart")).getAttribute("data-chart")));

        // A sort header: reached by Tab from there, named by its column, Enter and Space sort.
        WebElement sortRevenue = tabTo(By.cssSelector("article.turn[data-turn='1'] th button[title='revenue']"), false);
        assertEquals("Revenue", sortRevenue.getAccessibleName());
        WebElement header = sortRevenue.findElement(By.xpath(".."));
        assertEquals("none", header.getAttribute("aria-sort"));
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        wait.until(d -> "descending".equals(header.getAttribute("aria-sort")));
        assertEquals("enterprise", answer.findElement(By.cssSelector("tbody tr td")).getText());
        new Actions(driver).sendKeys(Keys.SPACE).perform();
        wait.until(d -> "ascending".equals(header.getAttribute("aria-sort")));
        assertEquals("smb", answer.findElement(By.cssSelector("tbody tr td")).getText());
        assertEquals("Revenue", sortRevenue.getAccessibleName(), "the arrow shown is not read out as part of the name");
        shot("19-ask-keyboard", "Ask driven from the keyboard: asked with Enter, the chart switched by keys, revenue sorted with Enter and Space (arrow in the header)");

        // An owner's briefing: the verdict and follow-up selects are named, reached by Tab, and Enter saves.
        signInAfresh("demo-owner-token");
        driver.get(base + "#/briefings");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article.account")));
        allControlsNamed();
        List<WebElement> accounts = driver.findElements(By.cssSelector("article.account"));
        WebElement account = accounts.get(accounts.size() - 1);
        String customer = account.getAttribute("data-customer");
        String scope = "article.account[data-customer='" + customer + "'] ";
        WebElement link = account.findElement(By.cssSelector("h4 a"));
        js("arguments[0].focus()", link);
        WebElement verdict = tabTo(By.cssSelector(scope + "select[name='verdict']"), false);
        assertEquals("Verdict", verdict.getAccessibleName());
        assertTrue(account.findElement(By.tagName("form")).getAccessibleName().startsWith("Status of"),
                account.findElement(By.tagName("form")).getAccessibleName());
        verdict.sendKeys("a"); // "Already handled"
        assertEquals("handled", new Select(verdict).getFirstSelectedOption().getAttribute("value"));
        WebElement status = tabTo(By.cssSelector(scope + "select[name='status']"), false);
        assertEquals("Follow-up", status.getAccessibleName());
        status.sendKeys("i"); // "In progress"
        assertEquals("in_progress", new Select(status).getFirstSelectedOption().getAttribute("value"));
        WebElement note = tabTo(By.cssSelector(scope + "input[name='note']"), false);
        assertEquals("Note", note.getAccessibleName());
        note.sendKeys("called the sponsor");
        note.sendKeys(Keys.ENTER); // Enter in the form saves it
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(scope + "[role='status']"), "Saved"));
        driver.navigate().refresh();
        WebElement state = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(scope + ".feedback-state")));
        assertTrue(state.getText().contains("Already handled") && state.getText().contains("in progress")
                && state.getText().contains("called the sponsor"), state.getText());
        shot("20-briefing-keyboard", "Briefings as owner own_001: an account's verdict, follow-up and note set from the keyboard and saved with Enter");
    }

    /** Signs in with a token whether or not someone is signed in now. */
    private static void signInAfresh(String token) {
        driver.get(base);
        wait.until(d -> !d.findElements(By.cssSelector("[data-token]")).isEmpty() || d.findElement(By.id("sign-out")).isDisplayed());
        if (driver.findElement(By.id("sign-out")).isDisplayed()) signOut();
        signIn(token);
    }

    /**
     * Holds the page's next call to the chat API until the test opens the gate: what the page
     * shows while waiting is then there for as long as the test looks, with no timing involved.
     */
    private static void gateTheNextChatCall() {
        js("""
                const real = window.fetch;
                let open;
                const gate = new Promise(r => { open = r; });
                window.clarionTestGate = {open: () => open()};
                window.fetch = function (url, options) {
                  if (String(url).startsWith('/api/v1/chat')) {
                    window.fetch = real;
                    return gate.then(() => real.call(window, url, options));
                  }
                  return real.call(window, url, options);
                };""");
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Presses Tab (or Shift+Tab) until the element is focused, as someone without a mouse does;
     * fails if it is not reached, so a control only a mouse can use is caught.
     */
    private static WebElement tabTo(By target, boolean backwards) {
        WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(target));
        for (int i = 0; i < 80; i++) {
            if (element.equals(driver.switchTo().activeElement())) return element;
            new Actions(driver).sendKeys(backwards ? Keys.chord(Keys.SHIFT, Keys.TAB) : Keys.TAB).perform();
        }
        throw new AssertionError("not reachable with " + (backwards ? "Shift+Tab" : "Tab") + ": " + target
                + "; focus ended on " + driver.switchTo().activeElement().getAttribute("outerHTML"));
    }

    /** Moves a focused, closed select to an option with the arrow keys, as a keyboard user does. */
    private static void arrowTo(WebElement select, String value) {
        List<String> values = new Select(select).getOptions().stream().map(o -> o.getAttribute("value")).toList();
        int from = values.indexOf(select.getAttribute("value")), to = values.indexOf(value);
        assertTrue(to >= 0, value + " among " + values);
        for (int i = 0; i < Math.abs(to - from); i++) new Actions(driver).sendKeys(to > from ? Keys.ARROW_DOWN : Keys.ARROW_UP).perform();
        assertEquals(value, select.getAttribute("value"));
    }

    /** Every visible control in the page's main part has a name a screen reader can say. */
    private static void allControlsNamed() {
        List<String> unnamed = new java.util.ArrayList<>();
        for (WebElement c : driver.findElements(By.cssSelector("main input, main select, main textarea, main button, main summary, main [tabindex='0']"))) {
            if (c.isDisplayed() && c.getAccessibleName().isBlank()) unnamed.add(c.getAttribute("outerHTML"));
        }
        assertTrue(unnamed.isEmpty(), "controls without a name: " + unnamed);
    }

    /** The n-th answer of the conversation once it is in (an error fails the test). */
    private static WebElement answerOf(int n) {
        By turn = By.cssSelector("article.turn[data-turn='" + n + "']");
        wait.until(d -> !d.findElements(turn).isEmpty() && !d.findElement(turn).findElements(By.cssSelector(".answer, .error")).isEmpty());
        WebElement answer = driver.findElement(turn);
        assertTrue(answer.findElements(By.cssSelector(".error")).isEmpty(), answer.getText());
        return answer;
    }

    private static void signIn(String token) {
        driver.get(base);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-token='" + token + "']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("question")));
    }

    private static void signOut() {
        driver.get(base);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    }

    /** Asks on the Ask page and returns the n-th answer of the conversation once it is there. */
    private static WebElement ask(String question, int n) {
        if (driver.findElements(By.id("question")).isEmpty()) {
            driver.get(base + "#/ask");
        }
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
        input.clear();
        input.sendKeys(question);
        driver.findElement(By.id("ask-button")).click();
        By turn = By.cssSelector("article.turn[data-turn='" + n + "']");
        wait.until(d -> !d.findElements(turn).isEmpty() && !d.findElement(turn).findElements(By.cssSelector(".answer, .error")).isEmpty());
        WebElement answer = driver.findElement(turn);
        assertTrue(answer.findElements(By.cssSelector(".error")).isEmpty(), answer.getText());
        return answer;
    }

    private static void assertChart(WebElement answer, String kind) {
        List<WebElement> charts = answer.findElements(By.cssSelector(".chart"));
        assertFalse(charts.isEmpty(), "a chart: " + answer.getText());
        assertEquals(kind, charts.get(0).getAttribute("data-chart"), answer.getText());
    }

    private static Set<String> ownersCustomers(String owner) throws Exception {
        var r = app.post("/api/v1/query", """
                {"dimensions": ["customers.customer_id"], "filters": [{"dimension": "customers.owner_id", "operator": "equals", "value": "%s"}],
                 "limit": 5000}""".formatted(owner));
        assertEquals(200, r.statusCode(), r.body());
        Set<String> ids = new HashSet<>();
        for (JsonNode row : JSON.readTree(r.body()).path("rows")) ids.add(row.get(0).asText());
        assertFalse(ids.isEmpty());
        return ids;
    }

    /**
     * The whole page, not just the window (long answers and tables run below it), and a line in
     * index.md saying what a reviewer sees on it.
     */
    private static void shot(String name, String shows) throws Exception {
        var size = (Map<?, ?>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return {w: document.documentElement.scrollWidth, h: Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)}");
        long w = ((Number) size.get("w")).longValue(), h = Math.min(((Number) size.get("h")).longValue(), 8000);
        byte[] png;
        try {
            var r = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
            png = java.util.Base64.getDecoder().decode((String) r.get("data"));
        } catch (org.openqa.selenium.WebDriverException e) {
            png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        }
        Files.write(SHOTS.resolve(name + ".png"), png);
        Files.writeString(SHOTS.resolve("index.md"), "- `" + name + ".png`: " + shows + "\n", java.nio.file.StandardOpenOption.APPEND);
    }
}
