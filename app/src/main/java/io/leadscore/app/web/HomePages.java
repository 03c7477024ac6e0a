package io.leadscore.app.web;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The start page (the parts of the console the viewer may use) and the sign-in page. */
@ConsoleController
class HomePages {
    @GetMapping("/")
    String home() {
        return "home";
    }

    /**
     * @param throttled seconds until the next attempt is checked, after failed sign-ins (shown when it is a number)
     * @param locked    present when the account or the address is locked
     */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String throttled, @RequestParam(required = false) String locked,
                 Model model) {
        if (throttled != null && throttled.matches("[0-9]{1,6}")) {
            model.addAttribute("throttledSeconds", Long.parseLong(throttled));
            model.addAttribute("locked", locked != null);
        }
        return "login";
    }
}
