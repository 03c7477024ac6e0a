package io.leadscore.batch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ModelSigningKeyTest {
    static final String HEX_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void makesAKeyFileOnFirstUseSaysWhereAndKeepsUsingIt(CapturedOutput output) throws Exception {
        Path file = dir.resolve("keys").resolve("model.key");
        ModelSigningKey first = new ModelSigningKey(name -> null, file.toString());

        String id = first.signature().keyId();

        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file).strip()).hasSize(64).matches("[0-9a-f]+");
        assertThat(output.getAll()).contains("a new one was made in " + file, "back it up", "LEADSCORE_MODEL_KEY")
                .doesNotContain(Files.readString(file).strip());
        assertThat(new ModelSigningKey(name -> null, file.toString()).signature().keyId()).isEqualTo(id);
    }

    @Test
    void theEnvironmentVariableComesFirstAsHexOrBase64() {
        Path file = dir.resolve("unused.key");
        String base64 = java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(HEX_KEY));

        String fromHex = new ModelSigningKey(Map.of("LEADSCORE_MODEL_KEY", HEX_KEY)::get, file.toString()).signature().keyId();
        String fromBase64 = new ModelSigningKey(Map.of("LEADSCORE_MODEL_KEY", base64)::get, file.toString()).signature().keyId();

        assertThat(fromHex).isEqualTo(fromBase64);
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAShortKeySayingHowToMakeOne() {
        ModelSigningKey key = new ModelSigningKey(Map.of("LEADSCORE_MODEL_KEY", "abcd")::get, null);

        assertThatThrownBy(key::signature).isInstanceOf(ModelSigningKey.ModelSigningKeyException.class)
                .hasMessage("the environment variable LEADSCORE_MODEL_KEY holds a key of 2 bytes; a model-signing key"
                        + " needs at least 32 (make one with 'openssl rand -hex 32')");
    }

    @Test
    void differentKeysSignDifferentlyAndOnlyTheirOwnSignaturesVerify() {
        var a = ModelSigningKey.of(java.util.HexFormat.of().parseHex(HEX_KEY)).signature();
        var b = ModelSigningKey.of(new byte[32]).signature();
        String sha = "ab".repeat(32);

        assertThat(a.verifies("v1", sha, a.sign("v1", sha))).isTrue();
        assertThat(a.verifies("v2", sha, a.sign("v1", sha))).isFalse();
        assertThat(b.verifies("v1", sha, a.sign("v1", sha))).isFalse();
        assertThat(a.keyId()).isNotEqualTo(b.keyId());
    }
}
