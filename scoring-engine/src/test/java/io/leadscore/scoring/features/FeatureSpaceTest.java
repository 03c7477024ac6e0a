package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Seniority;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.leadscore.scoring.features.LeadFixture.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureSpaceTest {
    private static final Instant CREATED = Instant.parse("2026-01-10T09:00:00Z");
    private static final FeatureConfig MIN_2 = FeatureConfig.builder().minLevelCount(2).build();

    private static List<Lead> leads(LeadFixture... fixtures) {
        List<Lead> leads = new ArrayList<>();
        for (LeadFixture f : fixtures) {
            leads.add(f.build());
        }
        return leads;
    }

    private static List<String> namesOf(FeatureSchema schema, String source) {
        return schema.features().stream().filter(f -> f.source().equals(source)).map(FeatureDefinition::name).toList();
    }

    @Test
    void oneHotKeepsTheMostFrequentNormalisedLevelsWithOtherAndMissing() {
        // given "software" three times in different spellings, "retail" twice, "mining" once, one blank, one absent
        List<Lead> leads = leads(
                lead("a", CREATED).industry("Software"),
                lead("b", CREATED).industry("  software "),
                lead("c", CREATED).industry("SOFTWARE"),
                lead("d", CREATED).industry("Retail"),
                lead("e", CREATED).industry("retail"),
                lead("f", CREATED).industry("Mining"),
                lead("g", CREATED).industry("  "),
                lead("h", CREATED));

        // when
        FeatureSchema schema = FeatureSpace.learn(leads, MIN_2).schema();

        // then mining (1 lead, below the minimum of 2) falls into other
        assertThat(namesOf(schema, "industry"))
                .containsExactly("industry=software", "industry=retail", "industry:other", "industry:missing");
        FeatureDefinition level = schema.get(schema.require("industry=software"));
        assertThat(level.level()).isEqualTo("software");
        assertThat(level.kind()).isEqualTo(FeatureKind.INDICATOR);
        assertThat(level.group()).isEqualTo(FeatureGroup.FIT);
    }

    @Test
    void keepsAtMostMaxLevelsBreakingTiesByValue() {
        List<Lead> leads = leads(
                lead("a", CREATED).source("webinar"), lead("b", CREATED).source("webinar"),
                lead("c", CREATED).source("referral"), lead("d", CREATED).source("referral"),
                lead("e", CREATED).source("event"), lead("f", CREATED).source("event"));

        FeatureSchema schema = FeatureSpace.learn(leads,
                FeatureConfig.builder().minLevelCount(2).maxLevels(2).build()).schema();

        assertThat(namesOf(schema, "source")).containsExactly("source=event", "source=referral", "source:other", "source:missing");
    }

    @Test
    void leavesOutFieldsFilledInTooFewTrainingLeads() {
        List<Lead> leads = leads(lead("a", CREATED).department("it"), lead("b", CREATED), lead("c", CREATED));

        FeatureSchema schema = FeatureSpace.learn(leads, MIN_2).schema();

        assertThat(namesOf(schema, "department")).isEmpty();
    }

    @Test
    void numericFieldsAreLog1pWithAMissingIndicatorAndTheTrainingMedianAsImputation() {
        List<Lead> leads = leads(
                lead("a", CREATED).employees(9), lead("b", CREATED).employees(99), lead("c", CREATED).employees(999),
                lead("d", CREATED));

        FeatureSpace space = FeatureSpace.learn(leads, MIN_2);

        assertThat(namesOf(space.schema(), "employees")).containsExactly("employees_log1p", "employees:missing");
        // median of log1p(9), log1p(99), log1p(999) = log(100)
        assertThat(space.settings().imputation("employees_log1p")).isCloseTo(Math.log(100), within(1e-12));
    }

    @Test
    void customAttributeIsNumericOnlyWhenEveryTrainingValueIsANumber() {
        List<Lead> leads = leads(
                lead("a", CREATED).custom("Budget", "1000").custom("Budget_Band", "high").custom("score", "10"),
                lead("b", CREATED).custom("Budget", " 2500.5 ").custom("Budget_Band", "High").custom("score", "n/a"),
                lead("c", CREATED).custom("Budget", "").custom("Budget_Band", "low").custom("score", "12"),
                lead("d", CREATED).custom("Budget", "4000").custom("Budget_Band", "high").custom("score", "14"));

        FeatureSpace space = FeatureSpace.learn(leads, MIN_2);

        assertThat(namesOf(space.schema(), "custom:budget")).containsExactly("custom:budget", "custom:budget:missing");
        assertThat(space.schema().get(space.schema().require("custom:budget")).kind()).isEqualTo(FeatureKind.NUMERIC);
        assertThat(space.settings().imputation("custom:budget")).isEqualTo(2500.5);
        assertThat(namesOf(space.schema(), "custom:budget_band"))
                .containsExactly("custom:budget_band=high", "custom:budget_band:other", "custom:budget_band:missing");
        // one "n/a" among numbers makes the attribute categorical; no level reaches 2 leads
        assertThat(namesOf(space.schema(), "custom:score")).containsExactly("custom:score:other", "custom:score:missing");
    }

    @Test
    void excludesFieldsByNameIgnoringCaseAndSpaces() {
        List<Lead> leads = leads(
                lead("a", CREATED).campaign("spring").email("a@acme.com").custom("Lead Status", "qualified").custom("rep_verdict", "good"),
                lead("b", CREATED).campaign("spring").email("b@acme.com").custom("Lead Status", "qualified").custom("rep_verdict", "good"));
        FeatureConfig config = FeatureConfig.builder().minLevelCount(2)
                .excludedFields(List.of(" lead status ", "REP_VERDICT", "Campaign", "email")).build();

        FeatureSchema schema = FeatureSpace.learn(leads, config).schema();

        assertThat(schema.features()).noneMatch(f -> f.source().startsWith("custom:")
                || f.source().equals("campaign") || f.source().equals("email_domain"));
        assertThat(config.excludes("Lead  Status")).isTrue();
    }

    @Test
    void engagementFeaturesFollowTheConfiguration() {
        FeatureConfig config = FeatureConfig.builder().windowDays(3).activeDaysWindow(14)
                .windowedTypes(Set.of(ActivityType.PRICING_VIEW))
                .signalTypes(EnumSet.of(ActivityType.DEMO_REQUEST)).totalTypes(Set.of(ActivityType.EMAIL_OPEN)).build();

        FeatureSchema schema = FeatureSpace.learn(List.of(), config).schema();

        assertThat(schema.features()).allMatch(f -> f.group() == FeatureGroup.ENGAGEMENT);
        assertThat(namesOf(schema, "pricing_view")).containsExactly("pricing_view_decayed", "pricing_view_last_3d");
        assertThat(namesOf(schema, "demo_request")).containsExactly("demo_request_decayed", "demo_request:seen");
        assertThat(namesOf(schema, "page_view")).containsExactly("page_view_decayed");
        assertThat(namesOf(schema, "email_open")).containsExactly("email_open_decayed", "email_open_total");
        assertThat(schema.names()).endsWith("last_activity_days", "last_activity:none", "active_days_last_14", "lead_age_days");
        assertThat(schema.size()).isEqualTo(ActivityType.values().length + 3 + 4);
    }

    @Test
    void fitFeaturesComeFirstInFieldOrderThenCustomAttributesByName() {
        List<Lead> leads = leads(
                lead("a", CREATED).industry("x").seniority(Seniority.VP).country("DE").custom("zeta", "1").custom("alpha", "q"),
                lead("b", CREATED).industry("x").seniority(Seniority.VP).country("DE").custom("zeta", "2").custom("alpha", "q"));

        FeatureSchema schema = FeatureSpace.learn(leads, MIN_2).schema();

        List<String> sources = schema.features().stream().map(FeatureDefinition::source).distinct().limit(5).toList();
        assertThat(sources).containsExactly("industry", "seniority", "country", "custom:alpha", "custom:zeta");
    }

    @Test
    void theSchemaAndSettingsMapRebuildAnExtractorThatGivesTheSameVectors() {
        List<Lead> leads = leads(
                lead("a", CREATED).industry("software").employees(50).custom("score", "3"),
                lead("b", CREATED).industry("retail").employees(5000).custom("score", "7"),
                lead("c", CREATED).industry("software"));
        FeatureSpace space = FeatureSpace.learn(leads, FeatureConfig.builder().minLevelCount(1).build());

        FeatureExtractor rebuilt = FeatureExtractor.forSchema(
                new FeatureSchema(space.schema().features()), FeatureSettings.fromMap(space.settings().toMap()));

        Instant asOf = CREATED.plusSeconds(86_400 * 3);
        for (Lead lead : leads) {
            assertThat(rebuilt.extract(lead, List.of(), asOf)).containsExactly(space.extractor().extract(lead, List.of(), asOf));
        }
        assertThat(rebuilt.schema().fingerprint()).isEqualTo(space.schema().fingerprint());
    }

    @Nested
    class Refuses {
        @Test
        void customAttributesWhoseFeatureNamesClash() {
            // "a" with level "b=c" and "a=b" with level "c" both give the name custom:a=b=c
            List<Lead> leads = leads(lead("x", CREATED).custom("a", "b=c").custom("a=b", "c"));

            assertThatThrownBy(() -> FeatureSpace.learn(leads, FeatureConfig.builder().minLevelCount(1).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("custom:a=b=c")
                    .hasMessageContaining("exclude or rename");
        }

        @Test
        void badConfiguration() {
            assertThatThrownBy(() -> FeatureConfig.builder().minLevelCount(0).build())
                    .hasMessageContaining("Invalid min level count: 0");
            assertThatThrownBy(() -> FeatureConfig.builder().windowDays(32).build())
                    .hasMessageContaining("Invalid window: 32 days");
            assertThatThrownBy(() -> FeatureConfig.builder().activeDaysWindow(65).build())
                    .hasMessageContaining("Invalid active-days window: 65");
            assertThatThrownBy(() -> FeatureConfig.builder().halfLifeDays(0).build())
                    .hasMessageContaining("Invalid half-life: 0.0");
            assertThatThrownBy(() -> FeatureConfig.builder().excludedFields(List.of(" ")).build())
                    .hasMessageContaining("Invalid excluded field");
        }
    }
}
