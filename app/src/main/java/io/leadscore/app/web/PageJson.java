package io.leadscore.app.web;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chart data handed to a page's script as JSON in a {@code data-json}
 * attribute: the template escapes it as any attribute value, so text from the
 * store (a company name, a rejection reason) stays data, and the pages need no
 * inline scripts (the content security policy allows none).
 */
@Component
public class PageJson {
    private final JsonMapper json;

    public PageJson(JsonMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        return json.writeValueAsString(value);
    }
}
