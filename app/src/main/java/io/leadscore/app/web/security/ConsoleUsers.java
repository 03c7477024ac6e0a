package io.leadscore.app.web.security;

import java.util.Set;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The people who may sign in: the configured users when there are any,
 * otherwise the accounts in the store (the administrator created on first
 * start). Configured users replace the store's accounts rather than adding to
 * them, so configuring real users retires the generated administrator.
 */
final class ConsoleUsers implements UserDetailsService {
    private final ConsoleAccess access;
    private final StoredUsers stored;

    ConsoleUsers(ConsoleAccess access, StoredUsers stored) {
        this.access = access;
        this.stored = stored;
    }

    boolean configured() {
        return !access.users().isEmpty();
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        if (configured()) {
            for (ConsoleAccess.User u : access.users()) {
                if (u.name().equals(name)) {
                    return details(u.name(), u.passwordHash(), u.parsedRoles());
                }
            }
            throw new UsernameNotFoundException("no such user");
        }
        return stored.find(name).map(u -> details(u.name(), u.passwordHash(), u.roles()))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    private static UserDetails details(String name, String hash, Set<Role> roles) {
        return User.withUsername(name).password(hash)
                .authorities(roles.stream().map(Role::grantedAuthority).toList()).build();
    }
}
