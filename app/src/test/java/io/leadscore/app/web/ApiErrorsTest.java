package io.leadscore.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadscore.scoring.domain.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's error path: what the product refuses of a request is the
 * client's 400, with the one line that says why; anything else — an
 * {@link IllegalArgumentException} a caller inside leadscore passed, a null, a
 * failed assumption — is the server's 500, with a body that gives nothing
 * away and the stack trace in the log.
 */
class ApiErrorsTest {
    /** Endpoints that fail as the product's code can. */
    @RestController
    static class Failing {
        @GetMapping("/api/refused")
        String refused(@RequestParam int limit) {
            throw new InvalidInputException("Invalid limit: " + limit + ", expected 1 to 500");
        }

        @GetMapping("/api/documented")
        String documented(@io.swagger.v3.oas.annotations.Parameter(description = "how many (default 50, at most 500)")
                          @RequestParam int limit, @RequestParam(defaultValue = "false") boolean overdue) {
            return "{}";
        }

        @GetMapping("/api/bug")
        String bug() {
            // an argument the code itself got wrong: not the client's mistake
            throw new IllegalArgumentException("Invalid bin count: -3 (secret internal detail)");
        }

        @GetMapping("/api/busy")
        String busy() {
            // what the live flow throws when its last attempt still met another writer's lock
            throw new CannotAcquireLockException("Timeout trying to lock table LEAD");
        }

        @GetMapping("/api/broken")
        String broken() {
            throw new IllegalStateException("kept state went missing");
        }
    }

    MockMvc mvc;
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(ApiErrors.class);

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiErrors()).build();
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logged);
    }

    @Test
    void aValueThatIsNotOfTheParametersTypeNamesTheParameterTheValueAndTheDocumentedRange() throws Exception {
        // too large for an int: the client's 400 with what to send instead, not Spring's "Failed to convert"
        mvc.perform(get("/api/documented?limit=99999999999")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("parameter limit: '99999999999' is not a whole number in"
                        + " range; limit is how many (default 50, at most 500)"));
        mvc.perform(get("/api/documented?limit=10&overdue=maybe")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("parameter overdue: 'maybe' is not true or false"));
        mvc.perform(get("/api/refused?limit=ten")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("parameter limit: 'ten' is not a whole number in range"));
    }

    @Test
    void aValueTheProductRefusesIsTheClientsBadRequest() throws Exception {
        mvc.perform(get("/api/refused?limit=9000")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value("Invalid limit: 9000, expected 1 to 500"));
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aStoreThatStayedBusyIsA503WithWhenToRetryNotABug() throws Exception {
        mvc.perform(get("/api/busy")).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("sending it again is safe")));
        assertThat(logged.list).singleElement().satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    }

    @Test
    void aRequestSpringCannotBindIsABadRequestToo() throws Exception {
        mvc.perform(get("/api/refused?limit=lots")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/refused")).andExpect(status().isBadRequest());
    }

    @Test
    void anIllegalArgumentFromInsideIsAnInternalErrorWithAGenericBodyAndALoggedTrace() throws Exception {
        String body = mvc.perform(get("/api/bug")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.status").value(500))
                .andExpect(jsonPath("$.detail").value(ApiErrors.INTERNAL))
                .andReturn().getResponse().getContentAsString();

        assertThat(body).doesNotContain("secret").doesNotContain("IllegalArgumentException");
        assertThat(logged.list).hasSize(1);
        ILoggingEvent event = logged.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage()).contains("GET /api/bug");
        assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(event.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    }

    @Test
    void anyOtherFailureIsAnInternalErrorToo() throws Exception {
        mvc.perform(get("/api/broken")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value(ApiErrors.INTERNAL));
        assertThat(logged.list).hasSize(1);
    }
}
