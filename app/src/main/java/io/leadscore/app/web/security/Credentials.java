package io.leadscore.app.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Making the secrets the configuration refers to by hash: bcrypt hashes of
 * passwords, and API tokens with their SHA-256.
 */
public final class Credentials {
    /** Token prefix: makes a leaked token easy to recognise (and to search for in logs and repositories). */
    public static final String TOKEN_PREFIX = "lsk_";
    /** 32 random bytes: 256 bits. */
    private static final int TOKEN_BYTES = 32;
    /**
     * bcrypt cost 10 (Spring Security's default, OWASP's minimum): about 0.1 s per check here. HTTP Basic pays it
     * on every request, which is why scripts should use tokens.
     */
    static final int BCRYPT_STRENGTH = 10;

    private Credentials() {
    }

    /** A new random API token, e.g. {@code lsk_3q2...}. */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The configured form of a token: the SHA-256 of its UTF-8 bytes as 64 lower-case hex digits. */
    public static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The bcrypt hash of a password, for {@code leadscore.users[].password-hash}.
     *
     * @throws IllegalArgumentException when the password is shorter than 12 characters or longer than bcrypt's 72 bytes
     */
    public static String bcrypt(CharSequence password) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("Invalid password: expected at least 12 characters");
        }
        if (password.toString().getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new IllegalArgumentException("Invalid password: bcrypt uses at most 72 bytes, expected a shorter one");
        }
        return new BCryptPasswordEncoder(BCRYPT_STRENGTH).encode(password);
    }
}
