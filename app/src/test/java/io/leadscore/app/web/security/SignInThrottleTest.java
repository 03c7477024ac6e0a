package io.leadscore.app.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTest {
    static final String RIGHT = "the-right-password";

    /** A clock the test moves: no sleeping for time to pass. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final TestClock clock = new TestClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SignInThrottle throttle = new SignInThrottle(new SignInSettings(null, null, null, null, null), clock, meters);
    final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
    final ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(new InMemoryUserDetailsManager(
            User.withUsername("maria").password(encoder.encode(RIGHT)).roles("LEADERSHIP").build()), encoder, throttle);

    Authentication attempt(String name, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return provider.authenticate(token);
    }

    @Test
    void fortyWrongPasswordsInThreeSecondsAreOneCheckAndThirtyNineRefusalsAndThenTheRightOneWaits(CapturedOutput output) {
        int checked = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            try {
                attempt("maria", "guess-" + i, "198.51.100.7");
            } catch (BadCredentialsException e) {
                checked++;
            } catch (SignInThrottledException e) {
                refused++;
            }
            clock.advance(Duration.ofMillis(75));
        }

        assertThat(checked).isEqualTo(2);
        assertThat(refused).isEqualTo(38);
        assertThatThrownBy(() -> attempt("maria", RIGHT, "198.51.100.7")).isInstanceOf(SignInThrottledException.class);
        assertThat(meters.counter("leadscore.signin.failures").count()).isEqualTo(2);
        assertThat(meters.counter("leadscore.signin.refused", "reason", "delay").count()).isEqualTo(39);
        assertThat(output.getAll()).contains("Sign-in failed for 'maria' from 198.51.100.7")
                .doesNotContain("guess-", RIGHT);
    }

    @Test
    void theDelayDoublesWithEachFailureAndTheRightPasswordWorksOnceItHasPassed() {
        Duration expected = Duration.ofSeconds(1);
        for (int failure = 1; failure <= 5; failure++) {
            assertThatThrownBy(() -> attempt("maria", "wrong", "198.51.100.7")).isInstanceOf(BadCredentialsException.class);
            clock.advance(expected.minusMillis(1));
            assertThatThrownBy(() -> attempt("maria", "wrong", "198.51.100.7"))
                    .isInstanceOfSatisfying(SignInThrottledException.class, e -> assertThat(e.locked()).isFalse());
            clock.advance(Duration.ofMillis(1));
            expected = expected.multipliedBy(2);
        }

        assertThat(attempt("maria", RIGHT, "198.51.100.7").isAuthenticated()).isTrue();
        // a success forgets the failures: the next mistake waits one second again
        assertThatThrownBy(() -> attempt("maria", "wrong", "198.51.100.7")).isInstanceOf(BadCredentialsException.class);
        assertThat(throttle.check("maria", "198.51.100.7").retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void tenFailuresLockTheAccountForFifteenMinutesFromAnyAddress() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> attempt("maria", "wrong", "198.51.100.7")).isInstanceOf(BadCredentialsException.class);
            clock.advance(Duration.ofMinutes(2));
        }
        // the tenth failure was two minutes ago; a lock lasts fifteen
        assertThatThrownBy(() -> attempt("maria", RIGHT, "203.0.113.9"))
                .isInstanceOfSatisfying(SignInThrottledException.class, e -> {
                    assertThat(e.locked()).isTrue();
                    assertThat(e.retryAfterSeconds()).isEqualTo(13 * 60);
                });
        assertThat(meters.counter("leadscore.signin.refused", "reason", "locked").count()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(13));
        assertThat(attempt("maria", RIGHT, "203.0.113.9").isAuthenticated()).isTrue();
    }

    @Test
    void oneAddressTryingManyAccountsIsLockedAfterFiftyFailures() {
        for (int i = 0; i < 50; i++) {
            String account = "user" + i;
            assertThatThrownBy(() -> attempt(account, "wrong", "192.0.2.66")).isInstanceOf(BadCredentialsException.class);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThatThrownBy(() -> attempt("maria", RIGHT, "192.0.2.66"))
                .isInstanceOfSatisfying(SignInThrottledException.class, e -> assertThat(e.locked()).isTrue());
        // another address is not held up by it
        assertThat(attempt("maria", RIGHT, "198.51.100.7").isAuthenticated()).isTrue();
    }

    @Test
    void perAddressTheDelayGrowsEveryFifthFailureSoColleaguesBehindOneAddressAreNotHeldUp() {
        for (String colleague : Set.of("ann", "bob", "cem", "dia")) {
            assertThatThrownBy(() -> attempt(colleague, "typo", "192.0.2.10")).isInstanceOf(BadCredentialsException.class);
        }

        assertThat(attempt("maria", RIGHT, "192.0.2.10").isAuthenticated()).isTrue();
    }

    @Test
    void theLogEscapesAnAccountNameAndCutsItShort(CapturedOutput output) {
        String typed = "x\u001B[2J" + "y".repeat(100);
        assertThatThrownBy(() -> attempt(typed, "wrong", "198.51.100.7")).isInstanceOf(BadCredentialsException.class);

        assertThat(output.getAll()).contains("x\\u001B[2J").doesNotContain("\u001B").doesNotContain("y".repeat(70));
    }
}
