package io.leadscore.app.cli;

/** Turns a failure to open the store into one line that says what to do. */
final class StoreErrors {
    private StoreErrors() {
    }

    static RuntimeException translate(RuntimeException e, GlobalOptions options) {
        Throwable cause = e;
        while (cause != null) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Database may be already in use") || message.contains("The file is locked")) {
                return new UsageException("the store " + options.dbUrl() + " is in use by another leadscore process"
                        + " (serve, or a job still running); wait for it, or use PostgreSQL (--db) for concurrent access");
            }
            if (message.contains("Connection refused") || message.contains("password authentication failed")
                    || message.contains("Wrong user name or password") || message.contains("does not exist")
                    && message.contains("database")) {
                return new UsageException("cannot open the store " + options.dbUrl() + ": " + firstLine(message));
            }
            cause = cause.getCause();
        }
        return e;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
