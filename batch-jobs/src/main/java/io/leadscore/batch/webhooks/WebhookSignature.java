package io.leadscore.batch.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a delivery (docs/events.md): the header
 * {@code X-Leadscore-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>},
 * the secret taken as its UTF-8 bytes. A receiver computes the same over the
 * bytes it received and compares in constant time ({@link #verify}).
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Leadscore-Signature";
    public static final String EVENT_ID_HEADER = "X-Leadscore-Event-Id";
    public static final String EVENT_TYPE_HEADER = "X-Leadscore-Event-Type";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The header's value for {@code body} signed with {@code secret}. */
    public static String sign(String secret, byte[] body) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("Invalid webhook secret: empty, expected the subscriber's secret");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }

    /** Whether {@code header} is the signature of {@code body} with {@code secret}, compared in constant time. */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
