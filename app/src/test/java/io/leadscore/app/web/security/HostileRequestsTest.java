package io.leadscore.app.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import io.leadscore.app.web.leads.LeadPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Requests as a hostile or careless client sends them, against the console and the API. */
@ConsoleTest
class HostileRequestsTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SignInThrottle throttle;
    @LocalServerPort
    int port;

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    MockHttpSession signedIn(String name, String password) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").param("username", name).param("password", password)
                        .with(csrf()))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
    }

    @Nested
    class Csrf {
        @Test
        void aSessionWithAnAuthorizationHeaderOfAnyOtherKindIsNotSignedInAndCannotSkipCsrf() throws Exception {
            MockHttpSession session = signedIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);

            // the header alone decides who this is; it names no one, so the session gives no authority
            mvc.perform(post("/api/policy").session(session).header(HttpHeaders.AUTHORIZATION, "Foo anything")
                            .contentType(MediaType.APPLICATION_JSON).content("{\"mql_threshold\": 0.5}"))
                    .andExpect(status().isUnauthorized());
            // nor does a wrong Basic password for the session's own user
            mvc.perform(post("/api/policy").session(session)
                            .with(httpBasic(TestUsers.ADMIN, "not-the-password")).with(from("192.0.2.201"))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"mql_threshold\": 0.5}"))
                    .andExpect(status().isUnauthorized());
            throttle.succeeded(TestUsers.ADMIN, "192.0.2.201");
            // the session without a header still needs its CSRF token, and is told that this is what it lacks
            mvc.perform(post("/api/policy").session(session).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"mql_threshold\": 0.5}")).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value(containsString("without its CSRF token")))
                    .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json;charset=UTF-8"));
        }
    }

    @Nested
    class LeadIds {
        static final String ODD_ID = "ACME/2026;17 50%\\EMEA";

        private String key;

        private String renamed;

        private String rename() {
            return rename(ODD_ID);
        }

        private String rename(String id) {
            key = jdbc.queryForObject("SELECT MIN(lead_key) FROM lead", String.class);
            jdbc.update("UPDATE lead SET lead_key = ? WHERE lead_key = ?", id, key);
            renamed = id;
            return id;
        }

        private void restore() {
            jdbc.update("UPDATE lead SET lead_key = ? WHERE lead_key = ?", key, renamed);
        }

        private HttpResponse<String> http(String path, String authorization, String cookie) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The lead opens by its encoded id in the API (its id as JSON writes it) and on its console page. */
        private void opensInTheApiAndOnItsPage(String id, String asJson, String cookie) throws Exception {
            String basic = "Basic " + Base64.getEncoder().encodeToString((TestUsers.DATA + ":" + TestUsers.DATA_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> api = http("/api/leads/" + LeadPaths.segment(id), basic, null);
            assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
            assertThat(api.body()).contains("\"lead_id\":\"" + asJson + "\"");
            HttpResponse<String> page = http(LeadPaths.of(id), null, cookie);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(id);
        }

        @Test
        void aLeadIdWithASlashASemicolonASpaceAPercentAndABackslashOpensInTheApiAndTheConsole() throws Exception {
            String id = rename();
            try {
                String cookie = signInOverHttp();
                opensInTheApiAndOnItsPage(id, "ACME/2026;17 50%\\\\EMEA", cookie);
                HttpResponse<String> search = http("/leads?q=ACME%2F2026", null, cookie);
                assertThat(search.body()).contains("href=\"/leads/ACME%2F2026%3B17%2050%25%5CEMEA\"");
            } finally {
                restore();
            }
        }

        /** Some CRMs key a lead by its record's address: two slashes in a row are part of the id, too. */
        @Test
        void aLeadIdShapedLikeAnAddressOpensInTheApiAndTheConsole() throws Exception {
            String id = rename("https://crm.example/lead//17/");
            try {
                opensInTheApiAndOnItsPage(id, "https://crm.example/lead//17/", signInOverHttp());
            } finally {
                restore();
            }
        }

        @Test
        void aLiteralSemicolonIsRefusedRatherThanCutShortToAnotherLead() throws Exception {
            String basic = "Basic " + Base64.getEncoder().encodeToString((TestUsers.DATA + ":" + TestUsers.DATA_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            String someLead = jdbc.queryForObject("SELECT MIN(lead_key) FROM lead", String.class);

            HttpResponse<String> cut = http("/api/leads/" + LeadPaths.segment(someLead) + ";x", basic, null);

            assertThat(cut.statusCode()).isEqualTo(400);
            // encoded slashes elsewhere stay refused
            assertThat(http("/api/jobs%2F..%2Fmodels", basic, null).statusCode()).isEqualTo(400);
        }

        private String signInOverHttp() throws Exception {
            HttpResponse<String> login = http("/login", null, null);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
            assertThat(token.find()).isTrue();
            String form = "username=" + TestUsers.DATA + "&password=" + TestUsers.DATA_PASSWORD + "&_csrf=" + token.group(1);
            HttpResponse<String> signedIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(302);
            return signedIn.headers().firstValue("Set-Cookie").map(c -> c.split(";")[0]).orElse(cookie);
        }
    }

    @Nested
    class FormEncoded {
        private HttpResponse<String> postEvents(String query, String body) throws Exception {
            // what 'curl -d @events.json' sends: the JSON as the body of a form
            return postEvents(query, body, "application/x-www-form-urlencoded");
        }

        private HttpResponse<String> postEvents(String query, String body, String type) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/events" + query))
                    .header("Authorization", "Bearer " + TestUsers.INGEST_TOKEN)
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void anEventsBodyLabelledMultipartIsReadAsTheJsonItIs() throws Exception {
            for (String type : new String[] {"multipart/form-data", "multipart/form-data; boundary=x"}) {
                HttpResponse<String> answer = postEvents("?source=crm", "{\"activities\": [{\"lead_id\":"
                        + " \"NO-SUCH-LEAD-PART\", \"occurred_at\": \"2026-05-04T09:00:00Z\", \"type\": \"email_open\"}]}",
                        type);

                assertThat(answer.statusCode()).as(type + ": " + answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("\"accepted\":0", "\"kind\":\"activities\"");
            }
        }

        @Test
        void anEventsBodySentAsAFormIsReadAsTheJsonItIs() throws Exception {
            HttpResponse<String> answer = postEvents("", "{\"activities\": [{\"lead_id\": \"NO-SUCH-LEAD-FORM\","
                    + " \"occurred_at\": \"2026-05-04T09:00:00Z\", \"type\": \"email_open\"}]}");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"accepted\":0", "\"kind\":\"activities\"");
        }

        @Test
        void theFormFieldsOfAnyOtherEndpointAreStillChecked() throws Exception {
            String basic = "Basic " + Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/funnel"))
                    .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("from=2026-01-01%00")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("the parameter 'from'");
        }

        @Test
        void itsQueryStringIsStillChecked() throws Exception {
            HttpResponse<String> answer = postEvents("?x=a%00b", "{\"leads\": []}");

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
            assertThat(answer.body()).contains("the parameter 'x'");
        }
    }

    /** What no controller answers is a problem like any other under /api/, over real HTTP (the error dispatch). */
    @Nested
    class NoControllerAnswers {
        private HttpResponse<String> send(String method, String path) throws Exception {
            return send(method, path, "*/*");
        }

        private HttpResponse<String> send(String method, String path, String accept) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + TestUsers.INGEST_TOKEN).header("Accept", accept)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void theErrorPageAskedForByItsAddressIsNoPageAtAllNotAServerError() throws Exception {
            for (String accept : new String[] {"*/*", "text/html"}) {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/error")).header("Accept", accept).GET().build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as(accept + ": " + answer.body()).isEqualTo(404);
                assertThat(answer.body()).contains("there is no such page").doesNotContain("999");
            }
        }

        @Test
        void aBrowserAskingForHtmlUnderApiGetsTheProblemToo() throws Exception {
            HttpResponse<String> answer = send("GET", "/api/events", "text/html,application/xhtml+xml");

            assertThat(answer.statusCode()).isEqualTo(405);
            assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(answer.body()).contains("\"status\":405", "this path takes only POST");
        }

        @Test
        void aMethodThePathDoesNotTakeIsAProblem() throws Exception {
            HttpResponse<String> answer = send("GET", "/api/events");

            assertThat(answer.statusCode()).isEqualTo(405);
            assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(answer.body()).contains("\"status\":405", "this path takes only POST", "\"instance\":\"/api/events\"")
                    .doesNotContain("viewer", "timestamp");
        }

        @Test
        void aMethodThePathDoesNotTakeIsNotCalledAGet() throws Exception {
            // the error page is reached by an internal GET: the answer names what the path takes, not that GET
            for (String method : java.util.List.of("PUT", "DELETE", "PATCH")) {
                HttpResponse<String> answer = send(method, "/api/events");

                assertThat(answer.statusCode()).as(method).isEqualTo(405);
                assertThat(answer.body()).as(method).contains("this path takes only POST").doesNotContain("GET");
            }
        }

        @Test
        void aPathTheFirewallRefusesIsAProblem() throws Exception {
            HttpResponse<String> answer = send("POST", "/api/leads/AB;x/followups");

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(answer.body()).contains("\"status\":400",
                    "refused before any endpoint read it: The request was rejected because").doesNotContain("viewer");
        }

        /** The request as sent, byte for byte: a client library would refuse to build these URIs. */
        private String raw(String target) throws Exception {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + TestUsers.INGEST_TOKEN + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        @Test
        void aPathThatDoesNotDecodeIsAProblemNotTomcatsPage() throws Exception {
            for (String path : java.util.List.of("/api/leads/%zz", "/api/leads/a%", "/api/leads/%00", "/api/leads/%C0%AF")) {
                String answer = raw(path);

                assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("Content-Type: application/problem+json")
                        .contains("\"status\":400", "the path could not be read", "\"instance\":\"" + path + "\"")
                        .doesNotContain("<html", "Tomcat");
            }
            assertThat(raw("/api/leads/%zz")).contains("The hexadecimal encoding is invalid");
            // the console's pages keep an HTML page, without the server's name and version
            assertThat(raw("/leads/%zz")).startsWith("HTTP/1.1 400").contains("<html").doesNotContain("Tomcat", "Apache");
        }

        @Test
        void aParameterThatDoesNotDecodeIsNamedAsTheReason() throws Exception {
            for (String query : java.util.List.of("x=%zz", "limit=%ff%fe", "q=%C3")) {
                String answer = raw("/api/queue?" + query);

                assertThat(answer).as(query).startsWith("HTTP/1.1 400").contains("application/problem+json")
                        .contains("a query or form parameter does not decode");
            }
        }
    }

    @Nested
    class SignIn {
        static final String ADDRESS = "203.0.113.77";

        @Test
        void wrongPasswordsOverBasicAreThrottledAndTheRightOneWaitsToo() throws Exception {
            try {
                mvc.perform(get("/api/models").with(httpBasic(TestUsers.DATA, "wrong-1")).with(from(ADDRESS)))
                        .andExpect(status().isUnauthorized());
                // four more failures as the first one was (the throttle's own test times them with a test clock):
                // the next check is sixteen seconds away, however slowly this machine runs the requests below
                for (int i = 0; i < 4; i++) {
                    throttle.failed(TestUsers.DATA, ADDRESS);
                }
                for (int i = 2; i <= 40; i++) {
                    mvc.perform(get("/api/models").with(httpBasic(TestUsers.DATA, "wrong-" + i)).with(from(ADDRESS)))
                            .andExpect(status().isTooManyRequests())
                            .andExpect(header().string(HttpHeaders.RETRY_AFTER, Matchers.matchesPattern("[1-9][0-9]*")))
                            .andExpect(jsonPath("$.detail").value(Matchers.containsString("try again in")));
                }
                mvc.perform(get("/api/models").with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD)).with(from(ADDRESS)))
                        .andExpect(status().isTooManyRequests());
            } finally {
                throttle.succeeded(TestUsers.DATA, ADDRESS);
            }
        }

        @Test
        void theSignInFormSaysHowLongToWait() throws Exception {
            try {
                mvc.perform(post("/login").param("username", TestUsers.OPS).param("password", "wrong").with(csrf())
                        .with(from(ADDRESS))).andExpect(redirectedUrl("/login?error"));
                throttle.failed(TestUsers.OPS, ADDRESS);
                throttle.failed(TestUsers.OPS, ADDRESS);
                String throttled = mvc.perform(post("/login").param("username", TestUsers.OPS)
                                .param("password", TestUsers.OPS_PASSWORD).with(csrf()).with(from(ADDRESS)))
                        .andReturn().getResponse().getRedirectedUrl();
                assertThat(throttled).matches("/login\\?throttled=[1-9][0-9]*");

                mvc.perform(get(throttled)).andExpect(status().isOk())
                        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                                .string(Matchers.containsString("Too soon after a failed sign-in: try again in")));
            } finally {
                throttle.succeeded(TestUsers.OPS, ADDRESS);
            }
        }
    }
}
