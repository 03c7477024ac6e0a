package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadscore.app.web.security.Credentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code leadscore serve} as a person starts it: on a new store it serves the
 * console and the API on the port asked for, prints the generated
 * administrator's password once, and runs the scheduler; a start that fails
 * says why in one line; its helper options make a password hash and a token
 * for the configuration.
 */
class ServeCommandTest {
    private final HttpClient http = HttpClient.newHttpClient();

    /** Everything written to stderr from now on, also passed through. */
    private static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream through;

        Capture(PrintStream through) {
            this.through = through;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            through.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            through.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(int port, String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheConsoleOnANewStoreWithAnAdministratorWhosePasswordIsPrintedOnce() throws Exception {
        PrintStream err = System.err;
        Capture capture = new Capture(err);
        System.setErr(new PrintStream(capture, true, StandardCharsets.UTF_8));
        String store = "jdbc:h2:mem:serve-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Thread server = new Thread(() -> LeadscoreMain.run("--db", store, "serve", "--port", "0"), "serve-under-test");
        server.setDaemon(true);
        try {
            server.start();
            Pattern started = Pattern.compile("leadscore console on http://localhost:(\\d+)/");
            await().atMost(Duration.ofSeconds(120)).until(() -> started.matcher(capture.text()).find() || !server.isAlive());
            Matcher m = started.matcher(capture.text());
            assertThat(m.find()).as("serve started: %s", capture.text()).isTrue();
            int port = Integer.parseInt(m.group(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> capture.text().contains("only as a hash"));
            Matcher p = Pattern.compile("with the password\\s+(\\S+)\\s").matcher(capture.text());
            assertThat(p.find()).isTrue();
            String password = p.group(1);

            assertThat(port).isPositive();
            assertThat(capture.text()).contains("The rescoring runs on the schedule '0 0 2 * * *'")
                    .contains("The SLA check runs on the schedule '0 0 * * * *'");
            assertThat(get(port, "/actuator/health", null, null).statusCode()).isEqualTo(200);
            assertThat(get(port, "/api/policy", "admin", password).statusCode()).isEqualTo(200);
            assertThat(get(port, "/api/policy", "admin", password + "x").statusCode()).isEqualTo(401);
            HttpResponse<String> page = get(port, "/whatif", null, null);
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).get().asString().endsWith("/login");
            // the password appears once, and in no log line
            assertThat(capture.text().split(Pattern.quote(password), -1)).hasSize(2);
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aPortInUseIsOneLineAndLeavesNoAdministratorWhosePasswordNoOneSaw() throws Exception {
        PrintStream err = System.err;
        Capture capture = new Capture(err);
        String store = "jdbc:h2:mem:serve-port-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        int code;
        try (ServerSocket taken = new ServerSocket(0)) {
            System.setErr(new PrintStream(capture, true, StandardCharsets.UTF_8));
            try {
                code = LeadscoreMain.run("--db", store, "serve", "--port", String.valueOf(taken.getLocalPort()));
            } finally {
                System.setErr(err);
            }
            assertThat(code).isEqualTo(2);
            assertThat(capture.text()).contains("leadscore serve: port " + taken.getLocalPort() + " is already in use")
                    .doesNotContain("APPLICATION FAILED TO START").doesNotContain("\tat ").doesNotContain("this is a bug");
        }
        // the start failed before anyone could be shown a password: no account was made with one
        try (Connection c = DriverManager.getConnection(store, "sa", "");
                ResultSet users = c.createStatement().executeQuery("SELECT COUNT(*) FROM console_user")) {
            assertThat(users.next()).isTrue();
            assertThat(users.getLong(1)).isZero();
        }
    }

    private static String run(InputStream stdin, String... args) {
        PrintStream out = System.out;
        InputStream in = System.in;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.setIn(stdin);
        try {
            assertThat(LeadscoreMain.run(args)).isZero();
        } finally {
            System.setOut(out);
            System.setIn(in);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hashesAPasswordReadFromStdinForTheConfiguration() {
        String hash = run(new ByteArrayInputStream("a sufficiently long password\n".getBytes(StandardCharsets.UTF_8)),
                "serve", "--hash-password").strip();

        assertThat(hash).startsWith("$2a$");
        assertThat(new BCryptPasswordEncoder().matches("a sufficiently long password", hash)).isTrue();
    }

    @Test
    void aPasswordTooShortToHashIsTheUsersToChangeNotABug() {
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));
            code = LeadscoreMain.run(new String[] {"serve", "--hash-password"});
        } finally {
            System.setErr(err);
            System.setIn(in);
        }

        assertThat(code).isEqualTo(2);
        assertThat(said.toString(StandardCharsets.UTF_8)).startsWith("leadscore serve: --hash-password: Invalid password:"
                + " expected at least 12 characters").doesNotContain("bug");
    }

    @Test
    void makesATokenAndTheHashToConfigure() {
        String printed = run(InputStream.nullInputStream(), "serve", "--new-token");

        Matcher token = Pattern.compile("token:\\s+(lsk_\\S+)").matcher(printed);
        Matcher hash = Pattern.compile("token-hash:\\s+([0-9a-f]{64})").matcher(printed);
        assertThat(token.find()).isTrue();
        assertThat(hash.find()).isTrue();
        assertThat(hash.group(1)).isEqualTo(Credentials.tokenHash(token.group(1)));
    }
}
