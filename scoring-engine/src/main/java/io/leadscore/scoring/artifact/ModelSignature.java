package io.leadscore.scoring.artifact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof that a model file is the one a registry approved under a version.
 *
 * <p>A model file's trailing SHA-256 proves only that the file is whole:
 * anyone can write a file and its checksum. The registry therefore records
 * the SHA-256 of the file it registered and signs it together with the
 * version, {@code HMAC-SHA256(key, "leadscore-model-v1\n" + version + "\n" +
 * sha256)}, with a key kept outside the store. Someone who can write to the
 * store but does not hold the key can neither put another file in a version's
 * place (its SHA-256 would not match the signed one) nor sign a file of their
 * own, nor move a signed file to another version (the version is signed too).
 *
 * <p>Keys are at least {@value #MIN_KEY_BYTES} random bytes. Signatures are 64
 * lower-case hex digits and are compared in constant time.
 */
public final class ModelSignature {
    /** The shortest key accepted: 256 bits, the size of the HMAC-SHA256 output. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String CONTEXT = "leadscore-model-v1\n";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final String keyId;

    /** @throws IllegalArgumentException when the key is shorter than {@value #MIN_KEY_BYTES} bytes */
    public ModelSignature(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("Invalid model-signing key: " + key.length + " bytes, expected at least "
                    + MIN_KEY_BYTES);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.keyId = HEX.formatHex(digest(("leadscore-model-key-id\n" + HEX.formatHex(key)).getBytes(StandardCharsets.US_ASCII)))
                .substring(0, 16);
    }

    /** A short fingerprint of the key, safe to store and show: it names the key without revealing it. */
    public String keyId() {
        return keyId;
    }

    /** The signature of a version's file, given the SHA-256 of the file as hex. */
    public String sign(String version, String sha256) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HEX.formatHex(mac.doFinal((CONTEXT + version + "\n" + sha256.toLowerCase(java.util.Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * A key of 32 bytes for another use of this installation's key (e.g. sealing stored secrets), derived by
     * HMAC-SHA256 of the purpose: different purposes give unrelated keys, and none reveals this one.
     */
    public byte[] derive(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("leadscore-derived-key-v1\n" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code signature} is this key's signature of the version and SHA-256; a {@code null} one is not. */
    public boolean verifies(String version, String sha256, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(version, sha256).getBytes(StandardCharsets.US_ASCII),
                signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The SHA-256 of {@code bytes} as 64 lower-case hex digits. */
    public static String sha256(byte[] bytes) {
        return HEX.formatHex(digest(bytes));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
