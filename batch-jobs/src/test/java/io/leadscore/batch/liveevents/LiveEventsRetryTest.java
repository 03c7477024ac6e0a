package io.leadscore.batch.liveevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;

/**
 * A live request's transaction is tried again while it collides with other writers — the same new lead sent by
 * several requests at once, a lock the embedded store gave up waiting for — and what still collides at the end is
 * a transient failure (the web answers 503), never a bug; any other failure is not retried.
 */
class LiveEventsRetryTest {
    @Test
    void collisionsAreTriedAgainUntilTheTransactionGoesThrough() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = LiveEvents.retried(() -> switch (attempts.incrementAndGet()) {
            case 1 -> throw new DuplicateKeyException("lead W-1 stored by another request meanwhile");
            case 2 -> throw new QueryTimeoutException("Timeout trying to lock table LEAD");
            case 3 -> throw new CannotAcquireLockException("deadlock detected");
            default -> "stored";
        });
        assertThat(answer).isEqualTo("stored");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void aLockThatStaysHeldIsThrownAsTheTransientFailureItIs() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> LiveEvents.retried(() -> {
            attempts.incrementAndGet();
            throw new QueryTimeoutException("Timeout trying to lock table LEAD");
        })).isInstanceOf(QueryTimeoutException.class);
        assertThat(attempts).hasValue(LiveEvents.ATTEMPTS);

        attempts.set(0);
        assertThatThrownBy(() -> LiveEvents.retried(() -> {
            attempts.incrementAndGet();
            throw new DuplicateKeyException("lead W-1");
        })).isInstanceOf(ConcurrencyFailureException.class).hasMessageContaining("collided 4 times");
        assertThat(attempts).hasValue(LiveEvents.ATTEMPTS);
    }

    @Test
    void otherFailuresAreNotTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> LiveEvents.retried(() -> {
            attempts.incrementAndGet();
            throw new DataIntegrityViolationException("a check constraint");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(attempts).hasValue(1);
    }
}
