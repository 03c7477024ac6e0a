package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Seniority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.leadscore.scoring.domain.ActivityType.DEMO_REQUEST;
import static io.leadscore.scoring.domain.ActivityType.EMAIL_OPEN;
import static io.leadscore.scoring.domain.ActivityType.PAGE_VIEW;
import static io.leadscore.scoring.domain.ActivityType.PRICING_VIEW;
import static io.leadscore.scoring.features.LeadFixture.activity;
import static io.leadscore.scoring.features.LeadFixture.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeaturePhrasesTest {

    @Test
    void writesCountsAsTheFormatterDoes() {
        long[] edges = {0, 1, -1, 999, -999, 1000, -1000, 9_999, 12_345, 100_000, 999_999, 1_000_000, -1_234_567,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long n : edges) {
            assertThat(FeaturePhrases.count(n)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", n));
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int k = 0; k < 10_000; k++) {
            long n = random.nextLong() >> random.nextInt(64);
            assertThat(FeaturePhrases.count(n)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", n));
        }
    }

    private static final Instant T = Instant.parse("2026-03-15T00:00:00Z");
    private static final Instant CREATED = T.minus(Duration.ofDays(60));
    private static final FeatureSpace SPACE = FeatureSpace.learn(List.of(
            lead("a", CREATED).industry("Software").seniority(Seniority.VP).source("webinar").country("DE")
                    .employees(10).annualRevenue(2e6).email("a@acme.com").custom("budget_band", "high").custom("seats", "12").build(),
            lead("b", CREATED).industry("retail").seniority(Seniority.C_LEVEL).source("referral").country("US")
                    .employees(5000).annualRevenue(9e7).email("b@gmail.com").custom("budget_band", "low").custom("seats", "40").build()),
            FeatureConfig.builder().minLevelCount(1).build());
    private final FeaturePhrases phrases = new FeaturePhrases();

    private String phrase(String source, Lead lead, Activity... activities) {
        double[] x = SPACE.extractor().extract(lead, List.of(activities), T);
        return phrases.phrase(source, SPACE.schema(), x);
    }

    private static Activity daysAgo(ActivityType type, double days) {
        return activity("x", type, T.minusMillis(Math.round(days * 86_400_000L)));
    }

    @Test
    void describesWhoTheLeadIs() {
        Lead lead = lead("x", CREATED).industry(" software").seniority(Seniority.VP).source("webinar").country("DE")
                .employees(1200).annualRevenue(5_000_000).email("x@acme.com").custom("budget_band", "High").custom("seats", "12.5").build();

        assertThat(phrase("industry", lead)).isEqualTo("industry: software");
        assertThat(phrase("seniority", lead)).isEqualTo("VP seniority");
        assertThat(phrase("source", lead)).isEqualTo("source: webinar");
        assertThat(phrase("country", lead)).isEqualTo("country: DE");
        assertThat(phrase("employees", lead)).isEqualTo("company of 1,200 employees");
        assertThat(phrase("annual_revenue", lead)).isEqualTo("annual revenue of 5,000,000");
        assertThat(phrase("email_domain", lead)).isEqualTo("company email address");
        assertThat(phrase("custom:budget_band", lead)).isEqualTo("budget_band: high");
        assertThat(phrase("custom:seats", lead)).isEqualTo("seats: 12.5");
    }

    @Test
    void saysWhenAFieldIsMissingOrUncommon() {
        Lead lead = lead("x", CREATED).industry("Mining").seniority(Seniority.C_LEVEL).email("x@GMAIL.com").build();

        assertThat(phrase("industry", lead)).isEqualTo("less common industry");
        assertThat(phrase("seniority", lead)).isEqualTo("C-level seniority");
        assertThat(phrase("source", lead)).isEqualTo("source not given");
        assertThat(phrase("employees", lead)).isEqualTo("company size not given");
        assertThat(phrase("custom:seats", lead)).isEqualTo("seats not given");
        assertThat(phrase("email_domain", lead)).isEqualTo("free-mail address");
        assertThat(phrase("email_domain", lead("y", CREATED).build())).isEqualTo("no email address");
    }

    @Test
    void describesWhatTheLeadDidInTheTermsOfEachFeature() {
        Lead lead = lead("x", CREATED).build();
        List<Activity> events = new ArrayList<>(List.of(
                daysAgo(PRICING_VIEW, 1), daysAgo(PRICING_VIEW, 2), daysAgo(PRICING_VIEW, 6.5),
                daysAgo(DEMO_REQUEST, 3), daysAgo(PAGE_VIEW, 20), daysAgo(PAGE_VIEW, 45)));
        for (int i = 0; i < 3; i++) {
            events.add(daysAgo(EMAIL_OPEN, 0.1));
        }
        Activity[] all = events.toArray(Activity[]::new);

        // windowed: an exact count; decayed only: "about". Active days: Mar 14 (pricing at 00:00, email opens),
        // Mar 13, Mar 12, Mar 8 and Feb 23; the page view 45 days ago is outside the 30.
        assertThat(phrase("pricing_view", lead, all)).isEqualTo("3 pricing-page views in the last 7 days");
        assertThat(phrase("email_open", lead, all)).isEqualTo("about 3 recent email opens");
        assertThat(phrase("page_view", lead, all)).isEqualTo("no page views in the last 7 days, 2 before");
        assertThat(phrase("demo_request", lead, all)).isEqualTo("requested a demo");
        assertThat(phrase("trial_signup", lead, all)).isEqualTo("no trial signup");
        assertThat(phrase("active_days", lead, all)).isEqualTo("active on 5 of the last 30 days");
        assertThat(phrase("last_activity", lead, all)).isEqualTo("last activity in the last 24 hours");
        assertThat(phrase("lead_age", lead, all)).isEqualTo("lead 60 days old");
    }

    @Test
    void describesSilence() {
        Lead lead = lead("x", CREATED).build();

        // the value, not a verdict: whether a long silence raised or lowered the score is its contribution's sign
        assertThat(phrase("last_activity", lead, daysAgo(PAGE_VIEW, 180))).isEqualTo("last activity 180 days ago");
        assertThat(phrase("last_activity", lead, daysAgo(PAGE_VIEW, 3.5))).isEqualTo("last activity 3 days ago");
        assertThat(phrase("last_activity", lead)).isEqualTo("no activity since it arrived 60 days ago");
        assertThat(phrase("active_days", lead)).isEqualTo("no active days in the last 30");
        assertThat(phrase("email_click", lead, daysAgo(ActivityType.EMAIL_CLICK, 1))).isEqualTo("1 email click in the last 7 days");
        assertThat(phrase("form_submit", lead, daysAgo(ActivityType.FORM_SUBMIT, 200))).isEqualTo("no recent form submissions, 1 before");
        assertThat(phrase("form_submit", lead)).isEqualTo("no form submissions");
        // a decayed count below one whole event is what is left of older ones, not "about 1 recent"
        Activity[] olderOpens = {activity("x", EMAIL_OPEN, T.minus(java.time.Duration.ofDays(45))),
            activity("x", EMAIL_OPEN, T.minus(java.time.Duration.ofDays(55)))};
        assertThat(phrase("email_open", lead, olderOpens)).isEqualTo("no recent email opens, 2 before");
        assertThat(phrase("email_open", lead, olderOpens[0])).isEqualTo("no recent email opens, 1 before");
        Activity[] lifetime = {activity("x", PAGE_VIEW, T.minus(java.time.Duration.ofDays(50))),
            activity("x", PAGE_VIEW, T.minus(java.time.Duration.ofDays(40))), activity("x", PAGE_VIEW, T.minus(java.time.Duration.ofDays(2)))};
        assertThat(phrase("page_view", lead, lifetime)).isEqualTo("1 page view in the last 7 days, 3 in all");
        assertThat(phrase("page_view", lead, lifetime[0], lifetime[1])).isEqualTo("no page views in the last 7 days, 2 before");
    }

    @Test
    void refusesASourceTheSchemaDoesNotHave() {
        double[] x = SPACE.extractor().extract(lead("x", CREATED).build(), List.of(), T);

        assertThatThrownBy(() -> phrases.phrase("custom:nothing", SPACE.schema(), x))
                .hasMessageContaining("No feature of source custom:nothing");
        assertThatThrownBy(() -> phrases.phrase("industry", SPACE.schema(), new double[2]))
                .hasMessageContaining("Invalid input vector size: 2");
    }
}
