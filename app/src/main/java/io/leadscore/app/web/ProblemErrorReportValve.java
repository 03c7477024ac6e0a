package io.leadscore.app.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error report for what it refuses before the application sees the request (a path whose percent-escape
 * does not decode, {@code /api/leads/%zz}, or decodes to a NUL): under {@code /api/} the API's problem details
 * (RFC 9457), as every other API error, in place of Tomcat's HTML page; elsewhere Tomcat's page, without its version.
 * Installed as the host's error report valve by {@link WebConfiguration}; Tomcat creates it by its class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ProblemErrorReportValve() {
        setShowServerInfo(false);
        setShowReport(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        if (uri == null || !uri.startsWith("/api/")) {
            super.report(request, response, throwable);
            return;
        }
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        String said = response.getMessage();
        String reason = said == null || said.isBlank() ? "" : " (" + said + ")";
        // no context: the request never reached the application, its path did not decode
        String detail = status != HttpStatus.BAD_REQUEST ? (reason.isEmpty() ? status.getReasonPhrase() : said)
                : request.getContext() == null ? "the request was refused before any endpoint read it: the path could"
                + " not be read" + reason + "; a lead id with characters outside letters, digits and - _ . ~ is sent"
                + " percent-encoded as UTF-8"
                : "the request was refused before any endpoint read it" + reason;
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.body(JSON, status, detail, uri));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was already on its way: nothing more to tell it
        }
    }
}
