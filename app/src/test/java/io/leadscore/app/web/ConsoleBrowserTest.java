package io.leadscore.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.rescoring.RescoreReport;
import io.leadscore.batch.store.JobHistory;
import io.leadscore.batch.store.JobLock;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console in a real headless Chromium, as its users work with it:
 * leadership moves the threshold and watches the chance of hitting quota and
 * the revenue chart change; the data team opens a model, promotes it after
 * confirming, and rolls it back; ops restart a failed run and see a start
 * refused while another run holds the job; nobody reaches a page outside their
 * role. The documentation's screenshots come from these runs.
 */
@ConsoleTest
@RequiresBrowser
class ConsoleBrowserTest {
    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    SeededStore.Seed seed;

    @Autowired
    ModelRegistry registry;

    @Autowired
    JobHistory history;

    @Autowired
    JobLock jobLock;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startBrowser(@LocalServerPort int port) {
        browser = new Browser(port);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String text(String css) {
        return browser.find(css).getText();
    }

    @Test
    void signsInAndSeesOnlyThePartsOfTheirRole() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/whatif");
        assertThat(browser.path()).isEqualTo("/login");
        browser.screenshot("login");

        browser.submitSignIn(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD);

        // back where they were going
        assertThat(browser.path()).startsWith("/whatif");
        browser.open("/");
        assertThat(text("#viewer-name")).isEqualTo(TestUsers.LEADERSHIP);
        assertThat(browser.driver().findElements(By.cssSelector(".tile")).stream().map(WebElement::getText)
                .map(t -> t.lines().findFirst().orElse(""))).containsExactly("What-if", "Funnel", "Policy");
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/");
        assertThat(browser.driver().findElements(By.cssSelector(".tile"))).hasSize(7);
        browser.screenshot("home");
    }

    @Test
    void leadershipMovesTheThresholdAndSeesTheChanceAndTheChartChange() {
        browser.signIn(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD);
        browser.open("/whatif");
        browser.awaitCharts();
        WebElement calibrate = browser.find("#calibrate");
        assertThat(calibrate.isSelected()).as("calibrated from the store, which has a champion").isTrue();
        // the store's leads were handed off: no note that its levers are idle
        assertThat(browser.driver().findElements(org.openqa.selenium.By.id("no-handoff"))).isEmpty();
        // the built-in calibration, where the threshold plainly matters, and its illustrative quota
        calibrate.click();
        WebElement quota = browser.find("#quota");
        quota.clear();
        quota.sendKeys("25000");
        browser.script("const leads = document.getElementById('leads'); leads.value = 500;"
                + " leads.dispatchEvent(new Event('input'));");
        assertThat(text("#leads-value")).isEqualTo("500");
        String settled = settle();
        String chance = text("#p-attain");
        Object histogram = histogram();
        assertThat(chance).endsWith("%");

        WebElement threshold = browser.find("#threshold");
        for (int i = 0; i < 15; i++) {
            threshold.sendKeys(Keys.ARROW_RIGHT);
        }

        assertThat(text("#threshold-value")).isEqualTo("0.25");
        String moved = browser.waitFor(d -> {
            String revision = browser.find("#p-attain").getDomAttribute("data-revision");
            return Objects.equals(revision, settled) ? null : settle();
        });
        assertThat(moved).isNotEqualTo(settled);
        assertThat(text("#p-attain")).isNotEqualTo(chance);
        assertThat(histogram()).isNotEqualTo(histogram);
        System.out.println("What-if answered a threshold change in " + browser.find("#status").getDomAttribute("data-millis")
                + " ms (browser round trip, 2,000 trials)");

        browser.find("#plan-button").click();
        browser.waitFor(d -> text("#plan-status").startsWith("Leads per week"));
        browser.awaitCharts();
        browser.screenshot("whatif");
    }

    /** Waits until the answer for the current inputs is on the page (no request pending), and returns its revision. */
    private String settle() {
        return browser.waitFor(d -> {
            String before = browser.find("#p-attain").getDomAttribute("data-revision");
            String status = text("#status");
            if (before == null || !status.startsWith("Answered")) {
                return null;
            }
            // the inputs' debounce has passed when two reads agree across a round trip to the browser
            browser.script("return null");
            String after = browser.find("#p-attain").getDomAttribute("data-revision");
            return before.equals(after) && text("#status").startsWith("Answered") ? after : null;
        });
    }

    private Object histogram() {
        return browser.script("return JSON.stringify(echarts.getInstanceByDom(document.getElementById('chart-revenue'))"
                + ".getOption().series[0].data)");
    }

    @Test
    void theDataTeamOpensAModelPromotesItAfterConfirmingAndRollsItBack() {
        String champion = registry.champion().map(ModelRecord::version).orElseThrow();
        String challenger = champion.equals(SeededStore.CHAMPION) ? SeededStore.CHALLENGER : SeededStore.CHAMPION;
        browser.signIn(TestUsers.DATA, TestUsers.DATA_PASSWORD);
        browser.open("/models");
        browser.awaitCharts();
        browser.screenshot("models");

        browser.find("tr[data-version='" + challenger + "'] a").click();
        assertThat(text("#model-version")).isEqualTo(challenger);
        browser.awaitCharts();
        browser.screenshot("model");
        browser.find("#promote").click();
        assertThat(browser.path()).isEqualTo("/models/" + challenger + "/promote");
        browser.find("#reason").sendKeys("better calibrated on the recent window");
        browser.find("#confirm-promote").click();

        assertThat(text("#notice")).startsWith(challenger + " is the champion now");
        assertThat(text("#model-status")).isEqualTo("champion");
        assertThat(registry.champion().map(ModelRecord::version)).contains(challenger);
        assertThat(registry.decisions(challenger).get(registry.decisions(challenger).size() - 1).reason())
                .isEqualTo("better calibrated on the recent window");

        browser.open("/models");
        browser.find("#rollback").click();
        browser.find("#confirm-rollback").click();
        assertThat(text("#notice")).isEqualTo("Rolled back: " + champion + " is the champion again.");
        assertThat(registry.champion().map(ModelRecord::version)).contains(champion);
    }

    @Test
    void opsRestartAFailedRunAndSeeAStartRefusedWhileAnotherRunHoldsTheJob() {
        RescoreReport failed = seed.failedRescoring();
        browser.signIn(TestUsers.OPS, TestUsers.OPS_PASSWORD);
        browser.open("/jobs");
        WebElement row = browser.find("tr[data-execution='" + failed.executionId() + "']");
        assertThat(row.getDomAttribute("data-status")).isEqualTo("FAILED");

        browser.find("#restart-" + failed.executionId()).click();

        assertThat(text("#notice")).startsWith("Restarting the rescoring");
        // the page follows the run, reloading itself until it ends
        browser.waitFor(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#runs tbody tr"));
            return !rows.isEmpty() && "COMPLETED".equals(rows.get(0).getDomAttribute("data-status"))
                    && d.findElements(By.cssSelector("#launches .pill.running")).isEmpty();
        });
        JobHistory.Run latest = history.recent("rescoreJob", 1).get(0);
        assertThat(latest.runId()).isEqualTo(failed.runId());
        assertThat(latest.status()).isEqualTo("COMPLETED");
        assertThat(text("#launches tbody tr:first-child")).contains("restart of the rescoring").contains("completed");
        browser.awaitCharts();
        browser.screenshot("jobs");

        try (JobLock.Held another = jobLock.acquire("slaCheckJob")) {
            browser.find("#start-sla-check").click();
            assertThat(text("#problem")).startsWith("Refused: an SLA check run is in progress in another process");
            browser.screenshot("jobs-refused");
        }
    }

    @Test
    void nobodyReachesAPageOutsideTheirRole() {
        browser.signIn(TestUsers.OPS, TestUsers.OPS_PASSWORD);
        browser.open("/models");
        assertThat(text("#forbidden")).startsWith("Your roles do not open this page");
        assertThat(text("h1")).isEqualTo("403 Forbidden");
        browser.open("/whatif");
        assertThat(text("#forbidden")).isNotBlank();

        browser.signIn(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD);
        browser.open("/jobs");
        assertThat(text("h1")).isEqualTo("403 Forbidden");
        browser.screenshot("forbidden");
    }

    @Test
    void theDataTeamFindsALeadAndSeesItsHistoryAndReasons() {
        String key = jdbc.queryForObject("SELECT l.lead_key FROM lead l JOIN stage_transition t ON t.lead_id = l.id"
                + " WHERE t.to_stage = 'MQL' AND t.actor LIKE 'rescore%' ORDER BY l.id DESC FETCH FIRST 1 ROWS ONLY", String.class);
        browser.signIn(TestUsers.DATA, TestUsers.DATA_PASSWORD);
        browser.open("/leads");
        browser.find("#q").sendKeys(key, Keys.ENTER);
        browser.find("#leads a").click();

        assertThat(text("#lead-id")).isEqualTo(key);
        assertThat(text("#email")).contains("@");
        // the rule that made it an MQL (threshold or fast-track signal) with its score, as recorded then
        assertThat(text("#mql-reasons")).containsPattern("score 0\\.\\d{3}");
        assertThat(browser.driver().findElements(By.cssSelector("#live-reasons li"))).isNotEmpty();
        browser.awaitCharts();
        browser.screenshot("lead");
        browser.open("/leads");
        browser.awaitCharts();
        browser.screenshot("leads");
    }

    @Test
    void leadershipReadsTheFunnelAndAnAdminThePolicy() {
        browser.signIn(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD);
        browser.open("/funnel");
        assertThat(text("#report-run")).isNotBlank();
        assertThat(text("#attainment")).endsWith("%");
        browser.awaitCharts();
        browser.screenshot("funnel");

        // a tooltip built from stored text (a reason a rep typed) shows the text, never runs it
        Object tooltip = browser.script("const chart = echarts.getInstanceByDom(document.getElementById('chart-rejections'));"
                + " LS.chart('chart-rejections', { tooltip: { formatter: () => '<img src=x onerror=\"window.ran=1\">a<br>b' },"
                + " xAxis: { type: 'value' }, yAxis: { type: 'category', data: ['x'] }, series: [{ type: 'bar', data: [1] }] });"
                + " return chart.getOption().tooltip[0].formatter({});");
        assertThat(tooltip).isEqualTo("&lt;img src=x onerror=&quot;window.ran=1&quot;&gt;a<br>b");

        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/policy");
        assertThat(browser.driver().findElements(By.id("policy-form"))).hasSize(1);
        browser.awaitCharts();
        browser.screenshot("policy");
        browser.signIn(TestUsers.DATA, TestUsers.DATA_PASSWORD);
        browser.open("/policy");
        assertThat(browser.driver().findElements(By.id("policy-form"))).isEmpty();
    }
}
