package io.leadscore.app.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} for scripts: the SHA-256 of the token
 * is compared with the configured hashes (tokens are long random strings, so a
 * fast hash is enough and keeps each request cheap, unlike a password hash).
 * A request with a token that matches none is refused at once; a request
 * without a bearer token passes on (to HTTP Basic or the session).
 */
final class ApiTokenAuthenticationFilter extends OncePerRequestFilter {
    private static final String BEARER = "bearer ";

    private final List<ConsoleAccess.Token> tokens;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiTokenAuthenticationFilter(List<ConsoleAccess.Token> tokens, AuthenticationEntryPoint entryPoint) {
        this.tokens = List.copyOf(tokens);
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            chain.doFilter(request, response);
            return;
        }
        ConsoleAccess.Token token = match(header.substring(BEARER.length()).strip());
        if (token == null) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("The bearer token is not valid"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(token.name(), null,
                token.parsedRoles().stream().map(Role::grantedAuthority).toList()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private ConsoleAccess.Token match(String presented) {
        if (presented.isEmpty()) {
            return null;
        }
        byte[] hash = Credentials.tokenHash(presented).getBytes(StandardCharsets.US_ASCII);
        ConsoleAccess.Token found = null;
        for (ConsoleAccess.Token t : tokens) {
            // every configured hash is compared, each in constant time
            if (MessageDigest.isEqual(hash, t.tokenHash().getBytes(StandardCharsets.US_ASCII))) {
                found = t;
            }
        }
        return found;
    }
}
