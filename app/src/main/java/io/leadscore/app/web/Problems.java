package io.leadscore.app.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details (RFC 9457) written where no controller answers: the security filters' 401, 403 and 429, a
 * parameter refused before any controller, a what-if cut off while streaming. The same keys as the controllers'
 * answers, in UTF-8 as the API promises.
 */
public final class Problems {
    private Problems() {
    }

    /** The body: {@code type, title, status, detail} and, when given, {@code instance}. */
    public static String body(JsonMapper json, HttpStatus status, String detail, String instance) {
        return json.writeValueAsString(fields(status, detail, instance));
    }

    /** The body's fields, in their order, for a writer that serialises them itself. */
    public static Map<String, Object> fields(HttpStatus status, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        return body;
    }

    /** Answers with the problem: its status, {@code application/problem+json} in UTF-8, the body. */
    public static void write(JsonMapper json, HttpServletResponse response, HttpStatus status, String detail,
                             String instance) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body(json, status, detail, instance));
    }
}
