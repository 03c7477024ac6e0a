package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Seniority;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.scoring.domain.ActivityType.DEMO_REQUEST;
import static io.leadscore.scoring.domain.ActivityType.EMAIL_OPEN;
import static io.leadscore.scoring.domain.ActivityType.PAGE_VIEW;
import static io.leadscore.scoring.domain.ActivityType.PRICING_VIEW;
import static io.leadscore.scoring.features.LeadFixture.activity;
import static io.leadscore.scoring.features.LeadFixture.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureExtractorTest {
    private static final Instant T = Instant.parse("2026-03-15T00:00:00Z");
    private static final Instant CREATED = T.minus(Duration.ofDays(40));

    /** A space learned from two leads per level, so every level below is kept. */
    private static final FeatureSpace SPACE = FeatureSpace.learn(List.of(
            lead("t1", CREATED).industry("Software").employees(99).annualRevenue(1e6).seniority(Seniority.VP)
                    .country("DE").email("a@acme.com").custom("budget_band", "high").custom("score", "10").build(),
            lead("t2", CREATED).industry("software").employees(999).annualRevenue(3e6).seniority(Seniority.VP)
                    .country("DE").email("b@gmail.com").custom("Budget_Band", "HIGH").custom("score", "30").build()),
            FeatureConfig.builder().minLevelCount(2).build());
    private static final FeatureExtractor EXTRACTOR = SPACE.extractor();
    private static final FeatureSchema SCHEMA = SPACE.schema();

    private static double value(double[] x, String feature) {
        return x[SCHEMA.require(feature)];
    }

    private static double[] extract(Lead lead, Activity... activities) {
        return EXTRACTOR.extract(lead, List.of(activities), T);
    }

    private static Instant daysBefore(double days) {
        return T.minusMillis(Math.round(days * 86_400_000L));
    }

    @Nested
    class FitPart {
        @Test
        void matchesLearnedLevelsWhateverTheCaseAndSpacing() {
            double[] x = extract(lead("x", CREATED).industry("  SOFTWARE ").seniority(Seniority.VP).country("DE").build());

            assertThat(value(x, "industry=software")).isEqualTo(1);
            assertThat(value(x, "industry:other")).isZero();
            assertThat(value(x, "industry:missing")).isZero();
            assertThat(value(x, "seniority=vp")).isEqualTo(1);
            assertThat(value(x, "country=de")).isEqualTo(1);
        }

        @Test
        void unseenValuesAreOtherAndAbsentOrBlankOnesMissing() {
            double[] other = extract(lead("x", CREATED).industry("Mining").seniority(Seniority.STUDENT).build());
            double[] blank = extract(lead("y", CREATED).industry("   ").build());

            assertThat(value(other, "industry:other")).isEqualTo(1);
            assertThat(value(other, "industry=software")).isZero();
            assertThat(value(other, "seniority:other")).isEqualTo(1);
            assertThat(value(blank, "industry:missing")).isEqualTo(1);
            assertThat(value(blank, "industry:other")).isZero();
            assertThat(value(blank, "seniority:missing")).isEqualTo(1);
        }

        @Test
        void numericValuesAreLog1pAndMissingOnesTheTrainingMedianWithTheIndicatorSet() {
            double[] present = extract(lead("x", CREATED).employees(1200).build());
            double[] missing = extract(lead("y", CREATED).build());

            assertThat(value(present, "employees_log1p")).isEqualTo(Math.log1p(1200));
            assertThat(value(present, "employees:missing")).isZero();
            // median of log1p(99) and log1p(999): the imputation, never a bare 0
            assertThat(value(missing, "employees_log1p")).isCloseTo((Math.log(100) + Math.log(1000)) / 2, within(1e-12));
            assertThat(value(missing, "employees:missing")).isEqualTo(1);
            assertThat(value(missing, "annual_revenue:missing")).isEqualTo(1);
        }

        @Test
        void customAttributesAreFoundByNameIgnoringCaseAndUnparsableNumbersAreMissing() {
            double[] x = extract(lead("x", CREATED).custom("  BUDGET_band", "High ").custom("Score", "25").build());
            double[] bad = extract(lead("y", CREATED).custom("score", "lots").build());

            assertThat(value(x, "custom:budget_band=high")).isEqualTo(1);
            assertThat(value(x, "custom:score")).isEqualTo(25);
            assertThat(value(x, "custom:score:missing")).isZero();
            assertThat(value(bad, "custom:score")).isEqualTo(20);
            assertThat(value(bad, "custom:score:missing")).isEqualTo(1);
            assertThat(value(bad, "custom:budget_band:missing")).isEqualTo(1);
        }

        @Test
        void emailGivesOnlyWhetherItsDomainIsFreeMail() {
            assertThat(value(extract(lead("a", CREATED).email("Jane.Doe@GMAIL.com ").build()), "email_domain:free_mail")).isEqualTo(1);
            assertThat(value(extract(lead("b", CREATED).email("jane@acme.io").build()), "email_domain:free_mail")).isZero();
            assertThat(value(extract(lead("c", CREATED).email("jane@mail.gmail.com").build()), "email_domain:free_mail")).isZero();
            double[] invalid = extract(lead("d", CREATED).email("not-an-address").build());
            assertThat(value(invalid, "email_domain:missing")).isEqualTo(1);
            assertThat(value(invalid, "email_domain:free_mail")).isZero();
            assertThat(value(extract(lead("e", CREATED).build()), "email_domain:missing")).isEqualTo(1);
        }
    }

    @Nested
    class EngagementPart {
        private final Lead lead = lead("x", CREATED).build();

        @Test
        void decayedCountsHalveEveryHalfLife() {
            // half-life 14 days: events 0, 14 and 28 days old weigh 1, 1/2 and 1/4; one 7 days old weighs 2^-0.5
            double[] x = extract(lead,
                    activity("x", PAGE_VIEW, T.minusMillis(1)),
                    activity("x", PAGE_VIEW, daysBefore(14)),
                    activity("x", PAGE_VIEW, daysBefore(28)),
                    activity("x", EMAIL_OPEN, daysBefore(7)));

            assertThat(value(x, "page_view_decayed")).isCloseTo(1 + 0.5 + 0.25, within(1e-8));
            assertThat(value(x, "email_open_decayed")).isCloseTo(Math.pow(2, -0.5), within(1e-12));
            assertThat(value(x, "pricing_view_decayed")).isZero();
        }

        @Test
        void onlyEventsStrictlyBeforeTheAsOfTimeCount() {
            double[] x = extract(lead,
                    activity("x", DEMO_REQUEST, T),
                    activity("x", PRICING_VIEW, T.plusSeconds(60)),
                    activity("x", PAGE_VIEW, T.minusMillis(1)));

            assertThat(value(x, "demo_request:seen")).isZero();
            assertThat(value(x, "demo_request_decayed")).isZero();
            assertThat(value(x, "pricing_view_last_7d")).isZero();
            assertThat(value(x, "page_view_last_7d")).isEqualTo(1);
        }

        @Test
        void windowedCountsAreExactOverTheLastSevenCalendarDays() {
            // as of midnight the window is exactly [T - 7 days, T)
            double[] x = extract(lead,
                    activity("x", PRICING_VIEW, daysBefore(7)),
                    activity("x", PRICING_VIEW, daysBefore(3)),
                    activity("x", PRICING_VIEW, T.minusMillis(1)),
                    activity("x", PRICING_VIEW, daysBefore(7).minusMillis(1)));

            assertThat(value(x, "pricing_view_last_7d")).isEqualTo(3);
        }

        @Test
        void windowOfAnAsOfTimeWithinADayIncludesThatDayUpToTheTime() {
            Instant noon = T.plus(Duration.ofHours(12));
            double[] x = EXTRACTOR.extract(lead, List.of(
                    activity("x", PRICING_VIEW, T.plus(Duration.ofHours(1))),
                    activity("x", PRICING_VIEW, T.minus(Duration.ofDays(6))),
                    activity("x", PRICING_VIEW, T.minus(Duration.ofDays(6)).minusMillis(1))), noon);

            assertThat(value(x, "pricing_view_last_7d")).isEqualTo(2);
        }

        @Test
        void activeDaysCountDistinctCalendarDaysInTheWindow() {
            double[] x = extract(lead,
                    activity("x", PAGE_VIEW, daysBefore(1)),
                    activity("x", EMAIL_OPEN, daysBefore(1).plusSeconds(60)),
                    activity("x", PAGE_VIEW, daysBefore(10)),
                    activity("x", PAGE_VIEW, daysBefore(30)),
                    activity("x", PAGE_VIEW, daysBefore(30).minusMillis(1)));

            assertThat(value(x, "active_days_last_30")).isEqualTo(3);
        }

        @Test
        void recencyIsDaysSinceTheLastEventAndTheLeadAgeWhenThereIsNone() {
            double[] active = extract(lead, activity("x", PAGE_VIEW, daysBefore(45)), activity("x", PAGE_VIEW, daysBefore(50)));
            double[] silent = extract(lead);

            assertThat(value(active, "last_activity_days")).isCloseTo(45, within(1e-9));
            assertThat(value(active, "last_activity:none")).isZero();
            assertThat(value(silent, "last_activity_days")).isEqualTo(40);
            assertThat(value(silent, "last_activity:none")).isEqualTo(1);
            assertThat(value(silent, "lead_age_days")).isEqualTo(40);
        }

        @Test
        void leadAgeIsNeverNegative() {
            double[] x = extract(lead("late", T.plus(Duration.ofDays(2))).build());

            assertThat(value(x, "lead_age_days")).isZero();
            assertThat(value(x, "last_activity_days")).isZero();
        }

        @Test
        void strongSignalsAreSeenIndicators() {
            double[] x = extract(lead, activity("x", DEMO_REQUEST, daysBefore(20)));

            assertThat(value(x, "demo_request:seen")).isEqualTo(1);
            assertThat(value(x, "trial_signup:seen")).isZero();
        }
    }

    @Test
    void extractIntoOverwritesEveryValueOfAReusedArray() {
        double[] out = new double[SCHEMA.size()];
        java.util.Arrays.fill(out, 99);
        EngagementState state = EXTRACTOR.newState(T);

        EXTRACTOR.extractInto(lead("x", CREATED).build(), state, T, out);

        assertThat(out).containsExactly(extract(lead("x", CREATED).build()));
    }

    @Test
    void resetsAReusedStateToItsOwnSettings() {
        EngagementState reused = EngagementState.empty(3, 2, T);
        reused.add(PAGE_VIEW, T.minusSeconds(1));

        EXTRACTOR.resetState(reused, T.toEpochMilli());

        assertThat(EXTRACTOR.accepts(reused)).isTrue();
        assertThat(reused.hasActivity()).isFalse();
        assertThat(reused.toBytes()).isEqualTo(EXTRACTOR.newState(T).toBytes());
    }

    @Nested
    class Refuses {
        private final Lead lead = lead("x", CREATED).build();

        @Test
        void aVectorOfAnotherSize() {
            assertThatThrownBy(() -> EXTRACTOR.extractInto(lead, EXTRACTOR.newState(T), T, new double[3]))
                    .hasMessage("Invalid input vector size: 3, expected: " + SCHEMA.size());
        }

        @Test
        void aStateAsOfAnotherTime() {
            assertThatThrownBy(() -> EXTRACTOR.extract(lead, EXTRACTOR.newState(T.minusSeconds(1)), T))
                    .hasMessageContaining("roll it forward first");
        }

        @Test
        void aStateBuiltWithAnotherHalfLifeOrWindow() {
            EngagementState other = EngagementState.empty(7, 7, T);

            assertThat(EXTRACTOR.accepts(other)).isFalse();
            assertThatThrownBy(() -> EXTRACTOR.extract(lead, other, T))
                    .hasMessageContaining("half-life 7.0 d").hasMessageContaining("rebuild it");
        }

        @Test
        void featuresItCannotCompute() {
            FeatureSchema unknown = new FeatureSchema(List.of(
                    new FeatureDefinition("page_view_squared", FeatureKind.NUMERIC, FeatureGroup.ENGAGEMENT, "page_view", null)));
            FeatureSchema wrongKind = new FeatureSchema(List.of(
                    new FeatureDefinition("industry:missing", FeatureKind.NUMERIC, FeatureGroup.FIT, "industry", null)));
            FeatureSchema wrongGroup = new FeatureSchema(List.of(
                    new FeatureDefinition("lead_age_days", FeatureKind.NUMERIC, FeatureGroup.FIT, "lead_age", null)));
            FeatureSettings settings = FeatureSettings.of(14, 7);

            assertThatThrownBy(() -> FeatureExtractor.forSchema(unknown, settings))
                    .hasMessageContaining("Unknown feature page_view_squared");
            assertThatThrownBy(() -> FeatureExtractor.forSchema(wrongKind, settings))
                    .hasMessageContaining("expected INDICATOR and FIT");
            assertThatThrownBy(() -> FeatureExtractor.forSchema(wrongGroup, settings))
                    .hasMessageContaining("expected NUMERIC and ENGAGEMENT");
        }

        @Test
        void aNumericFeatureWithoutImputationOrAWindowLongerThanTheState() {
            FeatureSchema numeric = new FeatureSchema(List.of(
                    new FeatureDefinition("employees_log1p", FeatureKind.NUMERIC, FeatureGroup.FIT, "employees", null)));
            FeatureSchema window = new FeatureSchema(List.of(
                    new FeatureDefinition("page_view_last_14d", FeatureKind.NUMERIC, FeatureGroup.ENGAGEMENT, "page_view", null)));

            assertThatThrownBy(() -> FeatureExtractor.forSchema(numeric, FeatureSettings.of(14, 7)))
                    .hasMessageContaining("No imputation for feature employees_log1p");
            assertThatThrownBy(() -> FeatureExtractor.forSchema(window, FeatureSettings.of(14, 7)))
                    .hasMessageContaining("counts 14 days, but the engagement state keeps 7");
            assertThat(FeatureExtractor.forSchema(numeric, new FeatureSettings(14, 7, Map.of("employees_log1p", 3.0))))
                    .isNotNull();
        }
    }

    @Test
    void aWindowShorterThanTheStateSumsTheMostRecentDays() {
        FeatureSchema schema = new FeatureSchema(List.of(new FeatureDefinition(
                "pricing_view_last_2d", FeatureKind.NUMERIC, FeatureGroup.ENGAGEMENT, "pricing_view", null)));
        FeatureExtractor extractor = FeatureExtractor.forSchema(schema, FeatureSettings.of(14, 7));

        double[] x = extractor.extract(lead("x", CREATED).build(), List.of(
                activity("x", PRICING_VIEW, daysBefore(0.5)),
                activity("x", PRICING_VIEW, daysBefore(1.5)),
                activity("x", PRICING_VIEW, daysBefore(2.5))), T);

        assertThat(x).containsExactly(2);
    }

    @Test
    void everyActivityTypeHasADecayedCount() {
        for (ActivityType type : ActivityType.values()) {
            double[] x = extract(lead("x", CREATED).build(), activity("x", type, T.minusMillis(1)));
            assertThat(value(x, type.wireName() + "_decayed")).as(type.wireName()).isCloseTo(1, within(1e-9));
        }
    }
}
