package io.leadscore.app.cli;

import io.leadscore.app.LeadscoreApplication;
import io.leadscore.batch.store.LeadscoreSettings;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.batch.store.ProgressRelay;
import io.leadscore.scoring.policy.Policy;
import java.time.Instant;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring application of a store-backed command, configured from the
 * global options: the store URL and credentials, the config file, the log
 * levels. Closing it closes the store.
 */
public final class StoreSession implements AutoCloseable {
    /**
     * Statements an H2 session keeps parsed (H2's default is 8). A live event request runs more distinct statements
     * than 8, so with the default each was parsed again at each use (a tenth of a request's CPU).
     */
    static final int H2_QUERY_CACHE_SIZE = 64;

    private final ConfigurableApplicationContext context;

    private StoreSession(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * A session for one command: beans are created when first used, so a
     * command pays only for what it touches (start-up is part of the user's wait).
     */
    public static StoreSession open(GlobalOptions options) {
        return open(options, false);
    }

    /**
     * A session for a command that fills a store ({@code import}, {@code demo}): a store that does not exist yet
     * is created. Other commands create one only with {@code --create}, so a mistyped {@code --db} in a cron line
     * is an error rather than a new, empty store.
     */
    public static StoreSession openOrCreate(GlobalOptions options) {
        return open(options, true);
    }

    private static StoreSession open(GlobalOptions options, boolean create) {
        StoreLocation.check(options.dbUrl(), create || options.create());
        return open(options, WebApplicationType.NONE, Map.of(
                "spring.main.lazy-initialization", true,
                // a command's jobs report through their summaries, not through per-item meters and observations
                // (which cost a sixth of an import's time)
                "management.metrics.use-global-registry", false,
                "management.observations.enable.spring.batch", false));
    }

    /** A session of the given kind; the caller has checked the store's location ({@link StoreLocation}). */
    public static StoreSession open(GlobalOptions options, WebApplicationType web, Map<String, Object> extra) {
        Map<String, Object> properties = properties(options, web != WebApplicationType.NONE);
        properties.putAll(extra);
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(LeadscoreApplication.class)
                    .web(web)
                    .properties(properties)
                    .run();
            StoreSession session = new StoreSession(context);
            session.bean(ProgressRelay.class).target(TerminalProgress.forTerminal(options.quiet()));
            session.applyConfiguredPolicy(options);
            return session;
        } catch (RuntimeException e) {
            throw StoreErrors.translate(e, options);
        }
    }

    /**
     * @param server whether the session serves (then warnings and errors are logged with their stack traces, as
     *               a server's log should hold them); a one-shot command logs only leadscore's own warnings, as
     *               one line each, and says what failed in its own one line
     */
    static Map<String, Object> properties(GlobalOptions options, boolean server) {
        Map<String, Object> p = new HashMap<>();
        String url = options.dbUrl();
        // the setting needs the store's administrator: the embedded store's own user, not one named by --db-user
        p.put("spring.datasource.url", server && options.dbUser() == null ? withImmediateWrites(withQueryCache(url))
                : withQueryCache(url));
        if (options.dbUser() != null) {
            p.put("spring.datasource.username", options.dbUser());
        } else if (url.startsWith("jdbc:h2:")) {
            p.put("spring.datasource.username", "sa");
        }
        String password = options.dbPassword();
        if (password != null) {
            p.put("spring.datasource.password", password);
        }
        if (options.config() != null) {
            Path config = ConfigFile.check(options.config());
            p.put("spring.config.import", "file:" + config.toAbsolutePath());
        }
        if (options.debug()) {
            p.put("logging.level.root", "INFO");
            p.put("logging.level.io.leadscore", "DEBUG");
        } else if (server) {
            p.put("logging.level.root", "WARN");
            p.put("logging.level.io.leadscore", "WARN");
            // a server that cannot start says why in the command's one line (Failures), not in the framework's
            // report of the failed start and the stack of its cause
            p.put("logging.level.org.springframework.boot.diagnostics", "OFF");
            p.put("logging.level.org.springframework.boot.web.server.servlet.context", "ERROR");
            p.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        } else {
            p.put("logging.level.root", "OFF");
            p.put("logging.level.io.leadscore", "WARN");
            p.put("leadscore.logging.exceptions", "%nopex");
            p.put("leadscore.logging.pattern", "leadscore: %msg%n");
        }
        return p;
    }

    /**
     * An embedded H2 store's URL whose commits reach the file at once, unless it sets its own delay: a server answers
     * a live event only after its commit, and what it answered must survive the process being killed the moment
     * after (H2 writes a commit within half a second by default). H2 keeps the setting in the store, so the commands
     * run on it later write at once too. A server's store (tcp, ssl), an in-memory one and other URLs as they are.
     */
    static String withImmediateWrites(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        if (!upper.startsWith("JDBC:H2:") || upper.startsWith("JDBC:H2:TCP:") || upper.startsWith("JDBC:H2:SSL:")
                || upper.startsWith("JDBC:H2:MEM:") || upper.contains(";WRITE_DELAY=")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }

    /** An H2 URL with the larger statement cache, unless it sets one itself; other URLs as they are. */
    static String withQueryCache(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(java.util.Locale.ROOT).contains(";QUERY_CACHE_SIZE=")) {
            return url;
        }
        return url + ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE_SIZE;
    }

    /**
     * Policy values of the --config file are put in force as a new policy version (who: the file) when they
     * differ from the store's; the policy's history keeps every change.
     */
    private void applyConfiguredPolicy(GlobalOptions options) {
        LeadscoreSettings.PolicySettings configured = bean(LeadscoreSettings.class).policy();
        if (!configured.any()) {
            return;
        }
        PolicyStore policies = bean(PolicyStore.class);
        Policy wanted;
        try {
            wanted = configured.apply(policies.current());
        } catch (IllegalArgumentException e) {
            close();
            throw ConfigFile.outOfRange(options, e);
        }
        policies.change(wanted, "config " + options.config(), "policy values of the configuration file", Instant.now());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
