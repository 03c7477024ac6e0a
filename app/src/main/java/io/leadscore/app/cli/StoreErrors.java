package io.leadscore.app.cli;

import io.leadscore.app.webhooks.WebhookSettings;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * Turns a failure to open the store into one line that says what to do:
 * a store in use, a URL no driver takes, a server that does not answer or
 * refuses the credentials, a folder leadscore may not write to, a store made
 * by a newer release, a settings file with a value out of range. Anything
 * else is left as it is (and reported as a bug).
 */
final class StoreErrors {
    private StoreErrors() {
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        } else if (type == Double.class || type == double.class) {
            return "a number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (type == java.time.Duration.class) {
            return "a duration (such as 30s, 5m, 2h)";
        }
        return "a value of the kind it takes (" + type.getSimpleName() + ")";
    }

    /** Where in the file the value stands, as Spring's origin tells it ("line 3, column 20"), or nothing. */
    static String where(org.springframework.boot.context.properties.source.ConfigurationProperty property) {
        org.springframework.boot.origin.Origin o = property.getOrigin();
        while (o != null) {
            if (o instanceof org.springframework.boot.origin.TextResourceOrigin text && text.getLocation() != null) {
                return " (line " + (text.getLocation().getLine() + 1) + ", column " + (text.getLocation().getColumn() + 1)
                        + ")";
            }
            o = o instanceof org.springframework.boot.origin.PropertySourceOrigin source ? source.getOrigin()
                    : o.getParent();
        }
        return "";
    }

    private static final java.util.regex.Pattern SETTING = java.util.regex.Pattern.compile("^Invalid (leadscore\\.[A-Za-z0-9.-]+): ");
    private static final java.util.regex.Pattern ISO_DURATION = java.util.regex.Pattern.compile("\\bPT-?[0-9.]+[HMS](?:[0-9.]+[MS])*");

    /** A setting's refusal with where the file sets it ("line 3, column 20"), when the file is known and sets it. */
    private static String located(GlobalOptions options, String message) {
        java.util.regex.Matcher m = SETTING.matcher(message);
        if (options.config() == null || !m.find()) {
            return message;
        }
        String where = ConfigFile.where(options, m.group(1));
        return where.isEmpty() ? message : "Invalid " + m.group(1) + where + ": " + message.substring(m.end());
    }

    /** Durations as the settings file writes them ({@code 500ms}, {@code 5s}, {@code 2m}), not ISO-8601's PT0.5S. */
    static String durations(String message) {
        return ISO_DURATION.matcher(message).replaceAll(r -> {
            try {
                java.time.Duration d = java.time.Duration.parse(r.group());
                long ms = d.toMillis();
                String shown = ms % 3_600_000 == 0 && ms != 0 ? ms / 3_600_000 + "h"
                        : ms % 60_000 == 0 && ms != 0 ? ms / 60_000 + "m"
                        : ms % 1_000 == 0 ? ms / 1_000 + "s" : ms + "ms";
                return java.util.regex.Matcher.quoteReplacement(shown);
            } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
                return java.util.regex.Matcher.quoteReplacement(r.group());
            }
        });
    }

    static RuntimeException translate(RuntimeException e, GlobalOptions options) {
        String url = options.dbUrl();
        BindException bind = Failures.find(e, BindException.class);
        if (bind != null) {
            String source = options.config() == null ? "settings" : "--config " + options.config();
            org.springframework.core.convert.ConversionFailedException conversion =
                    Failures.find(bind, org.springframework.core.convert.ConversionFailedException.class);
            org.springframework.boot.context.properties.source.ConfigurationProperty property = bind.getProperty();
            if (conversion != null && property != null) {
                // "For input string: abc" names neither the setting nor what it takes
                return new UsageException(source + ": " + property.getName() + ": "
                        + io.leadscore.scoring.domain.Quoted.value(String.valueOf(property.getValue())) + " is not "
                        + expected(conversion.getTargetType().getType()) + where(property));
            }
            return new UsageException(source + ": " + located(options, durations(Failures.oneLine(Failures.rootMessage(bind)))));
        }
        WebhookSettings.InvalidSettingException webhook = Failures.find(e, WebhookSettings.InvalidSettingException.class);
        if (webhook != null) {
            return new UsageException((options.config() == null ? "settings" : "--config " + options.config()) + ": "
                    + Failures.oneLine(webhook.getMessage()));
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Database may be already in use") || message.contains("The file is locked")) {
                return new UsageException("the store " + url + " is in use by another leadscore process"
                        + " (serve, or a job still running); wait for it, or use PostgreSQL (--db) for concurrent access");
            }
            if (message.contains("Store header is corrupt") || message.contains("File corrupted")
                    || message.contains("is not a valid H2 database") || message.contains("[90030-")
                    // a file too short for a store's header: cut, or not a store at all
                    || message.contains("Reading from file") && message.contains(" failed at ")) {
                return new UsageException("the store " + url + " is damaged and cannot be opened ("
                        + Failures.oneLine(message) + "); restore its folder from a backup, or point --db at another");
            }
            if (message.contains("Unsupported connection setting")) {
                return new UsageException("--db " + url + ": " + Failures.oneLine(message).replaceAll(" \\[\\d+-\\d+]$", "")
                        + "; remove that setting from the URL");
            }
            if (message.contains("Failed to load driver class")) {
                return new UsageException("--db " + url + ": not a store leadscore can open (it brings drivers for H2 and"
                        + " PostgreSQL only); expected jdbc:h2:file:PATH or jdbc:postgresql://HOST:PORT/DATABASE");
            }
            if (message.contains("claims to not accept jdbcUrl") || message.contains("No suitable driver")
                    || message.contains("Unable to determine Dialect") && !url.startsWith("jdbc:")) {
                return new UsageException("--db " + url + ": not a store leadscore can open; expected jdbc:h2:file:PATH"
                        + " or jdbc:postgresql://HOST:PORT/DATABASE");
            }
            if (cause instanceof UnknownHostException) {
                return new UsageException("cannot open the store " + url + ": unknown host " + message
                        + "; check the host name in --db");
            }
            if (message.contains("Connection refused") || message.contains("password authentication failed")
                    || message.contains("role \"") && message.contains("does not exist")
                    || message.contains("Wrong user name or password") || message.contains("does not exist")
                    && message.contains("database")) {
                return new UsageException("cannot open the store " + url + ": " + Failures.oneLine(message));
            }
            if (cause instanceof AccessDeniedException || message.contains("Permission denied")
                    || message.contains("Error while creating file") || message.contains("Could not create directory")) {
                return new UsageException("cannot write the store " + url + ": " + Failures.oneLine(message)
                        + "; choose a folder you may write to (--db), or fix its permissions");
            }
            if (message.contains("not resolved locally")) {
                return new UsageException("the store " + url + " was written by a newer release of leadscore (its schema"
                        + " has changes this release does not know); use that release with it");
            }
        }
        return e;
    }
}
