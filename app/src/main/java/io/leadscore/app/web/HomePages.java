package io.leadscore.app.web;

import org.springframework.web.bind.annotation.GetMapping;

/** The start page (the parts of the console the viewer may use) and the sign-in page. */
@ConsoleController
class HomePages {
    @GetMapping("/")
    String home() {
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
