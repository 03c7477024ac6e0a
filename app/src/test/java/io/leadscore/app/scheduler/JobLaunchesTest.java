package io.leadscore.app.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.leadscore.batch.rescoring.RescoreReport;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.slacheck.SlaCheck;
import io.leadscore.batch.slacheck.SlaCheckReport;
import io.leadscore.batch.store.JobHistory;
import io.leadscore.batch.store.JobLock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Background runs: one of a kind at a time (refused in this process and when
 * another process holds the lock), failures kept and reported, the schedule's
 * refusals logged rather than thrown, and the metrics of what ran.
 */
class JobLaunchesTest {
    private static final Instant NOW = Instant.parse("2026-11-02T02:00:00Z");

    private final Rescoring rescoring = mock(Rescoring.class);
    private final SlaCheck slaCheck = mock(SlaCheck.class);
    private final JobLock lock = mock(JobLock.class);
    private final JobHistory history = mock(JobHistory.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private JobLaunches launches;

    @BeforeEach
    void setUp() {
        launches = new JobLaunches(rescoring, slaCheck, lock, history, Clock.fixed(NOW, ZoneOffset.UTC), new JobMetrics(meters));
    }

    @AfterEach
    void tearDown() {
        launches.destroy();
    }

    private static RescoreReport rescored(String status, long scored, long mqls) {
        return new RescoreReport(7, 11, status, status.equals("COMPLETED") ? null : "disk full", NOW,
                new RescoreReport.RunFigures("v3", 0.1, scored, mqls, 0.05, NOW, NOW), 2, scored, scored, 0, 1.5);
    }

    private static SlaCheckReport checked(long breaches) {
        return new SlaCheckReport(8, 12, "COMPLETED", null, NOW, null,
                new SlaCheckReport.Counts(40, 5, 20, breaches, 1, 0, 3), List.of(), List.of());
    }

    private Launch awaitEnd(long id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !launches.find(id).orElseThrow().running());
        return launches.find(id).orElseThrow();
    }

    @Test
    void aRescoringWhoseChampionIsRefusedIsRefusedAtOnceNotLaunched() {
        when(rescoring.checkChampion()).thenThrow(new io.leadscore.batch.registry.ModelRefusedException("v2",
                "its file does not match the SHA-256 recorded when it was registered"));

        assertThatThrownBy(() -> launches.start(JobKind.RESCORING, "ops")).isInstanceOf(
                io.leadscore.batch.registry.ModelRefusedException.class).hasMessageStartingWith("model v2 is refused");
        assertThat(launches.recent()).isEmpty();
        verify(rescoring, never()).run(any());
    }

    @Test
    void runsARescoringInTheBackgroundAndKeepsItsOutcome() {
        when(rescoring.run(any())).thenReturn(rescored("COMPLETED", 1_500, 42));

        Launch started = launches.start(JobKind.RESCORING, "web:olga");

        assertThat(started.running()).isTrue();
        Launch ended = awaitEnd(started.id());
        assertThat(ended.state()).isEqualTo(Launch.State.COMPLETED);
        assertThat(ended.outcome()).isEqualTo("1,500 leads scored, 42 new MQLs, PSI 0.050");
        assertThat(ended.runId()).isEqualTo(7);
        assertThat(meters.counter("leadscore.rescoring.leads.scored").count()).isEqualTo(1_500);
        assertThat(meters.counter("leadscore.rescoring.mqls.created").count()).isEqualTo(42);
        assertThat(meters.timer("leadscore.rescoring.duration", "outcome", "completed").count()).isEqualTo(1);
    }

    @Test
    void refusesASecondRunOfAKindWhileOneRunsAndAllowsItAfterwards() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        when(slaCheck.run()).thenAnswer(i -> {
            running.countDown();
            release.await(10, TimeUnit.SECONDS);
            return checked(4);
        });
        Launch first = launches.start(JobKind.SLA_CHECK, "web:olga");
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> launches.start(JobKind.SLA_CHECK, "web:ada"))
                .isInstanceOf(JobRefusedException.class)
                .hasMessageContaining("in progress").hasMessageContaining("web:olga");
        assertThat(launches.inProgress(JobKind.SLA_CHECK)).isTrue();
        // another kind is not held up
        when(rescoring.run(any())).thenReturn(rescored("COMPLETED", 10, 1));
        assertThat(awaitEnd(launches.start(JobKind.RESCORING, "web:ada").id()).state()).isEqualTo(Launch.State.COMPLETED);

        release.countDown();
        assertThat(awaitEnd(first.id()).state()).isEqualTo(Launch.State.COMPLETED);
        assertThat(meters.counter("leadscore.sla.breaches").count()).isEqualTo(4);
        assertThat(meters.counter("leadscore.jobs.refused", "job", "slaCheckJob").count()).isEqualTo(1);
        assertThat(awaitEnd(launches.start(JobKind.SLA_CHECK, "web:ada").id()).state()).isEqualTo(Launch.State.COMPLETED);
    }

    @Test
    void refusesARunWhileAnotherProcessHoldsTheLock() {
        when(lock.isHeld("rescoreJob")).thenReturn(true);

        assertThatThrownBy(() -> launches.start(JobKind.RESCORING, "web:olga"))
                .isInstanceOf(JobRefusedException.class).hasMessageContaining("another process");
        verify(rescoring, never()).run(any());
        assertThat(launches.recent()).isEmpty();
    }

    @Test
    void aRunRefusedByTheLockAfterTheCheckEndsRefused() {
        when(rescoring.run(any())).thenThrow(new JobLock.HeldException("another rescoreJob run is in progress (process 1)"));

        Launch ended = awaitEnd(launches.start(JobKind.RESCORING, "web:olga").id());

        assertThat(ended.state()).isEqualTo(Launch.State.REFUSED);
        assertThat(ended.outcome()).contains("process 1");
    }

    @Test
    void aFailedRunIsKeptAsFailedAndSaysHowToGoOn() {
        when(rescoring.run(any())).thenReturn(rescored("FAILED", 300, 2));

        Launch ended = awaitEnd(launches.start(JobKind.RESCORING, "scheduler").id());

        assertThat(ended.state()).isEqualTo(Launch.State.FAILED);
        assertThat(ended.outcome()).isEqualTo("failed: disk full; restart it from the Jobs page");
        assertThat(meters.timer("leadscore.rescoring.duration", "outcome", "failed").count()).isEqualTo(1);
    }

    @Test
    void anUnexpectedErrorEndsTheRunFailedAndFreesTheKind() {
        when(slaCheck.run()).thenThrow(new IllegalStateException("The SLA check could not start: store closed"));

        Launch ended = awaitEnd(launches.start(JobKind.SLA_CHECK, "web:olga").id());

        assertThat(ended.state()).isEqualTo(Launch.State.FAILED);
        assertThat(ended.outcome()).contains("store closed");
        assertThat(launches.inProgress(JobKind.SLA_CHECK)).isFalse();
    }

    @Nested
    class Schedule {
        @Test
        void runsInTheCallersThreadAndReturnsTheOutcome() {
            when(slaCheck.run()).thenReturn(checked(2));

            assertThat(launches.runScheduled(JobKind.SLA_CHECK)).get()
                    .satisfies(l -> assertThat(l.state()).isEqualTo(Launch.State.COMPLETED))
                    .satisfies(l -> assertThat(l.requestedBy()).isEqualTo("scheduler"));
        }

        @Test
        void skipsATickWhileARunIsInProgress() {
            when(lock.isHeld("slaCheckJob")).thenReturn(true);

            assertThat(launches.runScheduled(JobKind.SLA_CHECK)).isEmpty();
            verify(slaCheck, never()).run();
        }

        @Test
        void aTickThatFailsDoesNotStopTheSchedule() {
            JobLaunches failing = mock(JobLaunches.class);
            when(failing.runScheduled(any())).thenThrow(new IllegalStateException("boom"));
            JobSchedule schedule = new JobSchedule(new ScheduleSettings(null, null, null), failing);

            schedule.tick(JobKind.RESCORING);
            schedule.tick(JobKind.RESCORING);

            verify(failing, org.mockito.Mockito.times(2)).runScheduled(JobKind.RESCORING);
        }
    }

    @Nested
    class Restart {
        @Test
        void refusesAnExecutionThatDoesNotExist() {
            assertThatThrownBy(() -> launches.restart(99, "web:olga")).isInstanceOf(NoSuchRunException.class)
                    .hasMessageContaining("99");
        }

        @Test
        void refusesJobsThatAreNotRestartedFromHere() {
            JobHistory.Execution imported = new JobHistory.Execution(3, 3, "crmImportJob", "FAILED", true, true);

            assertThat(launches.whyNotRestartable(imported)).get().asString().contains("command line");
        }

        @Test
        void restartsOnlyTheLatestExecutionOfTheNewestRescoringRun() {
            assertThat(launches.whyNotRestartable(new JobHistory.Execution(5, 4, "rescoreJob", "FAILED", true, true))).isEmpty();
            assertThat(launches.whyNotRestartable(new JobHistory.Execution(5, 4, "rescoreJob", "FAILED", false, true)))
                    .get().asString().contains("not the latest");
            assertThat(launches.whyNotRestartable(new JobHistory.Execution(5, 4, "rescoreJob", "FAILED", true, false)))
                    .get().asString().contains("newest");
            assertThat(launches.whyNotRestartable(new JobHistory.Execution(5, 4, "rescoreJob", "COMPLETED", true, true)))
                    .get().asString().contains("only a failed run");
        }

        @Test
        void restartsARescoringLeftStartedByAProcessThatDied() {
            when(lock.isHeld(anyString())).thenReturn(false);
            assertThat(launches.whyNotRestartable(new JobHistory.Execution(5, 4, "rescoreJob", "STARTED", true, true))).isEmpty();
            when(lock.isHeld("rescoreJob")).thenReturn(true);
            assertThat(launches.whyNotRestartable(new JobHistory.Execution(5, 4, "rescoreJob", "STARTED", true, true)))
                    .isPresent();
        }
    }
}
