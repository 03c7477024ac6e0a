package io.leadscore.app.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class ConsoleAccessTest {
    private static final String HASH = new BCryptPasswordEncoder(4).encode("a-long-enough-password");
    private static final String TOKEN_HASH = Credentials.tokenHash("lsk_example");

    @Test
    void readsUsersAndTokensWithTheirRoles() {
        ConsoleAccess access = new ConsoleAccess(
                List.of(new ConsoleAccess.User(" maria ", HASH, List.of("Leadership", "data"))),
                List.of(new ConsoleAccess.Token("export-bot", "SHA256:" + TOKEN_HASH.toUpperCase(), List.of("ops"))));

        assertThat(access.users().get(0).name()).isEqualTo("maria");
        assertThat(access.users().get(0).parsedRoles()).containsExactlyInAnyOrder(Role.LEADERSHIP, Role.DATA);
        assertThat(access.tokens().get(0).tokenHash()).isEqualTo(TOKEN_HASH);
        assertThat(access.tokens().get(0).parsedRoles()).isEqualTo(Set.of(Role.OPS));
    }

    @Test
    void noneConfiguredIsEmpty() {
        ConsoleAccess access = new ConsoleAccess(null, null);
        assertThat(access.users()).isEmpty();
        assertThat(access.tokens()).isEmpty();
    }

    @Test
    void aTokenHashIsTheSha256OfTheToken() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(Credentials.tokenHash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Credentials.newToken()).startsWith(Credentials.TOKEN_PREFIX).hasSize(Credentials.TOKEN_PREFIX.length() + 43)
                .isNotEqualTo(Credentials.newToken());
    }

    @Test
    void aPasswordHashMatchesItsPasswordOnly() {
        String hash = Credentials.bcrypt("correct horse battery");
        assertThat(new BCryptPasswordEncoder().matches("correct horse battery", hash)).isTrue();
        assertThat(new BCryptPasswordEncoder().matches("correct horse", hash)).isFalse();
        new ConsoleAccess.User("someone", hash, List.of("admin"));
    }

    @Nested
    class Refuses {
        @Test
        void aPlainPassword() {
            assertThatThrownBy(() -> new ConsoleAccess.User("maria", "secret123", List.of("data")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bcrypt")
                    .hasMessageNotContaining("secret123");
        }

        @Test
        void aTokenHashThatIsNotASha256() {
            assertThatThrownBy(() -> new ConsoleAccess.Token("bot", "lsk_the_token_itself", List.of("ops")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256");
        }

        @Test
        void anUnknownRole() {
            assertThatThrownBy(() -> new ConsoleAccess.User("maria", HASH, List.of("salesman")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'salesman'").hasMessageContaining("ops")
                    // the settings' failure is told by its innermost message: that one names the entry
                    .satisfies(e -> assertThat(e.getCause()).isNull())
                    .hasMessageContaining("entry 'maria'");
        }

        @Test
        void anEntryWithoutRoles() {
            assertThatThrownBy(() -> new ConsoleAccess.Token("bot", TOKEN_HASH, List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no roles");
        }

        @Test
        void aNameUsedTwice() {
            assertThatThrownBy(() -> new ConsoleAccess(List.of(new ConsoleAccess.User("Maria", HASH, List.of("data"))),
                    List.of(new ConsoleAccess.Token("maria", TOKEN_HASH, List.of("ops")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maria");
        }

        @Test
        void aShortPasswordToHash() {
            assertThatThrownBy(() -> Credentials.bcrypt("short")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("12 characters");
        }
    }
}
