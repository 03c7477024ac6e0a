package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadscore.app.web.security.Credentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code serve} answered survives the process being killed the moment after ({@code kill -9}), on the
 * embedded store too: the server's commits reach the file at once, not within H2's default half second.
 */
class ServeDurabilityTest {
    @TempDir
    Path dir;

    private final String token = Credentials.newToken();
    private final HttpClient http = HttpClient.newHttpClient();

    /** {@code serve} in a process of its own on a new embedded store under the test's folder; its port. */
    private int launch(List<Process> started) throws Exception {
        Path config = Files.writeString(dir.resolve("leadscore.yml"), "leadscore:\n  tokens:\n    - name: ingest-test\n"
                + "      token-hash: \"" + Credentials.tokenHash(token) + "\"\n      roles: [ingest]\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dleadscore.model-signing.key-file=" + System.getProperty("leadscore.model-signing.key-file"),
                "-cp", System.getProperty("java.class.path"), LeadscoreMain.class.getName(),
                "serve", "--port", "0", "--db", db(), "--create", "--config", config.toString()));
        Path err = dir.resolve("serve.err");
        Process serve = new ProcessBuilder(command).redirectOutput(dir.resolve("serve.out").toFile())
                .redirectError(err.toFile()).start();
        started.add(serve);
        Pattern listening = Pattern.compile("leadscore console on http://localhost:(\\d+)/");
        await().atMost(Duration.ofSeconds(180)).until(() -> !serve.isAlive()
                || listening.matcher(Files.readString(err)).find());
        Matcher m = listening.matcher(Files.readString(err));
        assertThat(m.find()).as("serve started: %s", Files.readString(err)).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private String db() {
        return "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
    }

    private HttpResponse<String> post(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long stored(String pattern) throws Exception {
        try (Connection c = DriverManager.getConnection(db(), "sa", "");
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM lead WHERE lead_key LIKE ?")) {
            s.setString(1, pattern);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void leadsAnsweredJustBeforeAKillNineAreInTheStoreAfterIt() throws Exception {
        List<Process> started = new ArrayList<>();
        try {
            int port = launch(started);
            for (int i = 1; i <= 3; i++) {
                HttpResponse<String> answer = post(port, "{\"leads\":[{\"lead_id\":\"KILLED-" + i
                        + "\",\"created_at\":\"2026-12-01T09:00:00Z\"}]}");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
        } finally {
            for (Process p : started) {
                p.destroyForcibly().waitFor();
            }
        }

        assertThat(stored("KILLED-%")).isEqualTo(3);
    }

    /**
     * Two requests with the same new leads in opposite orders, on the embedded file store as {@code serve} runs
     * it: both answered within seconds (written in request order, each held what the other needed and waited out
     * the store's lock timeout row by row: 35 s for these 200 leads, minutes for larger batches, while the
     * server's connections ran out).
     */
    @Test
    void theSameNewLeadsInOppositeOrdersAreAnsweredAtOnce() throws Exception {
        StringBuilder forward = new StringBuilder();
        StringBuilder backward = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String lead = "{\"lead_id\":\"ORDER-" + i + "\",\"created_at\":\"2026-12-01T09:00:00Z\"}";
            forward.append(forward.length() == 0 ? "" : ",").append(lead);
            String back = "{\"lead_id\":\"ORDER-" + (199 - i) + "\",\"created_at\":\"2026-12-01T09:00:00Z\"}";
            backward.append(backward.length() == 0 ? "" : ",").append(back);
        }
        List<Process> started = new ArrayList<>();
        try {
            int port = launch(started);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(() -> post(port, "{\"leads\":[" + forward + "]}"));
                var b = pool.submit(() -> post(port, "{\"leads\":[" + backward + "]}"));
                assertThat(a.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                assertThat(b.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            for (Process p : started) {
                p.destroy();
                p.waitFor();
            }
        }

        assertThat(stored("ORDER-%")).isEqualTo(200);
    }
}
