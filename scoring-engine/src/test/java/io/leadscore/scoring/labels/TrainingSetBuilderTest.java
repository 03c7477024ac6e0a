package io.leadscore.scoring.labels;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Deal;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.features.EngagementState;
import io.leadscore.scoring.features.FeatureConfig;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.training.TrainingData;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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

    private static final TrainingSetConfig ALL = CONFIG.withMaxSnapshotsPerLead(1000);

    @Test
    void looksAtAnOpenLeadAtEveryScheduledAgeWhoseHorizonHasPassed() {
        // given a lead without a deal, created on day 0, and a training date on day 400 (horizon 180 days)
        List<LeadHistory> histories = List.of(quiet("a", 0), quiet("b", 0.5));

        TrainingSet set = TrainingSetBuilder.build(histories, day(400), ALL);

        // then its snapshots are the ages t with t + 180 <= 400: 0 h, 1, 3, 7, 14, 30, 60, 90 and 180 days
        List<Instant> ofA = new ArrayList<>();
        for (int i = 0; i < set.rows(); i++) {
            if (set.leadIds().get(i).equals("a")) {
                ofA.add(set.snapshotAt().get(i));
            }
        }
        assertThat(ofA).containsExactly(day(0), day(1), day(3), day(7), day(14), day(30), day(60), day(90), day(180));
        assertThat(set.y()).containsOnly(0);
        assertThat(set.snapshotAt()).isSorted();
        assertThat(set.counts().leads()).isEqualTo(2);
        assertThat(set.counts().censoredSnapshots()).isEqualTo(2);
        assertThat(set.ageDays()).contains(0.0, 180.0);
    }

    @Test
    void stopsAtTheFirstOpportunityAndLabelsEachSnapshotByAWinWithinTheHorizonOfIt() {
        // given a lead whose deal opened on day 250 and was won on day 300, far outside the horizon of its creation
        Deal late = new Deal("d", "late", day(250), DealStatus.WON, day(300), BigDecimal.ONE, null);
        Deal early = new Deal("e", "early", day(45), DealStatus.WON, day(90), BigDecimal.ONE, null);
        List<LeadHistory> histories = List.of(new LeadHistory(lead("late", day(0)).build(), List.of(), List.of(late)),
                new LeadHistory(lead("early", day(0)).build(), List.of(), List.of(early)));

        TrainingSet set = TrainingSetBuilder.build(histories, day(800), ALL);

        Map<Double, Integer> lateLabels = labelsByAge(set, "late");
        Map<Double, Integer> earlyLabels = labelsByAge(set, "early");
        // the late bloomer: only its 180-day snapshot sees the win within 180 days; no snapshot after the opportunity
        assertThat(lateLabels).containsExactly(Map.entry(0.0, 0), Map.entry(1.0, 0), Map.entry(3.0, 0), Map.entry(7.0, 0),
                Map.entry(14.0, 0), Map.entry(30.0, 0), Map.entry(60.0, 0), Map.entry(90.0, 0), Map.entry(180.0, 1));
        assertThat(earlyLabels).containsOnlyKeys(0.0, 1.0, 3.0, 7.0, 14.0, 30.0).containsValues(1);
    }

    @Test
    void leavesOutSnapshotsWhoseHorizonHasNotPassedAndLeadsNotYetCreated() {
        List<LeadHistory> histories = List.of(quiet("old", 5), quiet("other", 6), quiet("recent", 300),
                quiet("future", 401), quiet("at-as-of", 400));

        TrainingSet set = TrainingSetBuilder.build(histories, day(400), ALL);

        assertThat(set.leadIds()).doesNotContain("recent", "future", "at-as-of");
        TrainingSet.Counts counts = set.counts();
        assertThat(counts.histories()).isEqualTo(5);
        assertThat(counts.notYetCreated()).isEqualTo(2);
        assertThat(counts.censored()).isEqualTo(1);
        assertThat(counts.leads()).isEqualTo(2);
        assertThat(counts.labelled()).isEqualTo(set.rows());
    }

    @Test
    void holdsOutTheMostRecentSnapshotsForValidationNeverSplittingOneInstant() {
        List<LeadHistory> histories = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            histories.add(quiet("lead-" + i, i * 3));
        }
        Collections.shuffle(histories, new Random(3));

        TrainingSet set = TrainingSetBuilder.build(histories, day(600), ALL);

        OutOfTimeSplit split = set.split();
        assertThat(split.validationRows()).isBetween((int) (set.rows() * 0.15), (int) (set.rows() * 0.25));
        assertThat(split.trainTo()).isBefore(split.validationFrom());
        assertThat(set.snapshotAt().subList(0, split.trainRows())).allSatisfy(t -> assertThat(t).isBefore(split.validationFrom()));
        // old leads are looked at again in the validation window, at the ages they have reached by then
        double[] validationAges = set.validationAgeDays();
        assertThat(Arrays.stream(validationAges).max().orElseThrow()).isGreaterThanOrEqualTo(180);
    }

    @Test
    void holdsOutEverySnapshotFromAGivenDateWhenOneIsSet() {
        List<LeadHistory> histories = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            histories.add(quiet("lead-" + i, i * 3));
        }

        TrainingSet set = TrainingSetBuilder.build(histories, day(600), ALL.withHoldoutFrom(day(300)));

        OutOfTimeSplit split = set.split();
        assertThat(set.snapshotAt().subList(0, split.trainRows())).allSatisfy(t -> assertThat(t).isBefore(day(300)));
        assertThat(set.snapshotAt().subList(split.trainRows(), set.rows())).allSatisfy(t -> assertThat(t).isAfterOrEqualTo(day(300)));
        assertThat(split.validationFrom()).isAfterOrEqualTo(day(300));
        assertThat(ALL.withHoldoutFrom(day(300)).describe()).containsEntry("holdoutFrom", day(300).toString());
        // the fields left out are part of the model's record, normalised and in order
        assertThat(ALL.withFeatures(io.leadscore.scoring.features.FeatureConfig.builder()
                .excludedFields(java.util.List.of("Tags", " sales_verdict ")).build()).describe())
                .containsEntry("excludedFields", "sales_verdict,tags");
        assertThat(ALL.describe()).doesNotContainKey("excludedFields");
    }

    @Test
    void capsTheSnapshotsOfALeadInTrainingWithASeededRandomSubset() {
        List<LeadHistory> histories = List.of(quiet("a", 0), quiet("b", 1), quiet("c", 2));
        TrainingSetConfig capped = CONFIG.withMaxSnapshotsPerLead(4).withHoldoutFrom(day(1200));

        TrainingSet once = TrainingSetBuilder.build(histories, day(1500), capped);
        TrainingSet again = TrainingSetBuilder.build(histories, day(1500), capped);
        TrainingSet otherSeed = TrainingSetBuilder.build(histories, day(1500), capped.withSamplingSeed(7));

        // 1,320 days of horizon-passed life: 10 listed ages and 10 quarterly ones each; the last (day 1,275 of its
        // life) is in the validation window, the 19 before it in training, of which 4 are kept
        int train = once.split().trainRows();
        Map<String, Integer> perLead = new HashMap<>();
        for (int i = 0; i < train; i++) {
            perLead.merge(once.leadIds().get(i), 1, Integer::sum);
        }
        // the cap draws among the training window's snapshots only: each lead keeps 4 there
        assertThat(perLead).containsOnlyKeys("a", "b", "c").allSatisfy((lead, rows) -> assertThat(rows).isEqualTo(4));
        assertThat(once.split().validationRows()).isEqualTo(3);
        assertThat(once.counts().sampledOut()).isEqualTo(3 * 19 - train);
        assertThat(once.snapshotAt()).isEqualTo(again.snapshotAt());
        assertThat(otherSeed.snapshotAt()).isNotEqualTo(once.snapshotAt());
    }

    @Test
    void theValidationWindowHoldsEveryEligibleSnapshotWhateverTheCap() {
        List<LeadHistory> histories = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            histories.add(quiet("lead-" + i, i * 9));
        }
        TrainingSetConfig capped = CONFIG.withMaxSnapshotsPerLead(3);

        for (Instant holdout : Arrays.asList(day(500), null)) {
            TrainingSet sampled = TrainingSetBuilder.build(histories, day(1100), capped.withHoldoutFrom(holdout));
            TrainingSet all = TrainingSetBuilder.build(histories, day(1100), ALL.withHoldoutFrom(
                    holdout != null ? holdout : sampled.split().validationFrom()));

            // the same snapshots in the validation window, in the same order: the cap thins training only
            int from = sampled.split().trainRows();
            int allFrom = all.split().trainRows();
            assertThat(sampled.rows() - from).isEqualTo(all.rows() - allFrom).isPositive();
            assertThat(sampled.leadIds().subList(from, sampled.rows())).isEqualTo(all.leadIds().subList(allFrom, all.rows()));
            assertThat(sampled.snapshotAt().subList(from, sampled.rows()))
                    .isEqualTo(all.snapshotAt().subList(allFrom, all.rows()));
            assertThat(sampled.split().trainTo()).isBefore(sampled.split().validationFrom());
            assertThat(from).isLessThan(allFrom);
            assertThat(sampled.counts().sampledOut()).isEqualTo(allFrom - from);
        }
    }

    @Test
    void withinAnAgeBandTheValidationRateIsTheRateOfTheLeadsThatReachedThatAge() {
        // given leads of which every third has its deal opened a day after creation and won (two snapshots, both 1)
        // while the others stay open for years (up to twenty eligible snapshots, all 0): a per-lead cap keeps every
        // snapshot of a converter and a few of the others, so their snapshots at creation would be over-represented
        List<LeadHistory> histories = new ArrayList<>();
        int converters = 0;
        int created = 0;
        for (int i = 0; i < 600; i++) {
            double createdDay = i * 1.5;
            String id = "lead-" + i;
            if (i % 3 == 0) {
                Deal deal = new Deal("d-" + i, id, day(createdDay + 1.5), DealStatus.WON, day(createdDay + 20), BigDecimal.ONE, null);
                histories.add(new LeadHistory(lead(id, day(createdDay)).build(), List.of(), List.of(deal)));
            } else {
                histories.add(quiet(id, createdDay));
            }
            if (createdDay >= 500) {
                created++;
                converters += i % 3 == 0 ? 1 : 0;
            }
        }

        TrainingSet set = TrainingSetBuilder.build(histories, day(1800), CONFIG.withHoldoutFrom(day(500)));

        // then the validation window's snapshots at creation are those of every lead created in it, once
        double[] ages = set.validationAgeDays();
        int[] y = set.validationY();
        int atCreation = 0;
        int converted = 0;
        for (int i = 0; i < ages.length; i++) {
            if (ages[i] == 0) {
                atCreation++;
                converted += y[i];
            }
        }
        assertThat(atCreation).isEqualTo(created);
        assertThat(converted).isEqualTo(converters);
        assertThat(set.counts().sampledOut()).isPositive();
    }

    @Test
    void eachRowIsWhatTheNightlyRollForwardHoldsAtThatInstant() {
        // given lead histories whose events reach the store late, and a nightly job that scored them every night
        List<LeadHistory> histories = generate(11, 80, 300);
        Instant asOf = day(700);
        TrainingSet set = TrainingSetBuilder.build(histories, asOf, ALL);
        FeatureExtractor extractor = set.featureSpace().extractor();
        Map<String, LeadHistory> byId = new HashMap<>();
        histories.forEach(h -> byId.put(h.lead().leadId(), h));
        Map<String, Map<Instant, double[]>> nightly = new HashMap<>();
        for (String id : new java.util.TreeSet<>(set.leadIds())) {
            nightly.put(id, NightlyJob.run(extractor, byId.get(id), set.snapshotAt(), new SplittableRandom(id.hashCode())));
        }

        // then every training row equals the nightly job's vector at the row's instant, and the vector of the raw events
        assertThat(set.rows()).isGreaterThan(300);
        double[][] x = set.x();
        for (int i = 0; i < set.rows(); i++) {
            LeadHistory h = byId.get(set.leadIds().get(i));
            Instant t = set.snapshotAt().get(i);
            double[] rolled = nightly.get(h.lead().leadId()).get(t);
            double[] fromScratch = extractor.extract(h.lead(), h.activities(), t);
            for (int j = 0; j < x[i].length; j++) {
                double tolerance = 1e-9 * Math.max(1, Math.abs(fromScratch[j]));
                assertThat(x[i][j]).as("row %d feature %s", i, set.schema().get(j).name())
                        .isCloseTo(fromScratch[j], within(tolerance)).isCloseTo(rolled[j], within(tolerance));
            }
        }
    }

    /**
     * The nightly job of {@link FeatureExtractor}'s class comment: one state per lead kept as bytes between runs,
     * rolled forward to each run's time with the events imported since the previous run. Runs at 02:00 UTC every
     * day and at each instant asked for; an event reaches the store up to two days after it occurred, never after
     * the next instant asked for (so that each of those runs knows everything before it).
     */
    static final class NightlyJob {
        static Map<Instant, double[]> run(FeatureExtractor extractor, LeadHistory history, List<Instant> wanted,
                                          SplittableRandom random) {
            long created = history.lead().createdAt().toEpochMilli();
            java.util.TreeSet<Long> asked = new java.util.TreeSet<>();
            for (Instant t : wanted) {
                if (!t.isBefore(history.lead().createdAt())) {
                    asked.add(t.toEpochMilli());
                }
            }
            java.util.TreeSet<Long> runs = new java.util.TreeSet<>(asked);
            long last = asked.isEmpty() ? created : asked.last();
            for (long night = Math.floorDiv(created, DAY) * DAY + 2 * 3_600_000L; night <= last; night += DAY) {
                runs.add(night);
            }
            List<long[]> arrivals = new ArrayList<>();
            for (Activity a : history.activities()) {
                long at = a.occurredAt().toEpochMilli();
                Long next = asked.higher(at);
                long arrives = at + random.nextLong(2 * DAY);
                arrivals.add(new long[]{next == null ? arrives : Math.min(arrives, next), at, a.type().ordinal()});
            }
            arrivals.sort(java.util.Comparator.comparingLong(e -> e[0]));
            Map<Instant, double[]> out = new HashMap<>();
            byte[] stored = null;
            List<long[]> pending = new ArrayList<>();
            int imported = 0;
            EngagementState state = extractor.newState(Instant.ofEpochMilli(created));
            for (long run : runs) {
                if (stored == null) {
                    extractor.resetState(state, run);
                } else {
                    state.readFrom(stored);
                    state.advanceTo(run);
                }
                while (imported < arrivals.size() && arrivals.get(imported)[0] <= run) {
                    pending.add(arrivals.get(imported++));
                }
                pending.removeIf(e -> state.add(ActivityType.values()[(int) e[2]], e[1]));
                stored = state.toBytes();
                if (asked.contains(run)) {
                    out.put(Instant.ofEpochMilli(run), extractor.extract(history.lead(), state, Instant.ofEpochMilli(run)));
                }
            }
            return out;
        }
    }

    private static Map<Double, Integer> labelsByAge(TrainingSet set, String id) {
        Map<Double, Integer> labels = new java.util.LinkedHashMap<>();
        double[] ages = set.ageDays();
        int[] y = set.y();
        for (int i = 0; i < set.rows(); i++) {
            if (set.leadIds().get(i).equals(id)) {
                labels.put(ages[i], y[i]);
            }
        }
        return labels;
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
            histories.add(new LeadHistory(lead("new-" + i, day(214 + i)).industry("mining").build(), List.of(), List.of()));
        }

        // as of day 400 the new leads have only their first snapshots labelled, all in the validation window
        TrainingSet set = TrainingSetBuilder.build(histories, day(400), ALL.withValidationFraction(0.1));

        FeatureSchema schema = set.schema();
        assertThat(schema.indexOf("industry=mining")).isEqualTo(-1);
        double[][] validation = set.validationX();
        List<String> ids = set.leadIds().subList(set.split().trainRows(), set.rows());
        assertThat(ids).contains("new-0", "new-1");
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).startsWith("new-")) {
                assertThat(validation[i][schema.require("industry:other")]).isEqualTo(1);
            }
        }
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
    void trainingAndValidationDataHoldTheSetsRowsInEachWindow() {
        List<LeadHistory> histories = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            histories.add(quiet("l" + i, 1 + i * 7));
        }
        TrainingSet set = TrainingSetBuilder.build(histories, day(600), CONFIG);
        int cut = set.split().trainRows();

        TrainingData train = set.trainingData();
        TrainingData validation = set.validationData();

        assertThat(cut).isBetween(1, set.rows() - 1);
        assertThat(train.x()).isDeepEqualTo(set.trainX());
        assertThat(validation.x()).isDeepEqualTo(set.validationX());
        assertThat(train.y()).isEqualTo(set.trainY());
        assertThat(validation.y()).isEqualTo(set.validationY());
        assertThat(set.x()[cut]).isEqualTo(set.row(cut)).isEqualTo(set.validationX()[0]);
        assertThat(train.groups()).isEqualTo(set.trainGroups());
    }

    @Test
    void handsOutCopies() {
        TrainingSet set = TrainingSetBuilder.build(List.of(quiet("a", 1), quiet("b", 2)), day(400), CONFIG);
        set.ageDays()[0] = 9;
        assertThat(set.ageDays()[0]).isZero();
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
        void fewerThanTwoLabelledSnapshots() {
            // lead a: created on day 219.5, only its 0 h snapshot's horizon has passed by day 400
            assertThatThrownBy(() -> TrainingSetBuilder.build(List.of(quiet("a", 219.5), quiet("b", 300)), day(400), CONFIG))
                    .hasMessageContaining("Not enough labelled snapshots as of 2026-02-05T00:00:00Z: 1 from 2 leads")
                    .hasMessageContaining("1 leads whose every snapshot is still inside its 180-day horizon");
        }

        @Test
        void snapshotsThatCannotBeSplitInTime() {
            TrainingSetConfig once = CONFIG.withSchedule(SnapshotSchedule.parse("0h", "91d"));
            assertThatThrownBy(() -> TrainingSetBuilder.build(List.of(quiet("a", 1), quiet("b", 1), quiet("c", 1)),
                    day(200), once)).hasMessageContaining("No out-of-time split possible");
        }

        @Test
        void aHoldoutDateThatLeavesNothingOnOneSide() {
            List<LeadHistory> histories = List.of(quiet("a", 1), quiet("b", 2), quiet("c", 3));
            assertThatThrownBy(() -> TrainingSetBuilder.build(histories, day(600), ALL.withHoldoutFrom(day(900))))
                    .hasMessageContaining("No out-of-time split at " + day(900))
                    .hasMessageContaining("the holdout must leave snapshots on both sides");
            assertThatThrownBy(() -> TrainingSetBuilder.build(histories, day(600), ALL.withHoldoutFrom(day(0))))
                    .hasMessageContaining("No out-of-time split at " + day(0));
        }

        @Test
        void aCapOfNoSnapshots() {
            assertThatThrownBy(() -> CONFIG.withMaxSnapshotsPerLead(0)).hasMessageContaining("Invalid snapshots per lead: 0");
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
