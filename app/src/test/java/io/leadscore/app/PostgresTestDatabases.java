package io.leadscore.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fresh databases for the serve- and process-level tests on the PostgreSQL server named by
 * {@code LEADSCORE_TEST_POSTGRES_URL} (a URL allowed to create databases). What a test JVM creates it drops when it
 * exits, so a developer's own server does not fill up with test databases run after run.
 */
public final class PostgresTestDatabases {
    public static final String VARIABLE = "LEADSCORE_TEST_POSTGRES_URL";
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private PostgresTestDatabases() {
    }

    /** Creates a database named {@code prefix} and a random suffix; returns its JDBC URL. */
    public static String create(String prefix) {
        String admin = System.getenv(VARIABLE);
        if (admin == null || admin.isBlank()) {
            throw new IllegalStateException(VARIABLE + " is not set");
        }
        String database = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on the PostgreSQL server: " + e.getMessage(), e);
        }
        synchronized (CREATED) {
            if (CREATED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin), "drop-test-databases"));
            }
            CREATED.add(database);
        }
        int query = admin.indexOf('?');
        String base = query < 0 ? admin : admin.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : admin.substring(query));
    }

    /** FORCE ends the connections that pools and stopped processes may still hold while the JVM shuts down. */
    private static void drop(String admin) {
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            for (String database : CREATED) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("Test databases " + CREATED + " were not dropped: " + e.getMessage());
        }
    }
}
