package io.leadscore.app.web;

import io.leadscore.app.scheduler.JobRefusedException;
import io.leadscore.app.scheduler.NoSuchRunException;
import io.leadscore.batch.registry.ModelNotFoundException;
import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.store.JobLock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API as problem details (RFC 9457): 400 for bad input, 404
 * for what does not exist, 409 when the store's state refuses the request now
 * (a run in progress, nothing to restart, no champion, a model whose file does not verify). The detail is the one
 * line a person can act on; nothing else of the exception leaves the server.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
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
