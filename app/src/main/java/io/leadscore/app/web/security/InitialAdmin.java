package io.leadscore.app.web.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The first start on a store with no users, configured or stored, creates an
 * administrator {@value #NAME} with a random password and keeps only its
 * bcrypt hash. {@code leadscore serve} asks for it once its web server listens,
 * and prints the password on the console; a start that fails (a port in use, a
 * bad setting) creates no account whose password no one saw. The password is
 * never logged and not kept after it is handed out.
 */
public final class InitialAdmin {
    /** The generated administrator's sign-in name. */
    public static final String NAME = "admin";
    /** 18 random bytes: 144 bits, 24 characters in URL-safe Base64. */
    private static final int PASSWORD_BYTES = 18;
    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final ConsoleUsers users;
    private final StoredUsers stored;
    private final PasswordEncoder encoder;
    private final Clock clock;

    InitialAdmin(ConsoleUsers users, StoredUsers stored, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.stored = stored;
        this.encoder = encoder;
        this.clock = clock;
    }

    /**
     * Creates the administrator when no users are configured or stored.
     *
     * @return its password, to be shown this once; empty when users exist, or another process serving the same
     *         store created the administrator first (its console shows the password)
     */
    public Optional<String> createIfNoUsers() {
        if (users.configured()) {
            if (stored.count() > 0) {
                log.info("Console users come from the configuration; the accounts stored in the store are not used");
            }
            return Optional.empty();
        }
        if (stored.count() > 0) {
            return Optional.empty();
        }
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            stored.insert(NAME, encoder.encode(generated), EnumSet.of(Role.ADMIN), clock.instant(),
                    "leadscore serve (first start)");
            log.info("Created the console administrator '{}' (first start, no users configured)", NAME);
            return Optional.of(generated);
        } catch (DuplicateKeyException e) {
            log.info("The console administrator was created by another process");
            return Optional.empty();
        }
    }
}
