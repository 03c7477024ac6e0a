package io.leadscore.app.web.security;

import io.leadscore.scoring.domain.Printable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in failures, per account and per client address, and what they allow
 * next. After a failure the next attempt must wait a delay that doubles with
 * every further failure in a row (per address the delay starts at the fifth
 * and doubles every fifth, so that colleagues behind one office address do not
 * hold each other up); after
 * {@link SignInSettings#maxFailures()} failures of an account, or
 * {@link SignInSettings#maxFailuresPerAddress()} from an address, it is locked
 * for {@link SignInSettings#lock()}. An attempt that comes too early is refused
 * without its password being checked, so guessing gains nothing by hurrying:
 * 40 wrong passwords in 3 s become 40 refusals, and then the right one too.
 * A success clears the account and the address. Failures are logged with the
 * account name as typed and the address, never the password, and counted
 * ({@code leadscore.signin.failures}, {@code leadscore.signin.refused}).
 *
 * <p>Kept in memory: each server process throttles what reaches it. Entries
 * are forgotten {@code lock} after their last failure, and their number is
 * bounded.
 */
public class SignInThrottle {
    /** Per address, the delay doubles every this many failures. */
    static final int ADDRESS_STEP = 5;
    static final int MAX_ENTRIES = 100_000;
    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final SignInSettings settings;
    private final Clock clock;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final Counter failures;
    private final Counter refusedEarly;
    private final Counter refusedLocked;

    /** Failures in a row of one account or address, and when the last one was. */
    private record Failures(int count, Instant last) {
    }

    /** Whether an attempt may be checked now, and if not, for how long it must wait. */
    public record Verdict(boolean allowed, Duration retryAfter, boolean locked) {
        static final Verdict ALLOWED = new Verdict(true, Duration.ZERO, false);
    }

    public SignInThrottle(SignInSettings settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.failures = Counter.builder("leadscore.signin.failures")
                .description("Sign-ins refused for a wrong name or password").register(meters);
        this.refusedEarly = Counter.builder("leadscore.signin.refused").tag("reason", "delay")
                .description("Sign-in attempts refused unchecked: they came before the delay after a failure ran out")
                .register(meters);
        this.refusedLocked = Counter.builder("leadscore.signin.refused").tag("reason", "locked")
                .description("Sign-in attempts refused unchecked: too many failures locked the account or address")
                .register(meters);
    }

    /** Whether an attempt for this account from this address may have its password checked now. */
    public Verdict check(String account, String address) {
        Instant now = clock.instant();
        Verdict byAccount = verdict(accounts.get(key(account)), settings.maxFailures(), 1, now);
        Verdict byAddress = verdict(addresses.get(address(address)), settings.maxFailuresPerAddress(), ADDRESS_STEP, now);
        Verdict worse = byAccount.retryAfter().compareTo(byAddress.retryAfter()) >= 0 ? byAccount : byAddress;
        if (!worse.allowed()) {
            (worse.locked() ? refusedLocked : refusedEarly).increment();
            log.warn("Sign-in for '{}' from {} refused unchecked: {} for another {} s", printable(account),
                    address(address), worse.locked() ? "locked after too many failures" : "too soon after a failure",
                    seconds(worse.retryAfter()));
        }
        return worse;
    }

    /** A wrong name or password. */
    public void failed(String account, String address) {
        Instant now = clock.instant();
        forgetOld(now);
        Failures byAccount = accounts.compute(key(account), (k, f) -> next(f, now));
        Failures byAddress = addresses.compute(address(address), (k, f) -> next(f, now));
        failures.increment();
        Verdict next = verdict(byAccount, settings.maxFailures(), 1, now);
        Verdict nextByAddress = verdict(byAddress, settings.maxFailuresPerAddress(), ADDRESS_STEP, now);
        log.warn("Sign-in failed for '{}' from {}: {} failure(s) of the account in a row, {} from the address;"
                        + " the next attempt is checked in {} s{}", printable(account), address(address), byAccount.count(),
                byAddress.count(), seconds(max(next.retryAfter(), nextByAddress.retryAfter())),
                next.locked() || nextByAddress.locked() ? " (locked)" : "");
    }

    /** A successful sign-in: the account's and the address's failures are forgotten. */
    public void succeeded(String account, String address) {
        accounts.remove(key(account));
        addresses.remove(address(address));
    }

    private Failures next(Failures f, Instant now) {
        boolean fresh = f == null || f.last().plus(settings.lock()).isBefore(now);
        return new Failures(fresh ? 1 : f.count() + 1, now);
    }

    private Verdict verdict(Failures f, int limit, int step, Instant now) {
        if (f == null || f.last().plus(settings.lock()).isBefore(now)) {
            return Verdict.ALLOWED;
        }
        boolean locked = f.count() >= limit;
        Duration wait = locked ? settings.lock() : delay(f.count(), step);
        Instant until = f.last().plus(wait);
        return until.isAfter(now) ? new Verdict(false, Duration.between(now, until), locked) : Verdict.ALLOWED;
    }

    /**
     * The wait after {@code count} failures in a row: none for the first {@code step - 1}, then the delay, doubled
     * every {@code step} failures, capped.
     */
    Duration delay(int count, int step) {
        if (count < step) {
            return Duration.ZERO;
        }
        int doublings = Math.min(30, (count - step) / step);
        Duration d = settings.delay().multipliedBy(1L << doublings);
        return d.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : d;
    }

    /** Entries whose last failure is older than a lock are forgotten; past the bound, the oldest half goes. */
    private void forgetOld(Instant now) {
        Instant horizon = now.minus(settings.lock());
        if (accounts.size() + addresses.size() < MAX_ENTRIES / 2) {
            return;
        }
        accounts.values().removeIf(f -> f.last().isBefore(horizon));
        addresses.values().removeIf(f -> f.last().isBefore(horizon));
        if (accounts.size() + addresses.size() >= MAX_ENTRIES) {
            Instant median = now.minus(settings.lock().dividedBy(2));
            accounts.values().removeIf(f -> f.last().isBefore(median));
            addresses.values().removeIf(f -> f.last().isBefore(median));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long seconds(Duration d) {
        return Math.max(d.isZero() ? 0 : 1, (d.toMillis() + 999) / 1000);
    }

    private static String key(String account) {
        String name = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static String address(String address) {
        return address == null || address.isBlank() ? "unknown" : Printable.of(address.strip());
    }

    /** An account name as typed, for the log: escaped, and cut short (a password typed into the name field stays short). */
    private static String printable(String account) {
        String name = account == null ? "" : account;
        return Printable.of(name.length() > 64 ? name.substring(0, 64) + "…" : name);
    }
}
