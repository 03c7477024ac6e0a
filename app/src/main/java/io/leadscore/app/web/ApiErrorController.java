package io.leadscore.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page of what no controller answered — a method the path does not take (405), a path the firewall
 * refuses (a {@code ;} in it), a media type no endpoint produces — as problem details (RFC 9457) under
 * {@code /api/}, like every other API error; the console's pages keep the console's error page.
 */
@Controller
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
        type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
@RequestMapping("${server.error.path:${error.path:/error}}")
class ApiErrorController extends BasicErrorController {

    ApiErrorController(ErrorAttributes errorAttributes, WebProperties web, ObjectProvider<ErrorViewResolver> resolvers) {
        super(errorAttributes, web.getError(), resolvers.orderedStream().toList());
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        if (direct(request)) {
            return notAPage();
        }
        String path = apiPath(request);
        if (path == null) {
            return super.error(request);
        }
        HttpStatus status = getStatus(request);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.fields(status, detail(status, request), path));
    }

    /** A browser asking for HTML under /api/ gets the API's answer too, not the console's page. */
    @Override
    public org.springframework.web.servlet.ModelAndView errorHtml(HttpServletRequest request,
                                                                  jakarta.servlet.http.HttpServletResponse response) {
        if (apiPath(request) == null && !direct(request)) {
            return super.errorHtml(request, response);
        }
        ResponseEntity<Map<String, Object>> problem = error(request);
        org.springframework.web.servlet.view.json.JacksonJsonView view =
                new org.springframework.web.servlet.view.json.JacksonJsonView();
        view.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        view.setExtractValueFromSingleKeyModel(false);
        response.setStatus(problem.getStatusCode().value());
        return new org.springframework.web.servlet.ModelAndView(view, problem.getBody());
    }

    /** The error page asked for by its address, not reached from a failed request: there is no such page. */
    private static boolean direct(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null;
    }

    private static ResponseEntity<Map<String, Object>> notAPage() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.fields(HttpStatus.NOT_FOUND, "there is no such page: the error page answers failed"
                        + " requests only", "/error"));
    }

    /** The path of the failed request within the application, when it is the API's; else {@code null}. */
    private static String apiPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(uri instanceof String full)) {
            return null;
        }
        String path = full.startsWith(request.getContextPath()) ? full.substring(request.getContextPath().length())
                : full;
        return path.startsWith("/api/") ? path : null;
    }

    /**
     * The methods the path takes, as the refusal's {@code Allow} header lists them; the request itself cannot say
     * which method it was sent with, since the error page is reached by an internal GET.
     */
    private static String allowed() {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
                && servlet.getResponse() != null) {
            String allow = servlet.getResponse().getHeader(org.springframework.http.HttpHeaders.ALLOW);
            return allow == null || allow.isBlank() ? null : allow;
        }
        return null;
    }

    /** True when the servlet container could not decode the request's parameters (query string or form body). */
    private static boolean unreadableParameter(HttpServletRequest request) {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        for (Throwable t = failure instanceof Throwable th ? th : null; t != null; t = t.getCause()) {
            if (t instanceof org.apache.tomcat.util.http.InvalidParameterException) {
                return true;
            }
        }
        return false;
    }

    private static String detail(HttpStatus status, HttpServletRequest request) {
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String said = message instanceof String m && !m.isBlank() && m.length() <= 300 ? m : null;
        return switch (status) {
            case METHOD_NOT_ALLOWED -> allowed() == null ? "this path does not take the request's method;"
                    + " docs/console.md lists the methods of each endpoint"
                    : "this path takes only " + allowed() + "; docs/console.md lists the methods of each endpoint";
            case BAD_REQUEST -> said != null ? "the request was refused before any endpoint read it: " + said
                    : unreadableParameter(request) ? "the request was refused before any endpoint read it: a query or"
                    + " form parameter does not decode (a malformed percent-escape such as %zz, or bytes that are not"
                    + " UTF-8); send each name and value percent-encoded as UTF-8"
                    : "the request was refused before any endpoint read it";
            case NOT_FOUND -> "no endpoint at this path";
            default -> said != null ? said : status.getReasonPhrase();
        };
    }
}
