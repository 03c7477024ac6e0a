package io.leadscore.app.cli;

import io.leadscore.app.web.security.Credentials;
import io.leadscore.app.web.security.InitialAdmin;
import io.leadscore.batch.store.ProgressRelay;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code leadscore serve}: the web console and the HTTP API on the store, and
 * the scheduler that runs rescoring and the SLA check on their schedules. Runs
 * until stopped (Ctrl-C or SIGTERM). On the first start with no users
 * configured it creates an administrator and prints its password, once.
 */
@Command(name = "serve", description = {
        "Runs the web console and the HTTP API on the store, and the scheduler: rescoring nightly and the SLA check",
        "hourly by default; cron expressions in --config change them (docs/console.md, The scheduler). Users and API",
        "tokens come from --config (docs/console.md); the first start without any creates an administrator and",
        "prints its password once."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port, 0 to 65,535 (default 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--hash-password", description = "read a password from the console (or stdin) and print its bcrypt"
            + " hash for leadscore.users[].password-hash, then exit")
    boolean hashPassword;

    @Option(names = "--new-token", description = "print a new random API token and its SHA-256 for"
            + " leadscore.tokens[].token-hash, then exit")
    boolean newToken;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintStream out = System.out;
        if (hashPassword) {
            try {
                out.println(Credentials.bcrypt(readPassword()));
            } catch (IllegalArgumentException e) {
                // a password the policy refuses (too short) is the user's to change, not a bug
                throw new UsageException("--hash-password: " + e.getMessage());
            }
            return 0;
        }
        if (newToken) {
            String token = Credentials.newToken();
            out.println("token:      " + token);
            out.println("token-hash: " + Credentials.tokenHash(token));
            out.println("Give the token to the script (Authorization: Bearer <token>); put only the hash in the"
                    + " configuration, under leadscore.tokens with a name and roles.");
            return 0;
        }
        if (port != null && (port < 0 || port > 65_535)) {
            throw new UsageException("--port " + port + ": expected 0 to 65535");
        }
        GlobalOptions globals = root.globals();
        Map<String, Object> web = new HashMap<>();
        if (port != null) {
            web.put("server.port", port);
        }
        web.put("leadscore.scheduler.enabled", "true");
        // what the server does (runs, refusals, failures) is worth reading; the framework's chatter is not
        web.put("logging.level.io.leadscore.app", globals.debug() ? "DEBUG" : "INFO");
        CountDownLatch closed = new CountDownLatch(1);
        StoreLocation.check(globals.dbUrl(), globals.create());
        StoreSession session = StoreSession.open(globals, WebApplicationType.SERVLET, web);
        session.context().addApplicationListener(e -> {
            if (e instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        // jobs run in the background here: no progress bars on the terminal
        session.bean(ProgressRelay.class).target(null);
        int actual = ((WebServerApplicationContext) session.context()).getWebServer().getPort();
        PrintStream err = System.err;
        err.println("leadscore console on http://localhost:" + actual + "/ (store "
                + globals.dbUrl().replaceAll("(?i)(password=)[^&;]*", "$1***") + ");"
                + " API documentation at /swagger-ui.html; Ctrl-C stops it.");
        session.bean(InitialAdmin.class).createIfNoUsers().ifPresent(password -> {
            err.println();
            err.println("First start: created the console administrator '" + InitialAdmin.NAME + "' with the password");
            err.println();
            err.println("    " + password);
            err.println();
            err.println("It is shown this once and kept only as a hash. Configure your own users to replace it"
                    + " (docs/console.md).");
            err.println();
        });
        err.flush();
        closed.await();
        return 0;
    }

    private static String readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new UsageException("the two passwords differ");
            }
            return new String(first);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new UsageException("--hash-password reads the password from stdin; none was given");
        }
        return line;
    }
}
