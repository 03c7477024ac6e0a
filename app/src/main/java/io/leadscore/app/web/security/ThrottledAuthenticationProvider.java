package io.leadscore.app.web.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Name and password sign-in — the console's form and the API's HTTP Basic alike — through the
 * {@link SignInThrottle}: an attempt that comes too early is refused before its password is checked
 * ({@link SignInThrottledException}), and every wrong name or password counts against the account and the
 * client address.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {
    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String account = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        SignInThrottle.Verdict verdict = throttle.check(account, address);
        if (!verdict.allowed()) {
            throw new SignInThrottledException(verdict.retryAfter(), verdict.locked());
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(account, address);
            return signedIn;
        } catch (BadCredentialsException e) {
            // an unknown name is reported as bad credentials too, and counts the same
            throttle.failed(account, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
