package io.leadscore.app.web.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code /api/webhooks} and the Webhooks page on the shared console store:
 * who may do what, and every hostile subscriber a client can send refused with
 * a 400 that says what is wrong, the secret never in an answer.
 */
@ConsoleTest
class WebhooksApiTest {
    static final String SECRET = "0123456789abcdef-a-real-secret";
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    @Autowired
    MockMvc mvc;

    static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD));
    }

    MvcResult add(String json) throws Exception {
        return mvc.perform(asAdmin(post("/api/webhooks")).contentType(MediaType.APPLICATION_JSON).content(json))
                .andReturn();
    }

    static String subscriber(String url, String events, String secret) {
        return "{\"url\": " + url + ", \"events\": " + events + ", \"secret\": " + secret + "}";
    }

    @Test
    void anAdminAddsListsAndRemovesASubscriberWhoseSecretNeverComesBack() throws Exception {
        MvcResult added = add(subscriber("\"https://hooks.example.com/leadscore\"", "[\"mql.created\", \"lead.rejected\"]",
                "\"" + SECRET + "\""));
        assertThat(added.getResponse().getStatus()).isEqualTo(201);
        String body = added.getResponse().getContentAsString();
        assertThat(body).contains("\"url\":\"https://hooks.example.com/leadscore\"", "\"origin\":\"api\"",
                "\"events\":[\"mql.created\",\"lead.rejected\"]", "\"created_by\":\"web:" + TestUsers.ADMIN + "\"")
                .doesNotContain(SECRET);
        Matcher id = ID.matcher(body);
        assertThat(id.find()).isTrue();
        assertThat(added.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/webhooks/" + id.group(1));

        String listed = mvc.perform(asAdmin(get("/api/webhooks"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(listed).contains("https://hooks.example.com/leadscore").doesNotContain(SECRET);
        assertThat(add(subscriber("\"https://hooks.example.com/leadscore\"", "[\"mql.created\"]", "\"" + SECRET + "\""))
                .getResponse().getStatus()).as("subscribed already").isEqualTo(409);
        // the same receiver spelt another way is the same subscriber: scheme and host in any case, a default port
        for (String same : new String[] {"HTTPS://Hooks.Example.COM/leadscore", "https://hooks.example.com:443/leadscore"}) {
            MvcResult again = add(subscriber("\"" + same + "\"", "[\"mql.created\"]", "\"" + SECRET + "\""));
            assertThat(again.getResponse().getStatus()).as(same).isEqualTo(409);
            assertThat(again.getResponse().getContentAsString()).contains("https://hooks.example.com/leadscore is"
                    + " subscribed already");
        }
        // while the path is the receiver's own, case and all
        MvcResult other = add(subscriber("\"https://hooks.example.com/LeadScore\"", "[\"mql.created\"]",
                "\"" + SECRET + "\""));
        assertThat(other.getResponse().getStatus()).isEqualTo(201);
        Matcher otherId = ID.matcher(other.getResponse().getContentAsString());
        assertThat(otherId.find()).isTrue();
        mvc.perform(asAdmin(delete("/api/webhooks/" + otherId.group(1)))).andExpect(status().isNoContent());

        mvc.perform(asAdmin(delete("/api/webhooks/" + id.group(1)))).andExpect(status().isNoContent());
        mvc.perform(asAdmin(delete("/api/webhooks/" + id.group(1)))).andExpect(status().isNotFound());
        assertThat(mvc.perform(asAdmin(get("/api/webhooks"))).andReturn().getResponse().getContentAsString())
                .doesNotContain("https://hooks.example.com/leadscore");
    }

    @Nested
    class HostileSubscribers {
        @ParameterizedTest
        @ValueSource(strings = {"ftp://hooks.example.com/x", "file:///etc/passwd", "javascript:alert(1)",
                "gopher://hooks.example.com:70/", "hooks.example.com/no-scheme", "http:///no-host",
                "http://localhost:8080/hook", "http://127.0.0.1/hook", "http://127.1/hook", "http://[::1]/hook",
                "http://0.0.0.0/hook", "http://10.1.2.3/hook", "http://192.168.0.10/hook", "http://172.16.5.4/hook",
                "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/hook", "http://[fd00::1]/hook",
                "http://[::ffff:127.0.0.1]/hook", "http://metadata.google.internal/computeMetadata/v1/",
                "http://printer.local/hook", "https://user:password@hooks.example.com/x",
                "https://hooks.example.com/x#fragment", "http://hooks.example.com:99999/x", "https://exa mple.com/x"})
        void refusesAUrlThatIsNotAPublicHttpUrl(String url) throws Exception {
            MvcResult r = add(subscriber("\"" + url + "\"", "[\"mql.created\"]", "\"" + SECRET + "\""));
            assertThat(r.getResponse().getStatus()).as(url).isEqualTo(400);
            assertThat(r.getResponse().getContentAsString()).contains("Invalid url").doesNotContain("password@");
        }

        @Test
        void refusesAHugeUrl() throws Exception {
            MvcResult r = add(subscriber("\"https://hooks.example.com/" + "a".repeat(3000) + "\"", "[\"mql.created\"]",
                    "\"" + SECRET + "\""));
            assertThat(r.getResponse().getStatus()).isEqualTo(400);
            assertThat(r.getResponse().getContentAsString()).contains("expected at most 2048");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 15, 257, 10_000, 1_000_000})
        void refusesASecretOutsideItsLengths(int length) throws Exception {
            String secret = "s".repeat(length);
            MvcResult r = add(subscriber("\"https://hooks.example.com/s" + length + "\"", "[\"mql.created\"]",
                    "\"" + secret + "\""));
            assertThat(r.getResponse().getStatus()).isEqualTo(400);
            String answer = r.getResponse().getContentAsString();
            assertThat(answer).contains("Invalid secret");
            if (length > 0) {
                assertThat(answer).doesNotContain(secret);
            }
        }

        @Test
        void refusesASecretWithControlCharactersAndAMissingOne() throws Exception {
            assertThat(add(subscriber("\"https://hooks.example.com/c\"", "[\"mql.created\"]",
                    "\"0123456789abcdef\\u0000x\"")).getResponse().getStatus()).isEqualTo(400);
            assertThat(add(subscriber("\"https://hooks.example.com/c\"", "[\"mql.created\"]", "null"))
                    .getResponse().getStatus()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "null", "[\"mql.deleted\"]", "[\"MQL.CREATED\"]", "[null]",
                "[\"mql.created\", \"\\u001b[2Jx\"]"})
        void refusesEventsThatAreNotTheContracts(String events) throws Exception {
            MvcResult r = add(subscriber("\"https://hooks.example.com/e\"", events, "\"" + SECRET + "\""));
            assertThat(r.getResponse().getStatus()).as(events).isEqualTo(400);
            assertThat(r.getResponse().getContentAsString()).contains("Invalid events").doesNotContain("\u001b");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not json", "[]", "{\"url\": 5, \"events\": \"mql.created\"}"})
        void refusesABodyThatIsNotASubscriber(String body) throws Exception {
            assertThat(add(body).getResponse().getStatus()).as(body).isEqualTo(400);
        }
    }

    @Test
    void opsSeesAndResendsDeliveriesButNotSubscribersOtherRolesNeither() throws Exception {
        mvc.perform(get("/api/webhooks/deliveries").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.OPS_TOKEN))
                .andExpect(status().isOk());
        mvc.perform(get("/api/webhooks").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.OPS_TOKEN))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/webhooks").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.OPS_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).content(subscriber("\"https://hooks.example.com/o\"",
                        "[\"mql.created\"]", "\"" + SECRET + "\""))).andExpect(status().isForbidden());
        mvc.perform(post("/api/webhooks/deliveries/999999/redeliver")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.OPS_TOKEN)).andExpect(status().isNotFound());
        for (String role : new String[] {TestUsers.DATA, TestUsers.LEADERSHIP}) {
            mvc.perform(get("/api/webhooks/deliveries").with(httpBasic(role, TestUsers.password(role))))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/webhooks").with(httpBasic(role, TestUsers.password(role))))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/webhooks/deliveries")).andExpect(status().isUnauthorized());
        mvc.perform(asAdmin(get("/api/webhooks/deliveries?status=lost"))).andExpect(status().isBadRequest());
        mvc.perform(asAdmin(get("/api/webhooks/deliveries?limit=0"))).andExpect(status().isBadRequest());
        mvc.perform(asAdmin(get("/api/webhooks/deliveries?limit=1001"))).andExpect(status().isBadRequest());
    }

    @Test
    void theWebhooksPageShowsSubscribersToAdminsOnly() throws Exception {
        String admin = mvc.perform(get("/webhooks").with(user(TestUsers.ADMIN).roles("ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(admin).contains("id=\"add-subscriber\"", "id=\"subscribe\"", "Deliveries");
        String ops = mvc.perform(get("/webhooks").with(user(TestUsers.OPS).roles("OPS")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(ops).contains("Deliveries").doesNotContain("add-subscriber");
        mvc.perform(get("/webhooks").with(user(TestUsers.DATA).roles("DATA"))).andExpect(status().isForbidden());
        mvc.perform(post("/webhooks/subscribers").with(user(TestUsers.OPS).roles("OPS")).with(csrf())
                .param("url", "https://hooks.example.com/p").param("events", "mql.created").param("secret", SECRET))
                .andExpect(status().isForbidden());

        mvc.perform(post("/webhooks/subscribers").with(user(TestUsers.ADMIN).roles("ADMIN")).with(csrf())
                .param("url", "http://169.254.169.254/").param("events", "mql.created").param("secret", SECRET))
                .andExpect(status().is3xxRedirection());
        String after = mvc.perform(get("/api/webhooks").with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        assertThat(after).doesNotContain("169.254.169.254");
    }
}
