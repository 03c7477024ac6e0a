package io.leadscore.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging before Spring configures it. Until then logback's own default
 * prints every event with its stack trace on stdout, which would mix log
 * lines into results meant for scripts: whatever is logged that early goes to
 * stderr, and only with {@code --debug} (without it the command's one line
 * says what went wrong).
 */
final class QuietStart {
    private QuietStart() {
    }

    static void beforeSpring(boolean debug) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(debug ? Level.INFO : Level.OFF);
        if (debug) {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n");
            encoder.start();
            ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr = new ConsoleAppender<>();
            stderr.setContext(context);
            stderr.setTarget("System.err");
            stderr.setEncoder(encoder);
            stderr.start();
            root.addAppender(stderr);
        }
    }
}
