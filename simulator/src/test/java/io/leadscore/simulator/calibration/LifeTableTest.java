package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LifeTableTest {

    @Test
    void aWeeksChanceIsReadPerDaySoThatSevenDaysCompoundToIt() {
        for (double week : new double[] {1e-6, 0.01, 0.2, 0.6, 0.99}) {
            double day = LifeTable.daily(week);
            assertThat(1 - Math.pow(1 - day, 7)).as("week %s", week).isCloseTo(week, within(1e-12));
            // a seventh of the week's chance would close fewer: 47% instead of 60% at 0.6
            assertThat(day).isGreaterThanOrEqualTo(week / 7);
        }
        assertThat(1 - Math.pow(1 - 0.6 / 7, 7)).isCloseTo(0.466, within(0.001));
        assertThat(LifeTable.daily(0)).isZero();
        assertThat(LifeTable.daily(1)).isEqualTo(1);
        assertThat(LifeTable.daily(Double.NaN)).isZero();
    }

    @Test
    void aWellObservedWeekKeepsItsOwnRate() {
        double[] events = new double[LifeTable.WEEKS];
        double[] exposure = new double[LifeTable.WEEKS];
        events[3] = 5;
        exposure[3] = 1_000;
        exposure[2] = 1_000;
        exposure[4] = 1_000;

        LifeTable table = new LifeTable(events, exposure);

        // 5 events over 1,000 lead-weeks; the neighbours' 0 events over theirs are not mixed in
        assertThat(table.hazard(3)).isCloseTo(0.005, within(1e-15));
        assertThat(table.hazard(2)).isZero();
        assertThat(table.events()).isEqualTo(5);
        assertThat(table.exposure()).isEqualTo(3_000);
    }

    @Test
    void aThinWeekBorrowsFromItsNeighbours() {
        double[] events = new double[LifeTable.WEEKS];
        double[] exposure = new double[LifeTable.WEEKS];
        events[10] = 1;
        exposure[10] = 20;
        events[9] = 2;
        exposure[9] = 60;
        events[11] = 0;
        exposure[11] = 60;

        LifeTable table = new LifeTable(events, exposure);

        // week 10 alone has 20 lead-weeks, below 100: weeks 9..11 hold 140 with 3 events
        assertThat(table.hazard(10)).isCloseTo(3 / 140.0, within(1e-15));
    }

    @Test
    void agesBeyondTheHistoryTakeTheNearestObservedRate() {
        double[] events = new double[LifeTable.WEEKS];
        double[] exposure = new double[LifeTable.WEEKS];
        for (int w = 0; w < 10; w++) {
            events[w] = 2;
            exposure[w] = 200;
        }

        LifeTable table = new LifeTable(events, exposure);

        // week 50's window grows to week 9, the nearest with exposure: 2 of 200
        assertThat(table.hazard(50)).isCloseTo(0.01, within(1e-15));
        // past the table, the tail's rate (its window too reaches back to week 9)
        assertThat(table.hazard(LifeTable.WEEKS)).isCloseTo(0.01, within(1e-15));
        assertThat(table.hazard(10 * LifeTable.WEEKS)).isCloseTo(0.01, within(1e-15));
        assertThat(table.hazard(-1)).isZero();
        assertThat(LifeTable.none().hazard(0)).isZero();
    }

    @Nested
    class Rejects {
        @Test
        void tablesOfAnotherLength() {
            assertThat(assertThrows(IllegalArgumentException.class, () -> new LifeTable(new double[3], new double[3])))
                    .hasMessageContaining("3 event and 3 exposure weeks").hasMessageContaining("104");
        }

        @Test
        void negativeOrInfiniteCounts() {
            double[] events = new double[LifeTable.WEEKS];
            events[7] = -1;
            assertThat(assertThrows(IllegalArgumentException.class,
                    () -> new LifeTable(events, new double[LifeTable.WEEKS]))).hasMessageContaining("week 7");
            double[] exposure = new double[LifeTable.WEEKS];
            exposure[2] = Double.POSITIVE_INFINITY;
            assertThrows(IllegalArgumentException.class, () -> new LifeTable(new double[LifeTable.WEEKS], exposure));
        }
    }
}
