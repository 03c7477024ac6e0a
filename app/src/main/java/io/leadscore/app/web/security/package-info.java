/**
 * Who may use the console and the API: people from the configuration (bcrypt
 * hashes) or, with none configured, the administrator the first start creates
 * in the store; API tokens by SHA-256; the roles and the parts they open
 * ({@link io.leadscore.app.web.security.Area}); form sign-in with CSRF for the
 * console, tokens or HTTP Basic without sessions for scripts; sign-in
 * throttling per account and address; the firewall that lets lead ids keep
 * their slashes and semicolons.
 */
package io.leadscore.app.web.security;
