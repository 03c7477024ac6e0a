package io.leadscore.app.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where the API finds who is calling: a request that carries an {@code Authorization} header is authenticated
 * by that header alone — what its filters found, kept for the request (and its async dispatches) only — and
 * the session it may also carry is not consulted. Otherwise a session plus any
 * header at all — an unknown scheme, a wrong Basic password for the session's own user — would pass as the
 * session's user while skipping the CSRF check that guards sessions. Requests without the header use the
 * session, as the console's pages do.
 */
final class OwnCredentialsFirst implements SecurityContextRepository {
    private final SecurityContextRepository request = new RequestAttributeSecurityContextRepository();
    private final SecurityContextRepository standard = new DelegatingSecurityContextRepository(request,
            new HttpSessionSecurityContextRepository());

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return (carriesOwnCredentials(holder.getRequest()) ? request : standard).loadContext(holder);
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest http) {
        return (carriesOwnCredentials(http) ? request : standard).loadDeferredContext(http);
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest http, HttpServletResponse response) {
        (carriesOwnCredentials(http) ? request : standard).saveContext(context, http, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest http) {
        return (carriesOwnCredentials(http) ? request : standard).containsContext(http);
    }

    static boolean carriesOwnCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }
}
