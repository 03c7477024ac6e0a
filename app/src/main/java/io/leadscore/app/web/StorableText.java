package io.leadscore.app.web;

import io.leadscore.scoring.domain.InvalidInputException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text that no store keeps as it was sent is refused where it enters, as bad input: a NUL character (U+0000),
 * which PostgreSQL's text types cannot hold, and an unpaired UTF-16 surrogate (a JSON string escape of
 * U+D800 with no low half after it), which is no character and would be stored as {@code ?} — a lead id that no longer
 * matches itself. Neither is ever what a person meant. The parameters of a request (query and form) are
 * checked before anything reads them ({@link Filter}: 400), the JSON body of an API call once it is read
 * ({@link Bodies}: 400, naming the field). The events API reads its body itself and refuses such a value item
 * by item, so one bad item loses no good one.
 */
public final class StorableText {
    private StorableText() {
    }

    /**
     * What makes the text unstorable, as a person reads it ("a NUL character (U+0000)"), or {@code null} when it
     * is fine.
     */
    public static String flaw(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "a NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(java.util.Locale.ROOT, "an unpaired surrogate (U+%04X, half of a character)", (int) c);
            }
        }
        return null;
    }

    /** The answer's sentence: {@code where} holds {@code flaw}, which no text may hold. */
    public static String refusal(String where, String flaw) {
        return where + " holds " + flaw + ", which no text may hold";
    }

    /**
     * The refusal for the first unstorable text in the value (a record, map, collection or text, as a body
     * binds), naming where it is ({@code 'reason'}, {@code a field name in 'attributes'}), or {@code null}.
     */
    static String find(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence text) {
            String flaw = flaw(text.toString());
            return flaw == null ? null : refusal(where.isEmpty() ? "the body" : "'" + where + "'", flaw);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                String flaw = flaw(name);
                if (flaw != null) {
                    return refusal(where.isEmpty() ? "a field name" : "a field name in '" + where + "'", flaw);
                }
                String found = find(e.getValue(), where.isEmpty() ? name : where + "." + name);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                String found = find(item, where + "[" + i++ + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    // a request record is often a controller's own nested, non-public type
                    Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    String found = find(accessor.invoke(value), where.isEmpty() ? c.getName()
                            : where + "." + c.getName());
                    if (found != null) {
                        return found;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
            }
        }
        return null;
    }

    /** Refuses a request whose parameters hold unstorable text, before any controller reads them. */
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    static final class Filter extends OncePerRequestFilter {
        /** The endpoint that reads its own body ({@code EventsApi}). */
        private static final String EVENTS_PATH = "/api/events";

        private final JsonMapper json;

        Filter(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            for (Map.Entry<String, String[]> p : parameters(request).entrySet()) {
                String nameFlaw = flaw(p.getKey());
                String refusal = nameFlaw != null ? refusal("a parameter name", nameFlaw) : null;
                for (int i = 0; refusal == null && i < p.getValue().length; i++) {
                    String valueFlaw = flaw(p.getValue()[i]);
                    refusal = valueFlaw == null ? null : refusal("the parameter '" + p.getKey() + "'", valueFlaw);
                }
                if (refusal != null) {
                    refuse(request, response, refusal);
                    return;
                }
            }
            chain.doFilter(request, response);
        }

        /**
         * The request's parameters. The events API reads its body itself, as JSON whatever its content type says, so
         * a batch sent as a form ({@code curl -d} without a content type) or labelled multipart keeps its body: only
         * its query string is read here, where the container would otherwise take the body for form fields or
         * parts. Every other request's form fields are checked here, as they are what its controller reads.
         */
        private static Map<String, String[]> parameters(HttpServletRequest request) {
            if (!path(request).equals(EVENTS_PATH)) {
                return request.getParameterMap();
            }
            Map<String, String[]> query = new LinkedHashMap<>();
            UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
                    .forEach((name, values) -> {
                        try {
                            query.put(decode(name), values.stream().map(v -> v == null ? "" : decode(v))
                                    .toArray(String[]::new));
                        } catch (IllegalArgumentException malformed) {
                            // a malformed escape: the container drops such a parameter too
                        }
                    });
            return query;
        }

        private static String decode(String encoded) {
            return UriUtils.decode(encoded.replace('+', ' '), StandardCharsets.UTF_8);
        }

        private static String path(HttpServletRequest request) {
            return request.getRequestURI().substring(request.getContextPath().length());
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            String path = path(request);
            if (path.startsWith("/api/")) {
                Problems.write(json, response, HttpStatus.BAD_REQUEST, detail, path);
            } else {
                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("Bad request: " + detail + "\n");
            }
        }
    }

    /** Refuses a JSON body that holds unstorable text anywhere, naming the field. */
    @ControllerAdvice
    static final class Bodies extends RequestBodyAdviceAdapter {
        @Override
        public boolean supports(MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
                                    Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
            String refusal = find(body, "");
            if (refusal != null) {
                throw new InvalidInputException(refusal);
            }
            return body;
        }
    }
}
