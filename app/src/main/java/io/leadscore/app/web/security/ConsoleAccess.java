package io.leadscore.app.web.security;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the console and the API, from configuration ({@code --config}):
 * people with a bcrypt password hash, and API tokens for scripts, each with
 * roles. Only hashes are configured, never a password or a token.
 *
 * <pre>
 * leadscore:
 *   users:
 *     - name: maria
 *       password-hash: "$2a$10$..."        # leadscore serve --hash-password
 *       roles: [leadership]
 *   tokens:
 *     - name: nightly-export
 *       token-hash: "9f86d0...0f00a08"     # leadscore serve --new-token
 *       roles: [ops]
 * </pre>
 *
 * @param users  people who sign in with a password; when there are none, the store's administrator account is
 *               used (created on first start)
 * @param tokens bearer tokens for scripts
 */
@ConfigurationProperties("leadscore")
public record ConsoleAccess(List<User> users, List<Token> tokens) {
    private static final Pattern BCRYPT = Pattern.compile("(\\{bcrypt})?\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ConsoleAccess {
        users = users == null ? List.of() : List.copyOf(users);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        Set<String> names = new HashSet<>();
        for (User u : users) {
            if (!names.add(u.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Invalid leadscore.users: the name '" + u.name() + "' is configured twice");
            }
        }
        for (Token t : tokens) {
            if (!names.add(t.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Invalid leadscore.tokens: the name '" + t.name()
                        + "' is already used by another user or token");
            }
        }
    }

    /**
     * A person who signs in with a password.
     *
     * @param name         the sign-in name, recorded as the actor of what they change
     * @param passwordHash a bcrypt hash ({@code $2a$...}, optionally prefixed {@code {bcrypt}})
     * @param roles        ops, leadership, data, ingest, sales, admin
     */
    public record User(String name, String passwordHash, List<String> roles) {
        public User {
            name = requireName("leadscore.users", name);
            if (passwordHash == null || !BCRYPT.matcher(passwordHash.strip()).matches()) {
                throw new IllegalArgumentException("Invalid leadscore.users password-hash of '" + name
                        + "': expected a bcrypt hash such as $2a$10$... (make one with 'leadscore serve --hash-password');"
                        + " plain passwords are not accepted");
            }
            passwordHash = passwordHash.strip();
            roles = requireRoles("leadscore.users", name, roles);
        }

        public Set<Role> parsedRoles() {
            return ConsoleAccess.parse(roles);
        }
    }

    /**
     * A bearer token for scripts: {@code Authorization: Bearer <token>}.
     *
     * @param name      who or what uses it, recorded as the actor of what it changes
     * @param tokenHash the SHA-256 of the token, 64 lower-case hex digits
     * @param roles     ops, leadership, data, ingest, sales, admin
     */
    public record Token(String name, String tokenHash, List<String> roles) {
        public Token {
            name = requireName("leadscore.tokens", name);
            String hash = tokenHash == null ? "" : tokenHash.strip().toLowerCase(Locale.ROOT);
            if (hash.startsWith("sha256:")) {
                hash = hash.substring("sha256:".length());
            }
            if (!SHA256_HEX.matcher(hash).matches()) {
                throw new IllegalArgumentException("Invalid leadscore.tokens token-hash of '" + name
                        + "': expected the SHA-256 of the token as 64 hex digits (make a token and its hash with"
                        + " 'leadscore serve --new-token')");
            }
            tokenHash = hash;
            roles = requireRoles("leadscore.tokens", name, roles);
        }

        public Set<Role> parsedRoles() {
            return ConsoleAccess.parse(roles);
        }
    }

    private static String requireName(String where, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Invalid " + where + ": an entry has no name");
        }
        String value = name.strip();
        if (value.length() > 100 || !value.matches("[\\p{L}\\p{N}._@+-]+")) {
            throw new IllegalArgumentException("Invalid " + where + " name '" + value
                    + "': expected up to 100 letters, digits and . _ @ + -");
        }
        return value;
    }

    private static List<String> requireRoles(String where, String name, List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("Invalid " + where + " entry '" + name
                    + "': no roles, expected at least one of ops, leadership, data, ingest, sales, admin");
        }
        if (roles.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Invalid " + where + " entry '" + name + "': an empty role in " + roles
                    + ", expected ops, leadership, data, ingest, sales or admin");
        }
        List<String> copy = List.copyOf(roles);
        try {
            parse(copy);
        } catch (IllegalArgumentException e) {
            // not chained: a settings failure is told by its innermost message, which must name the entry
            throw new IllegalArgumentException("Invalid " + where + " entry '" + name + "': " + e.getMessage());
        }
        return copy;
    }

    static Set<Role> parse(List<String> roles) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        for (String r : roles) {
            out.add(Role.fromWire(r));
        }
        return out;
    }
}
