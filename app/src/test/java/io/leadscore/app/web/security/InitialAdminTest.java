package io.leadscore.app.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The first start without users creates one administrator, keeps only its hash, and hands the password out once. */
class InitialAdminTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
    private JdbcTemplate jdbc;
    private StoredUsers stored;

    @BeforeEach
    void store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:initial-admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        // the store's migrations as the application runs them: the batch-jobs scripts and this module's V20
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        jdbc = new JdbcTemplate(ds);
        stored = new StoredUsers(jdbc);
    }

    private InitialAdmin admin(ConsoleAccess access) {
        return new InitialAdmin(new ConsoleUsers(access, stored), stored, encoder, CLOCK);
    }

    @Test
    void createsAnAdministratorWhenThereAreNoUsersAndGivesThePasswordOnce() {
        InitialAdmin first = admin(new ConsoleAccess(null, null));

        String password = first.createIfNoUsers().orElseThrow();

        assertThat(password).hasSize(24);
        assertThat(first.createIfNoUsers()).isEmpty();
        StoredUsers.StoredUser user = stored.find(InitialAdmin.NAME).orElseThrow();
        assertThat(user.roles()).containsExactly(Role.ADMIN);
        assertThat(user.passwordHash()).doesNotContain(password);
        assertThat(encoder.matches(password, user.passwordHash())).isTrue();
        assertThat(jdbc.queryForObject("SELECT created_by FROM console_user", String.class)).contains("first start");
        // it can sign in
        assertThat(new ConsoleUsers(new ConsoleAccess(null, null), stored).loadUserByUsername(InitialAdmin.NAME)
                .getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
    }

    @Test
    void aLaterStartCreatesNoOtherAndShowsNoPassword() {
        admin(new ConsoleAccess(null, null)).createIfNoUsers().orElseThrow();
        InitialAdmin second = admin(new ConsoleAccess(null, null));

        assertThat(second.createIfNoUsers()).isEmpty();
        assertThat(stored.count()).isEqualTo(1);
    }

    @Test
    void configuredUsersMeanNoAdministratorIsCreatedAndTheStoredOnesAreNotUsed() {
        admin(new ConsoleAccess(null, null)).createIfNoUsers().orElseThrow();
        ConsoleAccess configured = new ConsoleAccess(List.of(new ConsoleAccess.User("maria", encoder.encode("x"),
                List.of("leadership"))), null);
        InitialAdmin withUsers = admin(configured);

        assertThat(withUsers.createIfNoUsers()).isEmpty();
        ConsoleUsers users = new ConsoleUsers(configured, stored);
        assertThat(users.loadUserByUsername("maria").getUsername()).isEqualTo("maria");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.loadUserByUsername(InitialAdmin.NAME))
                .isInstanceOf(org.springframework.security.core.userdetails.UsernameNotFoundException.class);
    }
}
