package io.leadscore.app.web.security;

import io.leadscore.batch.store.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/** The console users kept in the store ({@code console_user}): bcrypt hashes and roles. */
final class StoredUsers {
    /**
     * A user row.
     *
     * @param name         sign-in name
     * @param passwordHash bcrypt hash
     * @param roles        what the user may do
     */
    record StoredUser(String name, String passwordHash, Set<Role> roles) {
    }

    private final JdbcTemplate jdbc;

    StoredUsers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredUser> find(String name) {
        List<StoredUser> rows = jdbc.query("SELECT user_name, password_hash, roles FROM console_user WHERE user_name = ?",
                (rs, i) -> new StoredUser(rs.getString(1), rs.getString(2),
                        ConsoleAccess.parse(List.of(rs.getString(3).split(",")))), name);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The stored name that equals {@code name} ignoring case, if any. */
    Optional<String> nameLike(String name) {
        List<String> rows = jdbc.queryForList("SELECT user_name FROM console_user WHERE LOWER(user_name) = LOWER(?)",
                String.class, name);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM console_user", Long.class);
        return n == null ? 0 : n;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the name is taken */
    void insert(String name, String passwordHash, Set<Role> roles, Instant at, String createdBy) {
        jdbc.update("INSERT INTO console_user (user_name, password_hash, roles, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                name, passwordHash, roles.stream().map(Role::wireName).collect(Collectors.joining(",")), Instants.utc(at),
                createdBy);
    }
}
