package io.leadscore.app.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The contract's global options, accepted before or after the command
 * (inherited by every subcommand).
 */
public final class GlobalOptions {
    /** The embedded store: an H2 file database under ./leadscore-data/. */
    public static final String DEFAULT_DB = "jdbc:h2:file:./leadscore-data/leadscore";

    @Option(names = "--db", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "JDBC URL of the store (default: an embedded H2 file database under ./leadscore-data/)")
    String db;

    @Option(names = "--db-user", paramLabel = "U", scope = ScopeType.INHERIT, description = "store user (default: the H2 default)")
    String dbUser;

    @Option(names = "--db-password-env", paramLabel = "VAR", scope = ScopeType.INHERIT,
            description = "name of the environment variable holding the store password (never pass a password as a flag)")
    String dbPasswordEnv;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "properties or YAML file with policy and job settings")
    String config;

    @Option(names = "--format", paramLabel = "table|json|csv", scope = ScopeType.INHERIT,
            description = "output format of results: ${COMPLETION-CANDIDATES} (default: table)")
    OutputFormat format = OutputFormat.table;

    @Option(names = "--quiet", scope = ScopeType.INHERIT, description = "no progress output")
    boolean quiet;

    @Option(names = "--create", scope = ScopeType.INHERIT,
            description = "create the store named by --db when it does not exist (import and demo always do)")
    boolean create;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "detailed logs and stack traces")
    boolean debug;

    public String dbUrl() {
        if (db != null && db.isBlank()) {
            // an empty variable in a cron line ("--db $STORE"): not the default store in whatever folder it runs in
            throw new UsageException("--db is empty; give the store's JDBC URL, or leave --db out for the embedded"
                    + " store under ./leadscore-data/");
        }
        return db == null ? DEFAULT_DB : db;
    }

    public OutputFormat format() {
        return format;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean create() {
        return create;
    }

    public boolean debug() {
        return debug;
    }

    public String config() {
        return config;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPasswordEnv() {
        return dbPasswordEnv;
    }

    /** The store password, read from the named environment variable. */
    public String dbPassword() {
        if (dbPasswordEnv == null) {
            return null;
        }
        String value = System.getenv(dbPasswordEnv);
        if (value == null) {
            throw new UsageException("--db-password-env names " + dbPasswordEnv + ", but that environment variable is not set");
        }
        return value;
    }
}
