package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.leadscore.scoring.features.LeadFixture.activity;
import static io.leadscore.scoring.features.LeadFixture.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EngagementStateTest {
    private static final long DAY = 86_400_000L;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ActivityType[] TYPES = ActivityType.values();

    /** Every engagement feature: all types windowed and signalled, over the longest windows. */
    private static final FeatureExtractor EXTRACTOR = FeatureSpace.learn(List.of(), FeatureConfig.builder()
            .halfLifeDays(9.5).windowDays(10).activeDaysWindow(64)
            .windowedTypes(List.of(TYPES)).signalTypes(List.of(TYPES)).build()).extractor();

    @Test
    void rollingForwardGivesTheVectorOfAStateBuiltFromTheFullHistory() {
        int checked = 0;
        for (int seed = 0; seed < 400; seed++) {
            // given a random history over ~120 days, up to three nightly runs, and events that arrive late
            SplittableRandom random = new SplittableRandom(seed);
            Lead lead = lead("lead-" + seed, T0.plusMillis(random.nextLong(10 * DAY))).build();
            long end = T0.toEpochMilli() + 120 * DAY;
            List<Activity> events = new ArrayList<>();
            List<Long> arrivals = new ArrayList<>();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                long occurred = T0.toEpochMilli() + random.nextLong(end - T0.toEpochMilli());
                if (random.nextInt(10) == 0) {
                    occurred = end - random.nextLong(3 * DAY) + random.nextLong(DAY);
                }
                events.add(activity(lead.leadId(), TYPES[random.nextInt(TYPES.length)], Instant.ofEpochMilli(occurred)));
                // mostly on time, sometimes weeks late
                long lateness = random.nextInt(4) == 0 ? random.nextLong(40 * DAY) : random.nextLong(DAY);
                arrivals.add(occurred + lateness);
            }
            long[] runs = randomRuns(random, T0.toEpochMilli(), end);

            // when rolled forward run by run with the events that arrived since the previous run
            EngagementState state = EXTRACTOR.newState(Instant.ofEpochMilli(runs[0]));
            List<Activity> pending = new ArrayList<>();
            long previousRun = Long.MIN_VALUE;
            for (long run : runs) {
                if (random.nextBoolean()) {
                    state = EngagementState.fromBytes(state.toBytes());
                }
                state.advanceTo(run);
                for (int i = 0; i < events.size(); i++) {
                    if (arrivals.get(i) >= previousRun && arrivals.get(i) < run) {
                        pending.add(events.get(i));
                    }
                }
                pending.removeIf(state::add);
                previousRun = run;

                // then the vector equals the one built from every event known at the run
                List<Activity> known = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    if (arrivals.get(i) < run) {
                        known.add(events.get(i));
                    }
                }
                Instant at = Instant.ofEpochMilli(run);
                assertSameVector(EXTRACTOR.extract(lead, state, at), EXTRACTOR.extract(lead, known, at), seed);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(800);
    }

    @Test
    void theOrderOfEventsDoesNotMatter() {
        SplittableRandom random = new SplittableRandom(11);
        Instant asOf = T0.plus(Duration.ofDays(60));
        List<Activity> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(activity("x", TYPES[random.nextInt(TYPES.length)], T0.plusMillis(random.nextLong(60 * DAY))));
        }
        List<Activity> reversed = new ArrayList<>(events);
        java.util.Collections.reverse(reversed);
        Lead lead = lead("x", T0).build();

        assertSameVector(EXTRACTOR.extract(lead, reversed, asOf), EXTRACTOR.extract(lead, events, asOf), 11);
    }

    @Test
    void advancingByOneHalfLifeHalvesTheDecayedCounts() {
        EngagementState state = EngagementState.empty(14, 7, T0);
        state.add(ActivityType.PRICING_VIEW, T0.minusMillis(1));
        state.add(ActivityType.PRICING_VIEW, T0.minus(Duration.ofDays(14)));

        state.advanceTo(T0.plus(Duration.ofDays(14)));

        // (2^(-1ms/14d) + 1/2) / 2
        assertThat(state.decayedCount(ActivityType.PRICING_VIEW)).isCloseTo((1 + 0.5) / 2, within(1e-8));
        assertThat(state.windowCount(ActivityType.PRICING_VIEW, 7)).isZero();
        assertThat(state.activeDays(64)).isEqualTo(2);
        assertThat(state.lastActivity()).contains(T0.minusMillis(1));
    }

    @Test
    void aLateEventIsAddedAsIfItHadBeenThereAllAlong() {
        EngagementState onTime = EngagementState.empty(14, 7, T0);
        onTime.add(ActivityType.EMAIL_CLICK, T0.minus(Duration.ofDays(3)));
        onTime.advanceTo(T0.plus(Duration.ofDays(2)));

        EngagementState late = EngagementState.empty(14, 7, T0);
        late.advanceTo(T0.plus(Duration.ofDays(2)));
        boolean counted = late.add(ActivityType.EMAIL_CLICK, T0.minus(Duration.ofDays(3)));

        assertThat(counted).isTrue();
        assertThat(late.decayedCount(ActivityType.EMAIL_CLICK)).isCloseTo(onTime.decayedCount(ActivityType.EMAIL_CLICK), within(1e-15));
        assertThat(late.windowCount(ActivityType.EMAIL_CLICK, 7)).isEqualTo(1);
        assertThat(late.activeDays(64)).isEqualTo(onTime.activeDays(64)).isEqualTo(1);
        assertThat(late.lastActivity()).isEqualTo(onTime.lastActivity());
    }

    @Test
    void eventsAtOrAfterTheStateTimeAreLeftForALaterRun() {
        EngagementState state = EngagementState.empty(14, 7, T0);

        assertThat(state.add(ActivityType.PAGE_VIEW, T0)).isFalse();
        assertThat(state.add(ActivityType.PAGE_VIEW, T0.plusSeconds(5))).isFalse();
        assertThat(state.hasActivity()).isFalse();
        assertThat(state.toBytes()).hasSize(20);
    }

    @Test
    void readFromReusesAnInstanceAcrossLeads() {
        EngagementState first = EngagementState.empty(14, 7, T0);
        first.add(ActivityType.TRIAL_SIGNUP, T0.minusSeconds(60));
        EngagementState other = EngagementState.empty(30, 3, T0.plusSeconds(3600));
        other.add(ActivityType.PAGE_VIEW, T0);

        EngagementState reused = EngagementState.empty(14, 7, T0);
        reused.readFrom(first.toBytes());
        reused.readFrom(other.toBytes());

        assertThat(reused.toBytes()).isEqualTo(other.toBytes());
        assertThat(reused.halfLifeDays()).isEqualTo(30);
        assertThat(reused.windowDays()).isEqualTo(3);
        assertThat(reused.windowCount(ActivityType.PAGE_VIEW, 3)).isEqualTo(1);
        assertThat(reused.seen(ActivityType.TRIAL_SIGNUP)).isFalse();
    }

    @Test
    void bytesRoundTripEveryField() {
        EngagementState state = EngagementState.empty(14, 7, T0.plus(Duration.ofHours(5)));
        for (int i = 0; i < 300; i++) {
            state.add(ActivityType.PAGE_VIEW, T0.minusSeconds(i * 60L));
        }
        state.add(ActivityType.UNSUBSCRIBE, T0.minus(Duration.ofDays(50)));

        byte[] bytes = state.toBytes();
        EngagementState read = EngagementState.fromBytes(bytes);

        assertThat(read.toBytes()).isEqualTo(bytes);
        assertThat(read.asOf()).isEqualTo(state.asOf());
        assertThat(read.decayedCount(ActivityType.PAGE_VIEW)).isEqualTo(state.decayedCount(ActivityType.PAGE_VIEW));
        assertThat(read.windowCount(ActivityType.PAGE_VIEW, 7)).isEqualTo(300);
        assertThat(read.seen(ActivityType.UNSUBSCRIBE)).isTrue();
        assertThat(read.activeDays(64)).isEqualTo(state.activeDays(64));
        assertThat(read.total(ActivityType.PAGE_VIEW)).isEqualTo(300);
        assertThat(read.total(ActivityType.UNSUBSCRIBE)).isEqualTo(1);
        assertThat(read.totalsKnown()).isTrue();
        // 38 bytes, 8 per type seen, for the one type with events in the window 7 daily varints (300 takes two), and a
        // total per type seen (300 takes two)
        assertThat(bytes).hasSize(38 + 2 * 8 + 8 + 3);
    }

    @Test
    void keepsNoDailyCountsForTypesWithoutRecentEvents() {
        EngagementState state = EngagementState.empty(14, 7, T0);
        state.add(ActivityType.PAGE_VIEW, T0.minus(Duration.ofDays(30)));
        state.add(ActivityType.EMAIL_OPEN, T0.minus(Duration.ofDays(40)));

        assertThat(state.toBytes()).hasSize(38 + 2 * 8 + 2);

        state.add(ActivityType.EMAIL_OPEN, T0.minus(Duration.ofDays(1)));
        assertThat(state.toBytes()).hasSize(38 + 2 * 8 + 7 + 2);
    }

    @Test
    void readsAStateWrittenBeforeTotalsWereKeptAndAsksForItToBeRebuilt() {
        EngagementState state = EngagementState.empty(14, 7, T0);
        state.add(ActivityType.PAGE_VIEW, T0.minus(Duration.ofDays(3)));
        byte[] v2 = state.toBytes();
        // format 1: the same bytes without the trailing totals, version byte 1
        byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 1);
        v1[0] = 1;

        EngagementState read = EngagementState.fromBytes(v1);

        assertThat(read.decayedCount(ActivityType.PAGE_VIEW)).isEqualTo(state.decayedCount(ActivityType.PAGE_VIEW));
        assertThat(read.totalsKnown()).isFalse();
        assertThat(FeatureSettings.of(14, 7).fits(read)).isFalse();
        assertThat(FeatureSettings.of(14, 7).fits(state)).isTrue();
    }

    @Nested
    class Refuses {
        private final byte[] valid = sample().toBytes();

        private static EngagementState sample() {
            EngagementState state = EngagementState.empty(14, 7, T0);
            state.add(ActivityType.DEMO_REQUEST, T0.minus(Duration.ofDays(2)));
            return state;
        }

        @Test
        void anUnknownVersion() {
            byte[] bytes = valid.clone();
            bytes[0] = 3;

            assertThatThrownBy(() -> EngagementState.fromBytes(bytes))
                    .hasMessage("Unsupported engagement state version 3, this release reads versions 1 to 2");
        }

        @Test
        void truncatedOrOverlongBytes() {
            for (int length = 0; length < valid.length; length++) {
                byte[] prefix = Arrays.copyOf(valid, length);
                assertThatThrownBy(() -> EngagementState.fromBytes(prefix)).as("length %d", length)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> EngagementState.fromBytes(Arrays.copyOf(valid, valid.length + 1)))
                    .hasMessageContaining("1 bytes after the end of the state");
        }

        @Test
        void impossibleValues() {
            assertThatThrownBy(() -> EngagementState.fromBytes(with(valid, 1, 0))).hasMessageContaining("window of 0 days");
            assertThatThrownBy(() -> EngagementState.fromBytes(with(valid, 1, 32))).hasMessageContaining("window of 32 days");
            // the seen mask is at bytes 18-19; bit 14 names no type
            assertThatThrownBy(() -> EngagementState.fromBytes(with(valid, 18, 0x40))).hasMessageContaining("unknown types");
            // the half-life's sign bit
            assertThatThrownBy(() -> EngagementState.fromBytes(with(valid, 2, 0xC0))).hasMessageContaining("half-life -");
            // the decayed count's sign bit (after 20 + 18 header bytes)
            assertThatThrownBy(() -> EngagementState.fromBytes(with(valid, 38, 0xBF))).hasMessageContaining("decayed count -");
            // the window mask (bytes 36-37) naming a type never seen
            assertThatThrownBy(() -> EngagementState.fromBytes(with(valid, 37, 0x03))).hasMessageContaining("names types not seen");
            // a last activity after the state's time
            assertThatThrownBy(() -> EngagementState.fromBytes(with(valid, 20, 0x7F))).hasMessageContaining("last activity");
            byte[] endless = valid.clone();
            Arrays.fill(endless, 46, endless.length, (byte) 0xFF);
            assertThatThrownBy(() -> EngagementState.fromBytes(endless)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void andStaysUnchangedWhenBytesAreBad() {
            EngagementState state = sample();
            byte[] before = state.toBytes();

            assertThatThrownBy(() -> state.readFrom(with(valid, 38, 0xBF))).isInstanceOf(IllegalArgumentException.class);

            assertThat(state.toBytes()).isEqualTo(before);
        }

        @Test
        void rollingBack() {
            EngagementState state = sample();

            assertThatThrownBy(() -> state.advanceTo(T0.minusMillis(1))).hasMessageContaining("Cannot roll an engagement state back");
        }

        @Test
        void windowsOutsideWhatItKeeps() {
            EngagementState state = sample();

            assertThatThrownBy(() -> state.windowCount(ActivityType.PAGE_VIEW, 8)).hasMessageContaining("expected 1 to 7");
            assertThatThrownBy(() -> state.activeDays(0)).hasMessageContaining("expected 1 to 64");
            assertThatThrownBy(() -> EngagementState.empty(14, 0, T0)).hasMessageContaining("Invalid window: 0 days");
            assertThatThrownBy(() -> EngagementState.empty(Double.NaN, 7, T0)).hasMessageContaining("Invalid half-life: NaN");
        }

        private static byte[] with(byte[] bytes, int index, int value) {
            byte[] copy = bytes.clone();
            copy[index] = (byte) value;
            return copy;
        }
    }

    /** One to three run times, ascending, within the history. */
    private static long[] randomRuns(SplittableRandom random, long from, long to) {
        long[] runs = new long[1 + random.nextInt(3)];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = from + random.nextLong(to - from + 5 * DAY);
            if (random.nextBoolean()) {
                runs[i] -= Math.floorMod(runs[i], DAY);
            }
        }
        Arrays.sort(runs);
        return runs;
    }

    private static void assertSameVector(double[] actual, double[] expected, int seed) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-9 * Math.max(Math.abs(expected[i]), Math.abs(actual[i]));
            assertThat(actual[i]).as("seed %d, feature %s", seed, EXTRACTOR.schema().get(i).name())
                    .isCloseTo(expected[i], within(tolerance));
        }
    }
}
