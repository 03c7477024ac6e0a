package io.leadscore.batch.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.batch.registry.ModelSigningKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretSealTest {
    private static final String SECRET = "whsec-the-crm-hook-0123456789abcdef";

    private static SecretSeal sealWithKey(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new SecretSeal(ModelSigningKey.of(key));
    }

    @Test
    void aSealedSecretOpensWithTheSameInstallationKeyOnly() {
        SecretSeal seal = sealWithKey(1);
        String sealed = seal.seal(SECRET);
        assertThat(sealed).startsWith(SecretSeal.PREFIX).doesNotContain(SECRET);
        // a fresh nonce each time: equal secrets do not give equal stored values
        assertThat(seal.seal(SECRET)).isNotEqualTo(sealed);
        assertThat(seal.open(sealed)).isEqualTo(SECRET);
        assertThat(sealWithKey(1).open(sealed)).as("another process of the installation").isEqualTo(SECRET);
        assertThatThrownBy(() -> sealWithKey(2).open(sealed))
                .isInstanceOf(SecretSeal.SealBrokenException.class)
                .hasMessageContaining("sealed with another installation key")
                .hasMessageContaining("LEADSCORE_MODEL_KEY")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void anAlteredOrDamagedValueIsRefused() {
        SecretSeal seal = sealWithKey(3);
        byte[] bytes = Base64.getDecoder().decode(seal.seal(SECRET).substring(SecretSeal.PREFIX.length()));
        bytes[bytes.length - 1] ^= 1;
        String altered = SecretSeal.PREFIX + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> seal.open(altered)).isInstanceOf(SecretSeal.SealBrokenException.class);
        assertThatThrownBy(() -> seal.open(SecretSeal.PREFIX + "not base64!"))
                .hasMessageContaining("damaged (not base64)");
        assertThatThrownBy(() -> seal.open(SecretSeal.PREFIX + "AAAA")).hasMessageContaining("damaged (too short)");
    }

    @Test
    void aValueStoredBeforeSealingIsUsedAsItIs() {
        assertThat(SecretSeal.isSealed(SECRET)).isFalse();
        assertThat(sealWithKey(4).open(SECRET)).isEqualTo(SECRET);
        assertThat(sealWithKey(4).open(null)).isNull();
    }
}
