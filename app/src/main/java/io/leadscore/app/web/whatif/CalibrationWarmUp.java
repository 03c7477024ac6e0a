package io.leadscore.app.web.whatif;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Reads the store's calibration in the background once the server is up, so the first what-if is quick too. */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CalibrationWarmUp {
    private static final Logger log = LoggerFactory.getLogger(CalibrationWarmUp.class);

    private final StoreBases stores;

    CalibrationWarmUp(StoreBases stores) {
        this.stores = stores;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warm() {
        Thread t = new Thread(() -> {
            try {
                stores.current();
            } catch (RuntimeException e) {
                log.warn("The store's calibration could not be read yet: {}", e.getMessage());
            }
        }, "leadscore-calibration");
        t.setDaemon(true);
        t.start();
    }
}
