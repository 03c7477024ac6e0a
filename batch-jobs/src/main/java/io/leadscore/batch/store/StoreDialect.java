package io.leadscore.batch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The two stores leadscore runs on. The schema is one set of migrations for
 * both; only a few statements (insert-if-absent) have a faster native form.
 */
public enum StoreDialect {
    H2,
    POSTGRESQL;

    public static StoreDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            if (product.contains("h2")) {
                return H2;
            }
            throw new IllegalStateException("Unsupported store: " + product + "; leadscore runs on H2 and PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the store: " + e.getMessage(), e);
        }
    }
}
