package io.leadscore.app.web.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.app.web.Browser;
import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.RequiresBrowser;
import io.leadscore.app.web.TestUsers;
import io.leadscore.batch.liveevents.LiveEvents;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Queue page in a real headless Chromium, as a sales rep works it (on MQLs it makes for itself through the live
 * event flow, removed afterwards): the open MQLs soonest due first with their
 * reasons and time left (red once overdue), one accepted (it becomes a SAL and leaves the queue), one rejected with
 * a reason of the funnel report and one in the rep's own words (both back to nurture with that reason).
 */
@ConsoleTest
@RequiresBrowser
class QueueBrowserTest {
    private static Browser browser;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LiveEvents live;

    @AfterEach
    void removeFreshMqls() {
        FreshMqls.remove(jdbc, "QB");
    }

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

    private List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#queue tbody tr"));
    }

    private WebElement row(String leadId) {
        return browser.find("#queue tr[data-lead='" + leadId + "']");
    }

    /** The notice once it says {@code expected}: a click's answer replaces the page, old notice and all. */
    private String notice(String expected) {
        return browser.waitFor(d -> {
            String text = d.findElement(By.cssSelector("#notice")).getText();
            return text.contains(expected) ? text : null;
        });
    }

    private String stage(String leadId) {
        return jdbc.queryForObject("SELECT stage FROM lead WHERE lead_key = ?", String.class, leadId);
    }

    @Test
    void aRepAcceptsAndRejectsMqlsFromTheQueue() {
        List<String> fresh = FreshMqls.create(live, "QB", 5);
        browser.signIn(TestUsers.SALES, TestUsers.SALES_PASSWORD);
        browser.open("/");
        assertThat(browser.driver().findElements(By.cssSelector(".tile"))).extracting(WebElement::getText)
                .map(t -> t.lines().findFirst().orElse("")).containsExactly("Queue", "Policy");
        browser.open("/queue");
        List<WebElement> rows = rows();
        assertThat(rows).extracting(r -> r.getDomAttribute("data-lead")).containsAll(fresh);
        // soonest due first, each with why it qualified; overdue ones in red
        List<Instant> due = rows.stream().map(r -> Instant.parse(r.findElement(By.cssSelector(".time-left"))
                .getDomAttribute("data-due"))).toList();
        assertThat(due).isSortedAccordingTo(Instant::compareTo);
        for (WebElement row : rows) {
            WebElement left = row.findElement(By.cssSelector(".time-left"));
            assertThat(left.getText().startsWith("overdue by")).isEqualTo(left.getDomAttribute("class").contains("overdue"));
            assertThat(row.findElements(By.cssSelector(".reasons li"))).isNotEmpty();
        }
        if (!browser.driver().findElements(By.cssSelector("#queue .overdue")).isEmpty()) {
            assertThat(browser.find("#queue .overdue").getCssValue("color")).isEqualTo("rgba(179, 38, 30, 1)");
        }
        assertThat(browser.find("#queue .time-left:not(.overdue)").getCssValue("color"))
                .isNotEqualTo("rgba(179, 38, 30, 1)");
        browser.screenshot("queue");

        String first = fresh.get(0);
        row(first).findElement(By.cssSelector("button.accept")).click();
        assertThat(browser.find("#notice").getText()).isEqualTo("Lead " + first + " accepted: now SAL.");
        assertThat(stage(first)).isEqualTo("SAL");
        assertThat(rows()).noneMatch(r -> first.equals(r.getDomAttribute("data-lead")));

        String second = fresh.get(1);
        WebElement next = row(second);
        new Select(next.findElement(By.name("reason"))).selectByValue("no_budget");
        next.findElement(By.cssSelector("button.reject")).click();
        // the page before the answer shows a notice too: wait for the new one, not the old one still on screen
        assertThat(notice("rejected")).isEqualTo("Lead " + second + " rejected (no_budget): now NURTURE.");
        assertThat(stage(second)).isEqualTo("NURTURE");

        String thirdId = fresh.get(2);
        WebElement third = row(thirdId);
        third.findElement(By.name("other")).sendKeys("wants a partner, not us");
        third.findElement(By.cssSelector("button.reject")).click();
        assertThat(notice("wants a partner")).contains("rejected (wants a partner, not us)");
        assertThat(jdbc.queryForObject("SELECT reason FROM followup f JOIN lead l ON l.id = f.lead_id"
                + " WHERE l.lead_key = ? AND f.rep = ?", String.class, thirdId, TestUsers.SALES))
                .isEqualTo("wants a partner, not us");

        // a rejection without a reason is not recorded
        String fourthId = fresh.get(3);
        WebElement fourth = row(fourthId);
        fourth.findElement(By.cssSelector("button.reject")).click();
        assertThat(browser.find("#problem").getText()).contains("say why");
        assertThat(stage(fourthId)).isEqualTo("MQL");
    }
}
