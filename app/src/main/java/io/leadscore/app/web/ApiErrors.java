package io.leadscore.app.web;

import io.leadscore.app.scheduler.JobRefusedException;
import io.leadscore.app.scheduler.NoSuchRunException;
import io.leadscore.batch.registry.ModelNotFoundException;
import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.store.JobLock;
import io.leadscore.scoring.domain.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API as problem details (RFC 9457): 400 for bad input, 404
 * for what does not exist, 409 when the store's state refuses the request now
 * (a run in progress, nothing to restart, no champion, a model whose file does not verify), 503 when the store stayed
 * busy with other writes to the same rows. The detail is the one
 * line a person can act on; nothing else of the exception leaves the server.
 *
 * <p>Bad input is what the product refuses of what the client sent — an {@link InvalidInputException}, as the
 * command line's exit 2 (docs/cli.md), or a request Spring cannot bind (a number that is not one, a missing
 * parameter, a body that is not JSON). Anything else is a bug in leadscore, never the client's fault: 500 with a
 * generic body, and the stack trace in the server's log under the request's method and path.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiErrors extends ResponseEntityExceptionHandler {
    static final String INTERNAL = "Internal error: this is a bug in leadscore, not a problem with the request;"
            + " the server's log has the details";
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /**
     * A body Spring could not read: the reason the JSON parser gives (a key given twice, a broken surrogate in a
     * field name, where the syntax broke), not only that it failed.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            org.springframework.http.converter.HttpMessageNotReadableException e, HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        String detail = "the body could not be read";
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof tools.jackson.databind.exc.UnrecognizedPropertyException u) {
                // the key and what the body takes, not the class it would have been read into
                detail = "unknown field " + io.leadscore.scoring.domain.Quoted.value(u.getPropertyName())
                        + (u.getKnownPropertyIds() == null || u.getKnownPropertyIds().isEmpty() ? ""
                        : ": this endpoint takes " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                        .collect(java.util.stream.Collectors.joining(", ")));
                break;
            }
            if (c instanceof tools.jackson.core.JacksonException j) {
                detail = "the body is not the JSON this endpoint takes: " + said(j);
                break;
            }
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
    }

    /**
     * What the JSON parser found wrong, in the client's terms, with where: the parser's own message without the
     * notes meant for a programmer (the source it redacted, the Java type it would have read into).
     */
    public static String said(tools.jackson.core.JacksonException j) {
        String said = j.getOriginalMessage() == null ? j.getClass().getSimpleName() : j.getOriginalMessage();
        said = said.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "");
        java.util.regex.Matcher fraction = java.util.regex.Pattern.compile(
                "Cannot coerce Floating-point value \\(([^)]*)\\) to `java\\.lang\\.(Integer|Long)`.*").matcher(said);
        if (fraction.matches()) {
            // a whole number is meant; Jackson's words name its settings, not the field's rule
            String field = j instanceof tools.jackson.databind.exc.MismatchedInputException m && !m.getPath().isEmpty()
                    ? m.getPath().get(m.getPath().size() - 1).getPropertyName() : null;
            said = "a whole number was expected" + (field == null ? "" : " for " + field) + ", not " + fraction.group(1);
        }
        if (said.contains("surrogate") && said.contains("property name")) {
            // the name cannot be shown: it is not text; what is wrong with it can, in the words the events API uses
            said = "a field name holds an unpaired surrogate (half of a character), which no text may hold";
        }
        if (j instanceof tools.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null
                && said.startsWith("Cannot deserialize")) {
            Class<?> type = m.getTargetType();
            String wanted = java.util.Map.class.isAssignableFrom(type) || type.isRecord() ? "a JSON object"
                    : java.util.Collection.class.isAssignableFrom(type) || type.isArray() ? "a JSON array"
                    : Number.class.isAssignableFrom(type) || type.isPrimitive() ? "a number" : "a " + type.getSimpleName();
            int from = said.indexOf(" from ");
            String found = from < 0 ? "" : said.substring(from + 6).replaceAll("[;:(].*", "").strip();
            said = wanted + " was expected" + (found.isEmpty() ? "" : ", not " + found.replace(" value", "").toLowerCase(
                    java.util.Locale.ROOT).replaceFirst("^(array|object)", "an $1").replaceFirst("^(string|number)", "a $1"));
        }
        return (said.length() > 300 ? said.substring(0, 300) + "…" : said) + (j.getLocation() == null ? ""
                : " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")");
    }

    /**
     * A query or path value Spring could not convert to the parameter's type (a limit of "ten", a number too large
     * for it): which parameter, the value as sent, what it should be, and the range the API documents for it (its
     * OpenAPI description), rather than Spring's "Failed to convert".
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException e,
            HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        String name = e.getPropertyName();
        String range = "";
        if (e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m) {
            name = m.getName();
            String named = name;
            io.swagger.v3.oas.annotations.Parameter doc = m.getParameter()
                    .getParameterAnnotation(io.swagger.v3.oas.annotations.Parameter.class);
            if (doc != null && !doc.description().isBlank()) {
                range = "; " + named + " is " + doc.description();
            }
        }
        String detail = "parameter " + name + ": " + io.leadscore.scoring.domain.Quoted.value(
                String.valueOf(e.getValue())) + " is not " + kind(e.getRequiredType()) + range;
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
    }

    /**
     * Query parameters bound to a request object (the what-if's scenario) that could not be converted: the first
     * such parameter, its value and what it should be, as for a single parameter, rather than "Invalid request
     * content".
     */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            org.springframework.web.bind.MethodArgumentNotValidException e, HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        org.springframework.validation.FieldError field = e.getBindingResult().getFieldError();
        String detail = "the request's parameters could not be read";
        if (field != null) {
            Class<?> type = e.getBindingResult().getFieldType(field.getField());
            detail = "parameter " + dashed(field.getField()) + ": " + io.leadscore.scoring.domain.Quoted.value(
                    String.valueOf(field.getRejectedValue())) + " is not " + kind(type);
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
    }

    /** {@code periodDays} as the query names it: {@code period-days}. */
    private static String dashed(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String kind(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number in range";
        } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        } else if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        } else if (type != null && type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()
                    .toLowerCase(java.util.Locale.ROOT)).toList();
        }
        return "a value of the kind this endpoint takes";
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail badRequest(InvalidInputException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** What no other handler takes: a bug. Spring Security's refusals keep their own answers (401, 403). */
    @ExceptionHandler(Exception.class)
    ProblemDetail internalError(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e;
        }
        log.error("Internal error answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL);
    }

    /**
     * A write that kept colliding with others on the same rows (the live flow tries a few times first): the store is
     * busy, not the request wrong, so 503 with when to send it again. Sending the same items again is safe.
     */
    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<ProblemDetail> busy(TransientDataAccessException e, HttpServletRequest request) {
        log.warn("Store busy answering {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "the store is busy: other writes"
                        + " held the rows this request needs; nothing of it was stored, so sending it again is safe"));
    }

    @ExceptionHandler({NotFoundException.class, ModelNotFoundException.class, NoSuchRunException.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({ConflictException.class, JobRefusedException.class, JobLock.HeldException.class,
            Rescoring.NoChampionException.class, ModelRefusedException.class,
            Rescoring.AlreadyRescoredException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
