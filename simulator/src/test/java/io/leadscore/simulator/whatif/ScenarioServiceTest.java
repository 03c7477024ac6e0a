package io.leadscore.simulator.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.calibration.Calibration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScenarioServiceTest {
    private static final ScenarioService COMMAND_LINE = new ScenarioService(ScenarioService.Limits.RANGES);
    private static final ScenarioService SERVER = new ScenarioService(
            new ScenarioService.Limits(100_000, 20_000, 10, " here (the command line takes more)"));

    /** A store whose last period of any length won 200,000 with 6 reps; counts which lengths were asked. */
    static final class FakeStore implements StoreBase {
        final List<Integer> asked = new ArrayList<>();
        final Policy policy = Policy.defaults().withMqlThreshold(0.3).withSlaHours(12);

        @Override
        public Instant asOf() {
            return Instant.parse("2026-06-01T00:00:00Z");
        }

        @Override
        public Calibration calibration() {
            return Calibration.defaults();
        }

        @Override
        public Policy policy() {
            return policy;
        }

        @Override
        public Optional<Double> leadsPerWeek() {
            return Optional.of(321.0);
        }

        @Override
        public LastPeriod lastPeriod(int days) {
            asked.add(days);
            return new LastPeriod(200_000, Optional.of(6));
        }
    }

    private static ScenarioParameters given(Double quota, Integer periodDays, Integer reps) {
        return new ScenarioParameters("--", quota, periodDays, null, null, null, null, null, reps, null, 100, 1L, 1,
                true);
    }

    @Test
    void theStoreFillsWhatTheParametersLeaveOutWithItsPolicyVolumeTeamAndGrowthQuota() {
        FakeStore store = new FakeStore();

        Scenario s = COMMAND_LINE.setup(given(null, 60, null), () -> store).scenario();

        assertThat(s.policy()).isEqualTo(store.policy);
        assertThat(s.leadsPerWeek()).isEqualTo(321.0);
        assertThat(s.capacity().reps()).isEqualTo(6);
        // 200,000 won in the 60 days before, plus 10%
        assertThat(s.quota()).isEqualTo(220_000);
        assertThat(store.asked).containsExactly(60);
    }

    @Test
    void theStoresLastPeriodIsReadForTheLengthThatIsSimulated() {
        FakeStore store = new FakeStore();
        ScenarioParameters p = new ScenarioParameters("--", null, null, "2027-01-01", "2027-03-31", null, null, null,
                null, null, 100, 1L, 1, true);

        Scenario s = COMMAND_LINE.setup(p, () -> store).scenario();

        // January to March 2027, both ends counted: 90 days
        assertThat(s.periodDays()).isEqualTo(90).isEqualTo(p.periodLength());
        assertThat(store.asked).containsExactly(90);
    }

    @Test
    void whatTheParametersGiveWinsOverTheStoreAndTheStoresPeriodIsNotReadForNothing() {
        FakeStore store = new FakeStore();

        Scenario s = COMMAND_LINE.setup(given(123_000.0, null, 7), () -> store).scenario();

        assertThat(s.quota()).isEqualTo(123_000);
        assertThat(s.capacity().reps()).isEqualTo(7);
        assertThat(store.asked).isEmpty();
    }

    @Test
    void withoutCalibrationTheStoreIsNeverRead() {
        ScenarioParameters p = ScenarioParameters.none("");

        Scenario s = SERVER.setup(p, () -> {
            throw new AssertionError("the store was read");
        }).scenario();

        assertThat(s).isEqualTo(Scenario.defaults());
    }

    @Test
    void theDefaultSweepIsHalfToTwiceTheThresholdOnAThousandthsGrid() {
        assertThat(ScenarioService.defaultThresholds(0.12)).containsExactly(0.06, 0.09, 0.12, 0.18, 0.24);
        // those outside (0, 1) are left out
        assertThat(ScenarioService.defaultThresholds(0.6)).containsExactly(0.3, 0.45, 0.6, 0.9);
        assertThat(ScenarioService.defaultThresholds(0.001)).containsExactly(0.001, 0.002);
    }

    @Test
    void aPlanWithoutSweepsRunsTheDefaultSweepAroundTheStoresThreshold() {
        ScenarioService.Prepared<?> plan = COMMAND_LINE.plan(given(null, null, null), FakeStore::new, 0.8, null, null);

        // the store's threshold 0.3: 0.15, 0.225, 0.3, 0.45, 0.6 against five SLA values
        assertThat(plan.points()).isEqualTo(25);
    }

    @Nested
    class RefusesWithTheFrontDoorsNames {
        @Test
        void aFlagOutOfItsRange() {
            ScenarioParameters p = new ScenarioParameters("--", null, null, null, null, 1.5, null, null, null, null,
                    null, null, null, false);
            assertThatThrownBy(() -> COMMAND_LINE.simulate(p, FakeStore::new)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("--threshold 1.5: expected more than 0 and less than 1");
        }

        @Test
        void aQueryParameterOutOfItsRange() {
            ScenarioParameters p = new ScenarioParameters("", null, null, null, null, null, null, null, -1, null,
                    null, null, null, false);
            assertThatThrownBy(() -> SERVER.levers(p, FakeStore::new)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("reps -1: expected 0 to 10,000");
        }

        @Test
        void halfAPeriod() {
            ScenarioParameters p = new ScenarioParameters("--", null, null, "2027-01-01", null, null, null, null, null,
                    null, null, null, null, false);
            assertThatThrownBy(() -> COMMAND_LINE.simulate(p, FakeStore::new)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("--from and --to go together (or use --period-days)");
        }

        @Test
        void moreTrialsThanTheServerAllows() {
            ScenarioParameters p = new ScenarioParameters("", null, null, null, null, null, null, null, null, null,
                    200_000, null, null, false);
            assertThatThrownBy(() -> SERVER.simulate(p, FakeStore::new)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("Invalid trials: 200000, expected 1 to 100,000 here (the command line takes more)");
            assertThat(COMMAND_LINE.simulate(p.fromStore(), FakeStore::new).options().trials()).isEqualTo(200_000);
        }

        @Test
        void aSweepLongerThanTheLimit() {
            List<Double> eleven = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0);
            assertThatThrownBy(() -> SERVER.plan(ScenarioParameters.none(""), FakeStore::new, 0.8, null, eleven))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("sweep-sla-hours: 11 values, expected 1 to 10 here (the command line takes more)");
        }

        @Test
        void anSlaThatDoesNotRunOutBeforeTheMqlIsRecycled() {
            // the default policy recycles after 14 days: 336 hours, the longest SLA it may hold
            ScenarioParameters p = new ScenarioParameters("--", null, null, null, null, null, 340.0, null, null, null,
                    null, null, null, false);
            assertThatThrownBy(() -> COMMAND_LINE.simulate(p, FakeStore::new)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("--sla-hours 340: an SLA may not be longer than the recycling time of the policy, 14"
                            + " days (336 hours): an MQL breaches its SLA before it is recycled");
            ScenarioParameters longest = new ScenarioParameters("--", null, null, null, null, null, 336.0, null, null,
                    null, null, null, null, false);
            assertThat(COMMAND_LINE.simulate(longest, FakeStore::new)).isNotNull();
            assertThatThrownBy(() -> SERVER.plan(ScenarioParameters.none(""), FakeStore::new, 0.8, null,
                    List.of(4.0, 337.0))).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("sweep-sla-hours 337: an SLA may not be longer than the recycling time");
        }

        @Test
        void aPeriodOutsideTheContractsDates() {
            ScenarioParameters early = new ScenarioParameters("--", null, null, "1969-01-01", "1969-02-01", null, null,
                    null, null, null, null, null, null, false);
            assertThatThrownBy(() -> COMMAND_LINE.simulate(early, FakeStore::new)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("--from 1969-01-01: expected 1970-01-01 to 2199-12-31");
            ScenarioParameters backwards = new ScenarioParameters("", null, null, "2027-03-01", "2027-01-01", null, null,
                    null, null, null, null, null, null, false);
            assertThatThrownBy(() -> SERVER.simulate(backwards, FakeStore::new)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("from 2027-03-01 to 2027-01-01: expected a period of 1 to 3,660 days, both counted in");
        }

        @Test
        void aStoreIsNotReadForAWhatIfThatIsRefused() {
            ScenarioParameters p = new ScenarioParameters("--", null, 0, null, null, null, null, null, null, null,
                    null, null, null, true);
            assertThatThrownBy(() -> COMMAND_LINE.simulate(p, () -> {
                throw new AssertionError("the store was read");
            })).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("--period-days 0");
        }
    }
}
