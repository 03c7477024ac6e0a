package io.leadscore.scoring.labels;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Deal;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.features.FeatureConfig;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.policy.Policy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static io.leadscore.scoring.features.LeadFixture.activity;
import static io.leadscore.scoring.features.LeadFixture.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainingSetBuilderTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long DAY = 86_400_000L;
    private static final TrainingSetConfig CONFIG = TrainingSetConfig.of(Policy.defaults())
            .withFeatures(FeatureConfig.builder().minLevelCount(2).build());

    private static Instant day(double days) {
        return START.plusMillis(Math.round(days * DAY));
    }

    /** A lead created on the given day with no deal, so labelled 0 once its horizon has passed. */
    private static LeadHistory quiet(String id, double createdDay) {
        return new LeadHistory(lead(id, day(createdDay)).industry("software").build(), List.of(), List.of());
    }

    @Test
    void ordersRowsByCreationAndHoldsOutTheMostRecentFifthForValidation() {
        List<LeadHistory> histories = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            histories.add(quiet("lead-" + i, i * 3));
        }
        Collections.shuffle(histories, new Random(3));

        TrainingSet set = TrainingSetBuilder.build(histories, day(400), CONFIG);

        assertThat(set.leadIds()).containsExactly("lead-0", "lead-1", "lead-2", "lead-3", "lead-4", "lead-5", "lead-6",
                "lead-7", "lead-8", "lead-9");
        assertThat(set.createdAt()).isSorted();
        assertThat(set.split()).isEqualTo(new OutOfTimeSplit(8, 2, day(0), day(21), day(24), day(27)));
        assertThat(set.trainX()).hasNumberOfRows(8);
        assertThat(set.validationY()).hasSize(2);
    }

    @Test
    void neverSplitsLeadsCreatedAtTheSameInstant() {
        List<LeadHistory> histories = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            histories.add(quiet("lead-" + i, i == 8 ? 7 : i));
        }

        OutOfTimeSplit split = TrainingSetBuilder.build(histories, day(400), CONFIG).split();

        // the cut after 8 rows would separate lead-7 and lead-8, both created on day 7
        assertThat(split.trainRows()).isEqualTo(7);
        assertThat(split.validationRows()).isEqualTo(3);
        assertThat(split.trainTo()).isBefore(split.validationFrom());
    }

    @Test
    void labelsConversionsAndLeavesOutCensoredAndNotYetCreatedLeads() {
        Instant asOf = day(400);
        Deal win = new Deal("d1", "won", day(30), DealStatus.WON, day(90), BigDecimal.ONE, null);
        List<LeadHistory> histories = List.of(
                new LeadHistory(lead("won", day(10)).build(), List.of(), List.of(win)),
                quiet("lost", 11),
                quiet("recent", 300),
                quiet("future", 401),
                quiet("at-as-of", 400),
                quiet("old", 5));

        TrainingSet set = TrainingSetBuilder.build(histories, asOf, CONFIG);

        assertThat(set.leadIds()).containsExactly("old", "won", "lost");
        assertThat(set.y()).containsExactly(0, 1, 0);
        assertThat(set.counts()).isEqualTo(new TrainingSet.Counts(6, 2, 1, 1, 2));
        assertThat(set.counts().labelled()).isEqualTo(3);
    }

    @Test
    void aRowNeverSeesEventsFromTheLeadsFirstOpportunityOn() {
        // given an opportunity opened on day 5, a demo request at that very moment and pricing views after it
        Lead lead = lead("L", day(0)).build();
        List<Activity> activities = List.of(
                activity("L", ActivityType.PAGE_VIEW, day(1)),
                activity("L", ActivityType.PAGE_VIEW, day(5).minusMillis(1)),
                activity("L", ActivityType.DEMO_REQUEST, day(5)),
                activity("L", ActivityType.PRICING_VIEW, day(6)));
        Deal opportunity = new Deal("d", "L", day(5), DealStatus.WON, day(40), BigDecimal.TEN, null);
        List<LeadHistory> histories = List.of(new LeadHistory(lead, activities, List.of(opportunity)),
                quiet("other", 50), quiet("another", 60));

        // when
        TrainingSet set = TrainingSetBuilder.build(histories, day(400), CONFIG);

        // then the row is the lead at the fixed age of every row, built from the events before the opportunity only
        FeatureSchema schema = set.schema();
        double[] row = set.row(0);
        assertThat(set.snapshotAt().get(0)).isEqualTo(day(30));
        assertThat(row[schema.require("demo_request:seen")]).isZero();
        assertThat(row[schema.require("pricing_view_decayed")]).isZero();
        assertThat(row[schema.require("page_view_decayed")]).isPositive();
        assertThat(row).containsExactly(set.featureSpace().extractor().extract(lead, activities.subList(0, 2), day(30)),
                within(1e-12));
    }

    @Test
    void usesOnlyWhatWasKnownAtTheAsOfTime() {
        // given a later export, and the export as it stood at the as-of time
        Instant asOf = day(560);
        List<LeadHistory> later = generate(42, 400, 700);
        List<LeadHistory> known = new ArrayList<>();
        for (LeadHistory h : later) {
            if (!h.lead().createdAt().isBefore(asOf)) {
                continue;
            }
            List<Activity> activities = h.activities().stream().filter(a -> a.occurredAt().isBefore(asOf)).toList();
            List<Deal> deals = new ArrayList<>();
            for (Deal d : h.deals()) {
                if (!d.createdAt().isBefore(asOf)) {
                    continue;
                }
                boolean closedThen = d.closedAt() != null && d.closedAt().isBefore(asOf);
                deals.add(closedThen ? d : new Deal(d.dealId(), d.leadId(), d.createdAt(), DealStatus.OPEN, null, d.amount(), null));
            }
            known.add(new LeadHistory(h.lead(), activities, deals));
        }

        // when the training set is built as of that time from either
        TrainingSet fromLater = TrainingSetBuilder.build(later, asOf, CONFIG);
        TrainingSet fromKnown = TrainingSetBuilder.build(known, asOf, CONFIG);

        // then they are the same
        assertThat(fromLater.rows()).isGreaterThan(100);
        assertThat(fromLater.y()).contains(0, 1);
        assertThat(fromLater.leadIds()).isEqualTo(fromKnown.leadIds());
        assertThat(fromLater.y()).isEqualTo(fromKnown.y());
        assertThat(fromLater.x()).isDeepEqualTo(fromKnown.x());
        assertThat(fromLater.schema()).isEqualTo(fromKnown.schema());
        assertThat(fromLater.settings()).isEqualTo(fromKnown.settings());
        assertThat(fromLater.split()).isEqualTo(fromKnown.split());
    }

    @Test
    void learnsLevelsFromTheTrainingWindowOnly() {
        List<LeadHistory> histories = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            histories.add(new LeadHistory(lead("old-" + i, day(i)).industry("software").build(), List.of(), List.of()));
        }
        for (int i = 0; i < 2; i++) {
            histories.add(new LeadHistory(lead("new-" + i, day(20 + i)).industry("mining").build(), List.of(), List.of()));
        }

        TrainingSet set = TrainingSetBuilder.build(histories, day(400), CONFIG);

        FeatureSchema schema = set.schema();
        assertThat(schema.indexOf("industry=mining")).isEqualTo(-1);
        assertThat(List.of(set.validationX())).hasSize(2).allSatisfy(row -> assertThat(row[schema.require("industry:other")]).isEqualTo(1));
    }

    @Test
    void theOrderOfActivitiesDoesNotMatter() {
        List<LeadHistory> histories = generate(7, 60, 400);
        List<LeadHistory> shuffled = new ArrayList<>();
        Random random = new Random(7);
        for (LeadHistory h : histories) {
            List<Activity> activities = new ArrayList<>(h.activities());
            Collections.shuffle(activities, random);
            shuffled.add(new LeadHistory(h.lead(), activities, h.deals()));
        }

        double[][] fromShuffled = TrainingSetBuilder.build(shuffled, day(400), CONFIG).x();
        double[][] fromOrdered = TrainingSetBuilder.build(histories, day(400), CONFIG).x();

        // equal up to the rounding of sums taken in another order
        assertThat(fromShuffled).hasSameDimensionsAs(fromOrdered);
        for (int i = 0; i < fromOrdered.length; i++) {
            for (int j = 0; j < fromOrdered[i].length; j++) {
                assertThat(fromShuffled[i][j]).isCloseTo(fromOrdered[i][j], within(1e-12 * Math.abs(fromOrdered[i][j])));
            }
        }
    }

    @Test
    void handsOutCopies() {
        TrainingSet set = TrainingSetBuilder.build(List.of(quiet("a", 1), quiet("b", 2)), day(400), CONFIG);
        double before = set.row(0)[0];

        set.x()[0][0] = before + 1;
        set.trainX()[0][0] = before + 1;
        set.y()[0] = 7;

        assertThat(set.row(0)[0]).isEqualTo(before);
        assertThat(set.y()[0]).isZero();
    }

    @Nested
    class Refuses {
        @Test
        void theSameLeadTwice() {
            TrainingSetBuilder builder = new TrainingSetBuilder(CONFIG, day(400));
            builder.add(quiet("a", 1));

            assertThatThrownBy(() -> builder.add(quiet("a", 2))).hasMessage("Lead a appears twice in the training histories");
        }

        @Test
        void fewerThanTwoLabelledLeads() {
            assertThatThrownBy(() -> TrainingSetBuilder.build(List.of(quiet("a", 1), quiet("b", 300)), day(400), CONFIG))
                    .hasMessageContaining("Not enough labelled leads as of 2026-02-05T00:00:00Z: 1 of 2")
                    .hasMessageContaining("1 still inside their 180-day horizon");
        }

        @Test
        void leadsThatCannotBeSplitInTime() {
            assertThatThrownBy(() -> TrainingSetBuilder.build(List.of(quiet("a", 1), quiet("b", 1), quiet("c", 1)), day(400), CONFIG))
                    .hasMessageContaining("No out-of-time split possible");
        }

        @Test
        void buildingTwiceOrAddingAfterwards() {
            TrainingSetBuilder builder = new TrainingSetBuilder(CONFIG, day(400));
            builder.add(quiet("a", 1));
            builder.add(quiet("b", 2));
            builder.build();

            assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> builder.add(quiet("c", 3))).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void historiesMixingLeads() {
            Lead lead = lead("a", day(1)).build();

            assertThatThrownBy(() -> new LeadHistory(lead, List.of(activity("b", ActivityType.PAGE_VIEW, day(2))), List.of()))
                    .hasMessage("Activity of lead b in the history of lead a");
        }

        @Test
        void aValidationFractionOutsideZeroToOne() {
            assertThatThrownBy(() -> CONFIG.withValidationFraction(1.0)).hasMessageContaining("Invalid validation fraction: 1.0");
        }
    }

    /**
     * Leads created over {@code spanDays}, each with up to 30 activities over the 90 days after creation;
     * a third open a deal within 60 days, which is won, lost or still open.
     */
    static List<LeadHistory> generate(long seed, int leads, int spanDays) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] industries = {"software", "retail", "finance"};
        ActivityType[] types = ActivityType.values();
        List<LeadHistory> histories = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            String id = "lead-" + i;
            Instant created = START.plusMillis(random.nextLong(spanDays * DAY));
            Lead lead = lead(id, created).industry(industries[random.nextInt(industries.length)])
                    .employees(random.nextInt(5000)).custom("budget_band", random.nextBoolean() ? "high" : "low").build();
            List<Activity> activities = new ArrayList<>();
            int n = random.nextInt(31);
            for (int k = 0; k < n; k++) {
                activities.add(activity(id, types[random.nextInt(types.length)], created.plusMillis(random.nextLong(90 * DAY))));
            }
            List<Deal> deals = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                Instant opened = created.plusMillis(random.nextLong(60 * DAY));
                Instant closed = opened.plusMillis(random.nextLong(100 * DAY));
                int outcome = random.nextInt(5);
                DealStatus status = outcome < 2 ? DealStatus.WON : outcome < 4 ? DealStatus.LOST : DealStatus.OPEN;
                deals.add(new Deal("deal-" + i, id, opened, status, status == DealStatus.OPEN ? null : closed,
                        BigDecimal.valueOf(1000), null));
            }
            histories.add(new LeadHistory(lead, activities, deals));
        }
        return histories;
    }
}
