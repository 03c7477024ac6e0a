package io.leadscore.app.web;

import io.leadscore.batch.registry.ModelNotFoundException;
import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.scoring.domain.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/** What every console page's layout reads (the viewer), and the error page for what a page cannot show. */
@ControllerAdvice(annotations = ConsoleController.class)
class ConsoleModel {
    @ModelAttribute("viewer")
    Viewer viewer(Authentication authentication) {
        return Viewer.of(authentication);
    }

    @ExceptionHandler({NotFoundException.class, ModelNotFoundException.class})
    ModelAndView notFound(RuntimeException e, Authentication authentication) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), authentication);
    }

    @ExceptionHandler(ModelRefusedException.class)
    ModelAndView refused(ModelRefusedException e, Authentication authentication) {
        return error(HttpStatus.CONFLICT, e.getMessage(), authentication);
    }

    /** What the viewer sent that the product refuses; any other exception is a bug, the error page's 500. */
    @ExceptionHandler(InvalidInputException.class)
    ModelAndView badRequest(InvalidInputException e, Authentication authentication) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), authentication);
    }

    private static ModelAndView error(HttpStatus status, String message, Authentication authentication) {
        ModelAndView view = new ModelAndView("error", status);
        view.addObject("status", status.value());
        view.addObject("error", status.getReasonPhrase());
        view.addObject("message", message);
        view.addObject("viewer", Viewer.of(authentication));
        return view;
    }
}
