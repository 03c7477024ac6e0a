package io.leadscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.simulator.calibration.Calibration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A simulation whose caller is interrupted stops: a server gives up work whose client went away. */
class SimulatorCancellationTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void anInterruptedCallerStopsTheTrials(int threads) throws Exception {
        // a large volume makes every trial long: all of them would take minutes; the interrupt must end them
        // within a block of trials
        SimulationOptions options = SimulationOptions.defaults().withTrials(200_000).withThreads(threads);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                Simulator.run(Scenario.defaults().withLeadsPerWeek(100_000), Calibration.defaults(), options);
            } catch (Throwable e) {
                outcome.set(e);
            } finally {
                done.countDown();
            }
        });
        caller.start();

        caller.interrupt();

        assertThat(done.await(30, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(outcome.get()).isInstanceOf(CancellationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aCallerInterruptedBeforeItStartsRunsNothing(int threads) {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Simulator.run(Scenario.defaults(), Calibration.defaults(),
                    SimulationOptions.defaults().withTrials(1_000).withThreads(threads)))
                    .isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
