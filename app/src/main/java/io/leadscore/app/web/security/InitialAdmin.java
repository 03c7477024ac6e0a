package io.leadscore.app.web.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The first start on a store with no users, configured or stored, creates an
 * administrator {@value #NAME} with a random password and keeps only its
 * bcrypt hash. The password is handed out once, to {@code leadscore serve},
 * which prints it on the console; it is never logged and not kept in memory
 * after that.
 */
public final class InitialAdmin implements SmartInitializingSingleton {
    /** The generated administrator's sign-in name. */
    public static final String NAME = "admin";
    /** 18 random bytes: 144 bits, 24 characters in URL-safe Base64. */
    private static final int PASSWORD_BYTES = 18;
    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final ConsoleUsers users;
    private final StoredUsers stored;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final AtomicReference<String> password = new AtomicReference<>();

    InitialAdmin(ConsoleUsers users, StoredUsers stored, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.stored = stored;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** Runs once the beans are made, before the web server takes requests. */
    @Override
    public void afterSingletonsInstantiated() {
        if (users.configured()) {
            if (stored.count() > 0) {
                log.info("Console users come from the configuration; the accounts stored in the store are not used");
            }
            return;
        }
        if (stored.count() > 0) {
            return;
        }
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            stored.insert(NAME, encoder.encode(generated), EnumSet.of(Role.ADMIN), clock.instant(),
                    "leadscore serve (first start)");
            password.set(generated);
            log.info("Created the console administrator '{}' (first start, no users configured)", NAME);
        } catch (DuplicateKeyException e) {
            // another process serving the same store created it first: its console shows the password
            log.info("The console administrator was created by another process");
        }
    }

    /**
     * The generated password, the first time it is asked for after it was created; empty afterwards and when no
     * administrator was created by this process.
     */
    public Optional<String> takePassword() {
        return Optional.ofNullable(password.getAndSet(null));
    }
}
