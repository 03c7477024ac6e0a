package io.leadscore.batch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The stores functional tests run on: a private in-memory H2 database, or a
 * fresh database on the PostgreSQL server named by
 * {@code LEADSCORE_TEST_POSTGRES_URL} (a JDBC URL of a database the test user
 * may create databases from, e.g. {@code jdbc:postgresql://127.0.0.1:54329/postgres?user=postgres}).
 * {@code .ci/run} starts such a server; locally, PostgreSQL tests are skipped
 * with the reason unless it is set. The databases a test JVM creates are
 * dropped when it exits, so a developer's own server does not fill up with
 * them run after run.
 */
public final class TestStores {
    public static final String POSTGRES_URL_VARIABLE = "LEADSCORE_TEST_POSTGRES_URL";
    /** The databases this JVM created, dropped at its exit. */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private TestStores() {
    }

    public static void h2(DynamicPropertyRegistry registry) {
        String name = "leadscore-test-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    public static void postgres(DynamicPropertyRegistry registry) {
        String url = newPostgresDatabase();
        registry.add("spring.datasource.url", () -> url);
    }

    /** Creates a fresh database on the test server; returns its JDBC URL. */
    public static String newPostgresDatabase() {
        String admin = System.getenv(POSTGRES_URL_VARIABLE);
        if (admin == null || admin.isBlank()) {
            throw new IllegalStateException(POSTGRES_URL_VARIABLE + " is not set");
        }
        String database = "leadscore_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(admin); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            dropAtExit(admin, database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + admin + ": " + e.getMessage(), e);
        }
        return replaceDatabase(admin, database);
    }

    private static void dropAtExit(String admin, String database) {
        synchronized (CREATED) {
            if (CREATED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin), "drop-test-databases"));
            }
            CREATED.add(database);
        }
    }

    /** Drops what this JVM created; FORCE ends the connections pools still hold while the JVM shuts down. */
    private static void drop(String admin) {
        try (Connection connection = DriverManager.getConnection(admin); Statement statement = connection.createStatement()) {
            for (String database : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("Test databases " + CREATED + " were not dropped: " + e.getMessage());
        }
    }

    static String replaceDatabase(String adminUrl, String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    /** Empties every table the jobs write, children first, so each test starts from an empty store. */
    public static void clean(JdbcTemplate jdbc) {
        for (String table : new String[] {"score_history", "scoring_run", "lead_score", "sla_breach", "stage_transition",
                "followup", "deal", "activity", "lead", "import_error", "import_file", "model_decision", "model",
                "job_lock", "rescore_partition_lease", "int_channel_message", "BATCH_STEP_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_CONTEXT",
                "BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION", "BATCH_JOB_INSTANCE"}) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("DELETE FROM policy WHERE version > 1");
    }
}
