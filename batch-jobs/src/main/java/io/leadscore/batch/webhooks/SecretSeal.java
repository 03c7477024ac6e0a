package io.leadscore.batch.webhooks;

import io.leadscore.batch.registry.ModelSigningKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Seals the webhook secrets the store keeps (subscribers added over the API or the console), so that a copy of
 * the store — a backup, a dump handed to support — does not hand out the keys that sign what leaves the server.
 * AES-256-GCM with a key derived from the installation's key ({@link ModelSigningKey}, kept outside the store
 * and given to every process that scores or serves), a random 96-bit nonce per secret and the purpose as
 * associated data. A sealed value reads {@value #PREFIX} followed by the nonce and the ciphertext in base64; a
 * value without the prefix is a secret stored before secrets were sealed and is used as it is (serve seals such
 * values when it starts: {@link Subscribers#sealStoredSecrets}).
 */
@Component
public class SecretSeal {
    /** How a sealed value begins. */
    public static final String PREFIX = "sealed:v1:";
    private static final String PURPOSE = "webhook-subscriber-secret";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final ModelSigningKey installationKey;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    public SecretSeal(ModelSigningKey installationKey) {
        this.installationKey = Objects.requireNonNull(installationKey, "installationKey");
    }

    /** Whether a stored value is sealed (else it is a secret stored before sealing). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The sealed form of a secret, for the store. */
    public String seal(String secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret of a stored value: opened when sealed, as it is otherwise.
     *
     * @throws SealBrokenException when the value was sealed with another installation key, or altered
     */
    public String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealBrokenException("the stored secret is damaged (not base64)");
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new SealBrokenException("the stored secret is damaged (too short)");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealBrokenException("the stored secret was sealed with another installation key (the model-signing"
                    + " key, " + ModelSigningKey.ENVIRONMENT_VARIABLE + " or its key file, changed?) or was altered;"
                    + " remove the subscriber and add it again with its secret");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        SecretKeySpec k = key;
        if (k == null) {
            k = new SecretKeySpec(installationKey.signature().derive(PURPOSE), "AES");
            key = k;
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, k, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(PURPOSE.getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    /** A sealed secret that this installation's key cannot open. */
    public static final class SealBrokenException extends RuntimeException {
        public SealBrokenException(String message) {
            super(message);
        }
    }
}
