package io.leadscore.batch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.batch.TestModels;
import io.leadscore.batch.TestStores;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.ModelFile;
import io.leadscore.scoring.artifact.ModelSignature;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Model integrity, as someone with write access to the store but not the
 * model-signing key would attack it: swap a version's file for another
 * model's, recompute the recorded SHA-256 after editing a file, copy a whole
 * signed entry to another version, flip a byte, drop the signature. Each is
 * refused when the model is loaded, promoted or rolled back to, with a message
 * naming the version and the reason, and nothing changes.
 */
abstract class ModelIntegrityTest {
    @Autowired
    ModelRegistry registry;
    @Autowired
    ModelRecords records;
    @Autowired
    ModelDecisions decisions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    byte[] v1File;
    byte[] v2File;

    @BeforeEach
    void twoModels() {
        TestStores.clean(jdbc);
        v1File = register(TestModels.logistic("v1", 1));
        v2File = register(TestModels.logistic("v2", 2));
    }

    private byte[] register(ModelArtifact artifact) {
        byte[] file = ModelFile.toBytes(artifact);
        registry.register(artifact, file, Instant.parse("2026-06-01T00:00:00Z"), null, "test");
        return file;
    }

    void storeBytes(String version, byte[] bytes, boolean recomputeSha) {
        jdbc.update("UPDATE model SET artifact = ? WHERE version = ?", bytes, version);
        if (recomputeSha) {
            jdbc.update("UPDATE model SET artifact_sha256 = ? WHERE version = ?", ModelSignature.sha256(bytes), version);
        }
    }

    @Test
    void signsWhatItRegistersAndLoadsIt() {
        ModelRecord v1 = registry.get("v1");

        assertThat(v1.artifactSignature()).hasSize(64);
        assertThat(v1.signatureKeyId()).hasSize(16);
        assertThat(v1.artifactSha256()).isEqualTo(ModelSignature.sha256(v1File));
        assertThat(registry.artifact("v1").provenance().modelVersion()).isEqualTo("v1");
    }

    @Test
    void refusesAFileSwappedForAnotherModelsFile() {
        storeBytes("v1", v2File, false);

        assertThatThrownBy(() -> registry.artifact("v1"))
                .isInstanceOf(ModelRefusedException.class)
                .hasMessageStartingWith("model v1 is refused: its file does not match the SHA-256 recorded");
    }

    @Test
    void refusesAnEditedFileWhoseChecksumsWereRecomputed() {
        // another model's file, rewritten under v1's name with a valid trailing checksum, and its SHA-256 recorded
        byte[] forged = ModelFile.toBytes(TestModels.logistic("v1", 99));
        storeBytes("v1", forged, true);

        assertThatThrownBy(() -> registry.artifact("v1"))
                .isInstanceOf(ModelRefusedException.class)
                .hasMessage("model v1 is refused: its signature does not verify: the registry entry was changed outside"
                        + " leadscore; roll back or promote another model, or retrain");
    }

    @Test
    void refusesASignedEntryCopiedToAnotherVersion() {
        jdbc.update("UPDATE model SET artifact = ?, artifact_sha256 = ?, artifact_signature = ? WHERE version = 'v1'",
                v2File, registry.get("v2").artifactSha256(), registry.get("v2").artifactSignature());

        assertThatThrownBy(() -> registry.artifact("v1")).isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("its signature does not verify");
    }

    @Test
    void refusesToPromoteAModelWithAFlippedByteAndKeepsTheChampion() {
        registry.promote("v1", "first", "test");
        byte[] damaged = v2File.clone();
        damaged[damaged.length / 2] ^= 0x01;
        storeBytes("v2", damaged, false);
        long decisionsBefore = decisions.count();

        assertThatThrownBy(() -> registry.promote("v2", "by hand", "test"))
                .isInstanceOf(ModelRefusedException.class)
                .hasMessageStartingWith("model v2 is refused: ");
        assertThat(registry.champion()).map(ModelRecord::version).contains("v1");
        assertThat(registry.get("v2").status()).isEqualTo(ModelStatus.CHALLENGER);
        assertThat(decisions.count()).isEqualTo(decisionsBefore);
    }

    @Test
    void refusesToRollBackToADamagedChampion() {
        registry.promote("v1", "first", "test");
        registry.promote("v2", "second", "test");
        storeBytes("v1", v2File, false);

        assertThatThrownBy(() -> registry.rollback("test")).isInstanceOf(ModelRefusedException.class)
                .hasMessageStartingWith("model v1 is refused");
        assertThat(registry.champion()).map(ModelRecord::version).contains("v2");
    }

    @Test
    void aModelSignedWithAnotherKeyNamesBothKeys() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 7;
        ModelRegistry elsewhere = new ModelRegistry(records, decisions, clock, ModelSigningKey.of(otherKey));
        String ours = registry.get("v1").signatureKeyId();

        assertThatThrownBy(() -> elsewhere.artifact("v1")).isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("signed with another model-signing key (key id " + ours)
                .hasMessageContaining("LEADSCORE_MODEL_KEY");
    }

    @Test
    void anUnsignedModelIsRefusedUntilAnOperatorSignsIt() {
        jdbc.update("UPDATE model SET artifact_signature = NULL, signature_key_id = NULL WHERE version = 'v1'");

        assertThatThrownBy(() -> registry.artifact("v1")).isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("carries no signature").hasMessageContaining("leadscore models sign v1");

        registry.sign("v1", "cli:ops");

        assertThat(registry.artifact("v1").provenance().modelVersion()).isEqualTo("v1");
        assertThat(registry.decisions("v1")).extracting(ModelDecision::decision).contains(ModelDecision.Kind.SIGNED);
    }

    @Test
    void signingRefusesADamagedFile() {
        byte[] damaged = v1File.clone();
        damaged[40] ^= 0x10;
        storeBytes("v1", damaged, true);

        assertThatThrownBy(() -> registry.sign("v1", "cli:ops")).isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("its file is damaged").hasMessageContaining("it is not signed");
    }
}
