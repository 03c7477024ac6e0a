package io.leadscore.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadTestHistoryTest {
    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");

    private record Drawn(List<Lead> leads, List<Stage> stages, List<long[]> activities) {
    }

    private static Drawn draw(long seed, int leads, double perLead) {
        LoadTestHistory history = new LoadTestHistory(leads, perLead, seed, END);
        Drawn d = new Drawn(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        history.leads((lead, stage) -> {
            d.leads().add(lead);
            d.stages().add(stage);
        });
        long count = history.activities((lead, at, type) -> d.activities().add(new long[] {lead, at, type.ordinal()}));
        assertThat(count).isEqualTo(d.activities().size());
        return d;
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        Drawn a = draw(5, 2_000, 15);
        Drawn b = draw(5, 2_000, 15);

        assertThat(a.leads()).isEqualTo(b.leads());
        assertThat(a.stages()).isEqualTo(b.stages());
        assertThat(a.activities()).zipSatisfy(b.activities(), (x, y) -> assertThat(x).containsExactly(y));
        assertThat(draw(6, 2_000, 15).leads()).isNotEqualTo(a.leads());
    }

    @Test
    void leadsSpanTwoYearsInCreationOrderWithTheCatalogsFields() {
        Drawn d = draw(1, 5_000, 15);

        assertThat(d.leads()).hasSize(5_000);
        assertThat(d.leads().get(0).createdAt()).isEqualTo(END.minus(Duration.ofDays(730)));
        assertThat(d.leads().get(4_999).createdAt()).isBefore(END);
        for (int i = 1; i < d.leads().size(); i++) {
            assertThat(d.leads().get(i).createdAt()).isAfterOrEqualTo(d.leads().get(i - 1).createdAt());
        }
        assertThat(d.leads()).allSatisfy(lead -> {
            assertThat(List.of(Catalog.INDUSTRIES)).contains(lead.industry());
            assertThat(List.of(Catalog.SOURCES)).contains(lead.source());
            assertThat(List.of(Catalog.COUNTRIES)).contains(lead.country());
        });
        // one in forty closed, won or lost evenly: 125 expected, binomial sd about 11
        long closed = d.stages().stream().filter(Stage::isClosed).count();
        assertThat(closed).isBetween(125L - 45, 125L + 45);
        assertThat(d.stages()).contains(Stage.WON, Stage.LOST).doesNotContain(Stage.MQL, Stage.NURTURE);
    }

    @Test
    void activitiesAverageTheMeanAndFallBetweenEachLeadsCreationAndTheEnd() {
        Drawn d = draw(2, 5_000, 15);

        // Poisson(15) per lead, a few cut at the end: the mean lies a little under 15 (sd of the mean 0.055)
        double mean = d.activities().size() / 5_000.0;
        assertThat(mean).isBetween(13.0, 15.3);
        int previousLead = -1;
        long previousTime = Long.MIN_VALUE;
        for (long[] a : d.activities()) {
            Lead lead = d.leads().get((int) a[0]);
            assertThat(a[1]).isGreaterThan(lead.createdAt().toEpochMilli()).isLessThan(END.toEpochMilli());
            assertThat((int) a[0]).isGreaterThanOrEqualTo(previousLead);
            if (a[0] == previousLead) {
                assertThat(a[1]).as("each lead's activities in time order").isGreaterThan(previousTime);
            }
            previousLead = (int) a[0];
            previousTime = a[1];
        }
        long pageViews = d.activities().stream().filter(a -> a[2] == ActivityType.PAGE_VIEW.ordinal()).count();
        assertThat(pageViews / (double) d.activities().size()).isBetween(0.35, 0.45);
    }

    @Test
    void aDayBringsADaysLeadsAndActivityOnLeadsDrawnSoFar() {
        LoadTestHistory history = new LoadTestHistory(7_300, 10, 3, END);
        history.leads((lead, stage) -> { });
        history.activities((lead, at, type) -> { });
        List<Lead> newLeads = new ArrayList<>();
        List<long[]> activities = new ArrayList<>();
        Instant to = END.plus(Duration.ofDays(1));

        long added = history.day(END, to, (lead, stage) -> newLeads.add(lead),
                (lead, at, type) -> activities.add(new long[] {lead, at}));

        assertThat(newLeads).hasSize(10).allSatisfy(l -> assertThat(l.createdAt()).isBetween(END, to));
        assertThat(history.leadsDrawn()).isEqualTo(7_310);
        assertThat(added).isEqualTo(100).isEqualTo(activities.size());
        assertThat(activities).allSatisfy(a -> {
            assertThat(a[0]).isBetween(0L, 7_309L);
            assertThat(a[1]).isBetween(END.toEpochMilli(), to.toEpochMilli());
        });
    }

    @Test
    void rejectsAnEmptyHistory() {
        assertThrows(IllegalArgumentException.class, () -> new LoadTestHistory(0, 15, 1, END));
        assertThrows(IllegalArgumentException.class, () -> new LoadTestHistory(10, 0, 1, END));
    }
}
