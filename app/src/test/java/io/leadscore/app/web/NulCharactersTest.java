package io.leadscore.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Text with a NUL character is the client's bad input wherever it arrives — a query parameter, a form field,
 * a JSON body — answered 400 with where it was, never stored (PostgreSQL's text cannot hold it: it would be
 * a 500, and lose a request's good values with the bad).
 */
@ConsoleTest
class NulCharactersTest {
    @Autowired
    MockMvc mvc;

    record Inner(String reason, List<String> tags) {
    }

    record Outer(String name, Inner inner, Map<String, Object> attributes) {
    }

    @Test
    void findsTheFirstPlaceOfABodyThatHoldsOne() {
        assertThat(NulCharacters.find(new Outer("ok", new Inner("fine", List.of("a", "b")), Map.of("k", "v")), ""))
                .isNull();
        assertThat(NulCharacters.find(new Outer("ok", new Inner("fine", List.of("a", "b\0")), Map.of()), ""))
                .isEqualTo("'inner.tags[1]'");
        assertThat(NulCharacters.find(new Outer("ok", null, Map.of("k", List.of(Map.of("deep", "x\0y")))), ""))
                .isEqualTo("'attributes.k[0].deep'");
        assertThat(NulCharacters.find(Map.of("na\0me", "v"), "")).isEqualTo("a field name");
        assertThat(NulCharacters.find("\0", "")).isEqualTo("the body");
    }

    @Test
    void aQueryParameterWithOneIsABadRequestOfTheApi() throws Exception {
        mvc.perform(get("/api/leads").param("q", "Ac\0me").with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("the parameter 'q' holds a NUL character (U+0000), which no text"
                        + " may hold"));
        mvc.perform(get("/api/leads").param("q", "Acme").with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD)))
                .andExpect(status().isOk());
    }

    @Test
    void aFormFieldWithOneIsABadRequestOfThePage() throws Exception {
        String body = mvc.perform(get("/leads").param("q", "\0").with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD)))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("the parameter 'q' holds a NUL character");
    }

    @Test
    void aJsonBodyWithOneIsABadRequestThatNamesTheField() throws Exception {
        mvc.perform(post("/api/leads/{id}/followups", "NUL-NOBODY").with(httpBasic(TestUsers.SALES, TestUsers.SALES_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\": \"rejected\", \"reason\": \"bad_fit\", \"channel\": \"ca\\u0000ll\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'channel' holds a NUL character (U+0000), which no text may hold"));
    }
}
