package io.leadscore.app.web.security;

import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.app.web.ConflictException;
import io.leadscore.app.web.Viewer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator creates console accounts in the store (e.g. a sales rep's):
 * a random password is made, handed out once in the answer, and only its
 * bcrypt hash kept. Where users are configured ({@code leadscore.users}), the
 * store's accounts are not used, so creating one is refused.
 */
@RestController
// the console's users exist where the console does (SecurityConfiguration); a command's context has neither
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "users", description = "Console accounts kept in the store (role admin)")
class UsersApi {
    private static final int PASSWORD_BYTES = 18;

    private final ConsoleUsers users;
    private final StoredUsers stored;
    private final PasswordEncoder encoder;
    private final Clock clock;

    UsersApi(ConsoleUsers users, StoredUsers stored, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.stored = stored;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** A new account: its name and roles (ops, leadership, data, ingest, sales, admin). */
    record NewUser(String name, List<String> roles) {
    }

    /** The account created, with its password: shown this once, stored only as a hash. */
    record CreatedUser(String name, List<String> roles, String password) {
        CreatedUser {
            roles = List.copyOf(roles);
        }
    }

    @PostMapping(path = "/api/users", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Creates a console account with a random password, answered once")
    CreatedUser create(@RequestBody NewUser user, Authentication authentication) {
        if (users.configured()) {
            throw new ConflictException("console users come from the configuration (leadscore.users): add the account"
                    + " there, with a hash from 'leadscore serve --hash-password'");
        }
        // the configuration's own checks of a name and its roles
        ConsoleAccess.User checked;
        try {
            checked = new ConsoleAccess.User(user == null ? null : user.name(),
                    "$2a$04$" + "a".repeat(53), user == null ? null : user.roles());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage().replace("leadscore.users", "user"));
        }
        Set<Role> roles = checked.parsedRoles();
        // sign-in throttling counts failures by name ignoring case: two accounts so named would lock each other
        stored.nameLike(checked.name()).ifPresent(taken -> {
            throw new ConflictException("a user named '" + taken + "' exists already (names are told apart"
                    + " ignoring case)");
        });
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            stored.insert(checked.name(), encoder.encode(password), roles, clock.instant(), Viewer.of(authentication).actor());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("a user named '" + checked.name() + "' exists already");
        }
        return new CreatedUser(checked.name(), roles.stream().map(Role::wireName).sorted().toList(), password);
    }
}
