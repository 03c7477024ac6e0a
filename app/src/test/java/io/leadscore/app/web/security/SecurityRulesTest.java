package io.leadscore.app.web.security;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import io.leadscore.app.web.WhatIfAnswers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every role reaches its pages and endpoints and is refused the others (403);
 * anonymous requests are sent to sign in (pages) or refused with 401 (API);
 * only health is open; tokens, HTTP Basic, form sign-in and CSRF behave as
 * the security design says.
 */
@ConsoleTest
class SecurityRulesTest {
    /** Each part of the console: its page, its API endpoint, and who may use it. */
    private static final Map<Area, List<String>> PARTS = Map.of(
            Area.JOBS, List.of("/jobs", "/api/jobs?limit=5"),
            Area.WHAT_IF, List.of("/whatif", "/api/simulate?trials=20"),
            Area.FUNNEL, List.of("/funnel", "/api/funnel"),
            Area.MODELS, List.of("/models", "/api/models"),
            Area.LEADS, List.of("/leads", "/api/leads?limit=5"));
    private static final List<String> USERS = List.of(TestUsers.OPS, TestUsers.LEADERSHIP, TestUsers.DATA, TestUsers.ADMIN);

    @Autowired
    MockMvc mvc;

    @Autowired
    UserDetailsService users;

    @Autowired
    SignInThrottle throttle;

    static Stream<Arguments> userAndPart() {
        List<Arguments> out = new ArrayList<>();
        for (String u : USERS) {
            for (var part : PARTS.entrySet()) {
                out.add(Arguments.of(u, part.getKey(), part.getValue().get(0), part.getValue().get(1)));
            }
        }
        return out.stream();
    }

    private static boolean allowed(String user, Area area) {
        Role role = switch (user) {
            case TestUsers.OPS -> Role.OPS;
            case TestUsers.LEADERSHIP -> Role.LEADERSHIP;
            case TestUsers.DATA -> Role.DATA;
            default -> Role.ADMIN;
        };
        return area.roles().contains(role);
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("userAndPart")
    void eachRoleReachesItsPagesAndIsRefusedTheOthers(String name, Area area, String page, String api) throws Exception {
        mvc.perform(get(page).with(user(users.loadUserByUsername(name))))
                .andExpect(allowed(name, area) ? status().isOk() : status().isForbidden());
    }

    @ParameterizedTest(name = "{0} on {3}")
    @MethodSource("userAndPart")
    void eachRoleReachesItsEndpointsAndIsRefusedTheOthers(String name, Area area, String page, String api) throws Exception {
        // the what-ifs are computed off the request thread
        var result = WhatIfAnswers.perform(mvc, get(api).with(httpBasic(name, TestUsers.password(name))));
        if (allowed(name, area)) {
            result.andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        } else {
            result.andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(403));
        }
    }

    @Test
    void everyRoleReadsThePolicyAndTheStartPage() throws Exception {
        for (String name : USERS) {
            mvc.perform(get("/api/policy").with(httpBasic(name, TestUsers.password(name)))).andExpect(status().isOk());
            mvc.perform(get("/").with(user(users.loadUserByUsername(name)))).andExpect(status().isOk());
            mvc.perform(get("/policy").with(user(users.loadUserByUsername(name)))).andExpect(status().isOk());
        }
    }

    @Test
    void theNavigationShowsOnlyThePartsOfTheViewersRoles() throws Exception {
        mvc.perform(get("/").with(user(users.loadUserByUsername(TestUsers.OPS))))
                .andExpect(content().string(containsString("href=\"/jobs\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("href=\"/models\""))))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("href=\"/whatif\""))));
    }

    @Nested
    class Anonymous {
        @Test
        void isSentToSignInForPages() throws Exception {
            for (String page : List.of("/", "/whatif", "/models", "/jobs", "/leads", "/funnel", "/policy", "/swagger-ui.html",
                    "/js/console.js")) {
                mvc.perform(get(page)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
            }
        }

        @Test
        void isRefusedWith401ByTheApi() throws Exception {
            for (String api : List.of("/api/models", "/api/simulate", "/api/jobs", "/api/leads", "/api/funnel", "/api/policy",
                    "/v3/api-docs", "/actuator/metrics")) {
                mvc.perform(get(api)).andExpect(status().isUnauthorized())
                        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
                        .andExpect(jsonPath("$.status").value(401));
            }
        }

        @Test
        void isRefusedWith401WhenItTriesAChange() throws Exception {
            for (String api : List.of("/api/jobs/rescore", "/api/models/rollback", "/api/policy")) {
                mvc.perform(post(api)).andExpect(status().isUnauthorized());
            }
        }

        @Test
        void reachesOnlyHealthTheSignInPageAndItsStyles() throws Exception {
            mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
            mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(containsString("name=\"_csrf\"")));
            mvc.perform(get("/css/console.css")).andExpect(status().isOk());
        }
    }

    @Nested
    class Credentials {
        @Test
        void anApiTokenActsWithItsRoles() throws Exception {
            mvc.perform(get("/api/jobs").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.OPS_TOKEN))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/models").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.OPS_TOKEN))
                    .andExpect(status().isForbidden());
        }

        @Test
        void anUnknownTokenIsRefused() throws Exception {
            mvc.perform(get("/api/jobs").header(HttpHeaders.AUTHORIZATION, "Bearer lsk_not_a_configured_token"))
                    .andExpect(status().isUnauthorized());
        }

        @Test
        void aWrongPasswordIsRefused() throws Exception {
            mvc.perform(get("/api/jobs").with(httpBasic(TestUsers.OPS, "not-the-password"))).andExpect(status().isUnauthorized());
            // the failure would hold up the next sign-in of this user for a second (SignInThrottle)
            throttle.succeeded(TestUsers.OPS, "127.0.0.1");
        }

        @Test
        void formSignInStartsASessionWithTheRightPasswordOnly() throws Exception {
            mvc.perform(formLogin("/login").user(TestUsers.DATA).password(TestUsers.DATA_PASSWORD))
                    .andExpect(authenticated().withUsername(TestUsers.DATA).withRoles("DATA"))
                    .andExpect(redirectedUrl("/"));
            mvc.perform(formLogin("/login").user(TestUsers.DATA).password("guess"))
                    .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
            throttle.succeeded(TestUsers.DATA, "127.0.0.1");
        }

        @Test
        void metricsAreForOpsAndAdmins() throws Exception {
            mvc.perform(get("/actuator/metrics").with(httpBasic(TestUsers.OPS, TestUsers.OPS_PASSWORD))).andExpect(status().isOk());
            mvc.perform(get("/actuator/metrics").with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD)))
                    .andExpect(status().isForbidden());
        }
    }

    @Nested
    class Csrf {
        @Test
        void aConsoleFormWithoutItsTokenIsRefused() throws Exception {
            mvc.perform(post("/jobs/sla-check").with(user(users.loadUserByUsername(TestUsers.OPS))))
                    .andExpect(status().isForbidden());
        }

        @Test
        void theApiRidingOnTheSessionCookieNeedsTheToken() throws Exception {
            var admin = user(users.loadUserByUsername(TestUsers.ADMIN));
            MockHttpSession session = new MockHttpSession();
            String change = "{\"mql_threshold\": 2}";
            mvc.perform(post("/api/policy").session(session).with(admin).contentType(MediaType.APPLICATION_JSON)
                    .content(change)).andExpect(status().isForbidden());
            // with the token the request gets through to validation (no note, threshold out of range): nothing is written
            mvc.perform(post("/api/policy").session(session).with(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                    .content(change)).andExpect(status().isBadRequest());
        }

        @Test
        void aScriptWithItsOwnCredentialsNeedsNoToken() throws Exception {
            mvc.perform(post("/api/policy").with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"mql_threshold\": 2}"))
                    .andExpect(status().isBadRequest());
        }
    }
}
