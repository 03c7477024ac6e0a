package io.leadscore.app.web;

import io.leadscore.scoring.domain.InvalidInputException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
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
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text with a NUL character (U+0000) is refused where it enters, as bad input: no field of the store may hold
 * one (PostgreSQL's text types cannot, and a lead id or a reason with one is never what a person meant). The
 * parameters of a request (query and form) are checked before anything reads them ({@link Filter}: 400), the
 * JSON body of an API call once it is read ({@link Bodies}: 400, naming the field). The events API reads its
 * body itself and refuses such a value item by item, so one bad item loses no good one.
 */
public final class NulCharacters {
    private NulCharacters() {
    }

    /** Whether the text holds a NUL character. */
    public static boolean in(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    /**
     * Where in the value (a record, map, collection or text, as a body binds) a NUL character is first found, as
     * a person reads it ({@code 'reason'}, {@code a field name in 'attributes'}), or {@code null}.
     */
    static String find(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return !in(text.toString()) ? null : where.isEmpty() ? "the body" : "'" + where + "'";
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (in(name)) {
                    return where.isEmpty() ? "a field name" : "a field name in '" + where + "'";
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
                    String found = find(c.getAccessor().invoke(value), where.isEmpty() ? c.getName()
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

    /** Refuses a request whose parameters hold a NUL character, before any controller reads them. */
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    static final class Filter extends OncePerRequestFilter {
        private final JsonMapper json;

        Filter(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
                boolean inValue = false;
                for (String v : p.getValue()) {
                    inValue |= in(v);
                }
                if (in(p.getKey()) || inValue) {
                    refuse(request, response, in(p.getKey()) ? "a parameter name" : "the parameter '" + p.getKey() + "'");
                    return;
                }
            }
            chain.doFilter(request, response);
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, String where) throws IOException {
            String detail = where + " holds a NUL character (U+0000), which no text may hold";
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith("/api/")) {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "about:blank");
                body.put("title", HttpStatus.BAD_REQUEST.getReasonPhrase());
                body.put("status", HttpStatus.BAD_REQUEST.value());
                body.put("detail", detail);
                body.put("instance", path);
                response.getWriter().write(json.writeValueAsString(body));
            } else {
                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("Bad request: " + detail + "\n");
            }
        }
    }

    /** Refuses a JSON body that holds a NUL character anywhere, naming the field. */
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
            String where = find(body, "");
            if (where != null) {
                throw new InvalidInputException(where + " holds a NUL character (U+0000), which no text may hold");
            }
            return body;
        }
    }
}
