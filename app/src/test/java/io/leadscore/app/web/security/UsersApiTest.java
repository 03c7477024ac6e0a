package io.leadscore.app.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.app.web.ConflictException;
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
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** An administrator creates a sales rep's account in the store: a password handed out once, only its hash kept. */
class UsersApiTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
    private StoredUsers stored;
    private final UsernamePasswordAuthenticationToken admin = UsernamePasswordAuthenticationToken.authenticated("ada",
            null, List.of(Role.ADMIN.grantedAuthority()));

    @BeforeEach
    void store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:users-api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        stored = new StoredUsers(new JdbcTemplate(ds));
    }

    private UsersApi api(ConsoleAccess access) {
        return new UsersApi(new ConsoleUsers(access, stored), stored, encoder, CLOCK);
    }

    @Test
    void createsASalesRepWhoCanSignInWithThePasswordAnsweredOnce() {
        UsersApi.CreatedUser created = api(new ConsoleAccess(null, null))
                .create(new UsersApi.NewUser("sam", List.of("sales")), admin);

        assertThat(created.name()).isEqualTo("sam");
        assertThat(created.roles()).containsExactly("sales");
        String password = created.password();
        assertThat(password).hasSize(24);
        StoredUsers.StoredUser user = stored.find("sam").orElseThrow();
        assertThat(user.roles()).containsExactly(Role.SALES);
        assertThat(user.passwordHash()).doesNotContain(password);
        assertThat(encoder.matches(password, user.passwordHash())).isTrue();
    }

    @Test
    void refusesATakenNameAnUnknownRoleAndAccountsWhereUsersAreConfigured() {
        UsersApi api = api(new ConsoleAccess(null, null));
        api.create(new UsersApi.NewUser("sam", List.of("sales")), admin);

        assertThatThrownBy(() -> api.create(new UsersApi.NewUser("sam", List.of("sales")), admin))
                .isInstanceOf(ConflictException.class).hasMessageContaining("exists already");
        assertThatThrownBy(() -> api.create(new UsersApi.NewUser("kim", List.of("boss")), admin))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid role: 'boss'");
        assertThatThrownBy(() -> api.create(new UsersApi.NewUser("kim", List.of()), admin))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no roles");
        assertThatThrownBy(() -> api.create(new UsersApi.NewUser("kim", java.util.Arrays.asList("sales", null)), admin))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("an empty role");
        // another account of the same name but its case would share the sign-in throttle's count
        assertThatThrownBy(() -> api.create(new UsersApi.NewUser("SAM", List.of("ops")), admin))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'sam' exists already");
        ConsoleAccess configured = new ConsoleAccess(List.of(new ConsoleAccess.User("maria", encoder.encode("x"),
                List.of("admin"))), null);
        assertThatThrownBy(() -> api(configured).create(new UsersApi.NewUser("kim", List.of("sales")), admin))
                .isInstanceOf(ConflictException.class).hasMessageContaining("leadscore.users");
    }
}
