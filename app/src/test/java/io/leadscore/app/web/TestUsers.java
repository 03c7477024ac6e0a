package io.leadscore.app.web;

/**
 * The console users of the test store, one per role, as configured in
 * {@link ConsoleTest}: bcrypt hashes of cost 4 (fast to check; the cost is
 * read from the hash) and an API token for ops scripts.
 */
public final class TestUsers {
    public static final String OPS = "olga-ops";
    public static final String LEADERSHIP = "leo-leadership";
    public static final String DATA = "dana-data";
    public static final String ADMIN = "ada-admin";
    public static final String OPS_PASSWORD = "ops-secret-password";
    public static final String LEADERSHIP_PASSWORD = "leadership-secret-password";
    public static final String DATA_PASSWORD = "data-secret-password";
    public static final String ADMIN_PASSWORD = "admin-secret-password";
    /** An ops script's token; its SHA-256 is configured. */
    public static final String OPS_TOKEN = "lsk_test_token_for_the_ops_scripts_0123456789";
    public static final String OPS_TOKEN_NAME = "nightly-ops-script";
    public static final String SALES = "sal-sales";
    public static final String SALES_PASSWORD = "sales-secret-password";
    /** A CRM's token for pushing events; its SHA-256 is configured. */
    public static final String INGEST_TOKEN = "lsk_test_token_for_the_ingest_machine_0123456789";
    public static final String INGEST_TOKEN_NAME = "crm-webhook";

    private TestUsers() {
    }

    public static String password(String user) {
        return switch (user) {
            case OPS -> OPS_PASSWORD;
            case LEADERSHIP -> LEADERSHIP_PASSWORD;
            case DATA -> DATA_PASSWORD;
            case ADMIN -> ADMIN_PASSWORD;
            case SALES -> SALES_PASSWORD;
            default -> throw new IllegalArgumentException("Unknown test user: " + user);
        };
    }
}
