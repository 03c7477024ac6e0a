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
 * Text no store keeps as sent — a NUL character, an unpaired surrogate — is the client's bad input wherever it
 * arrives — a query parameter, a form field, a JSON body — answered 400 with where it was, never stored
 * (PostgreSQL's text cannot hold a NUL, and stores a lone surrogate as '?': each was a 500 that lost a request's
 * good values with the bad).
 */
@ConsoleTest
class StorableTextTest {
    @Autowired
    MockMvc mvc;

    record Inner(String reason, List<String> tags) {
    }

    record Outer(String name, Inner inner, Map<String, Object> attributes) {
    }

    @Test
    void namesWhatIsWrongWithTheText() {
        assertThat(StorableText.flaw(null)).isNull();
        assertThat(StorableText.flaw("Zürich, 東京, \uD83D\uDE80 (a pair)")).isNull();
        assertThat(StorableText.flaw("a\0b")).isEqualTo("a NUL character (U+0000)");
        assertThat(StorableText.flaw("S-\uD800")).isEqualTo("an unpaired surrogate (U+D800, half of a character)");
        assertThat(StorableText.flaw("\uDFFFx")).isEqualTo("an unpaired surrogate (U+DFFF, half of a character)");
        assertThat(StorableText.flaw("\uD83D\uD83D\uDE80")).isEqualTo("an unpaired surrogate (U+D83D, half of a character)");
    }

    @Test
    void findsTheFirstPlaceOfABodyThatHoldsOne() {
        String nul = ", which no text may hold";
        assertThat(StorableText.find(new Outer("ok", new Inner("fine", List.of("a", "b")), Map.of("k", "v")), ""))
                .isNull();
        assertThat(StorableText.find(new Outer("ok", new Inner("fine", List.of("a", "b\0")), Map.of()), ""))
                .isEqualTo("'inner.tags[1]' holds a NUL character (U+0000)" + nul);
        assertThat(StorableText.find(new Outer("ok", null, Map.of("k", List.of(Map.of("deep", "x\uD800y")))), ""))
                .isEqualTo("'attributes.k[0].deep' holds an unpaired surrogate (U+D800, half of a character)" + nul);
        assertThat(StorableText.find(Map.of("na\0me", "v"), "")).isEqualTo("a field name holds a NUL character (U+0000)" + nul);
        assertThat(StorableText.find("\0", "")).isEqualTo("the body holds a NUL character (U+0000)" + nul);
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
        // a body bound to a record (the policy's change, a controller's own non-public type) is checked as well
        mvc.perform(post("/api/policy").with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"sla_hours\": 48, \"note\": \"faster\\u0000\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'note' holds a NUL character (U+0000), which no text may hold"));
    }
}
