package io.leadscore.batch.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.leadscore.batch.GeneratedHistory;
import io.leadscore.batch.TestStores;
import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.registry.ModelDecision;
import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.registry.ModelStatus;
import io.leadscore.batch.store.JobLock;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.scoring.Algorithm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * retrainJob on a generated history (3,000 leads, seed 11): it reads every
 * lead, labels those whose outcome is known, trains, registers, and decides on
 * promotion as the rule says — each decision recorded with its reason.
 */
abstract class RetrainJobTest {
    static final GeneratedHistory HISTORY = GeneratedHistory.of(3_000, 11);

    @Autowired
    Retraining retraining;
    @Autowired
    ModelRegistry registry;
    @Autowired
    CrmImport crmImport;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    JobLock jobLock;

    @BeforeEach
    void importHistory() {
        TestStores.clean(jdbc);
        HISTORY.importInto(crmImport);
    }

    Retraining.Request request(PromotionMode mode) {
        return new Retraining.Request(HISTORY.until(), Algorithm.GRADIENT_BOOSTING, mode, 7L, List.of("sales_verdict"));
    }

    @Test
    void aDamagedChampionStopsTheTrainingBeforeItStartsAndNothingIsRegistered() {
        retraining.run(request(PromotionMode.AUTO));
        byte[] file = jdbc.queryForObject("SELECT artifact FROM model WHERE version = 'v1'", byte[].class);
        file[file.length / 2] ^= 0x01;
        jdbc.update("UPDATE model SET artifact = ? WHERE version = 'v1'", file);
        long runs = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);

        assertThatThrownBy(() -> retraining.run(request(PromotionMode.AUTO)))
                .isInstanceOf(ModelRefusedException.class)
                .hasMessageStartingWith("model v1 is refused: ")
                .hasMessageContaining("--promote never");
        assertThat(registry.list()).extracting(m -> m.version()).containsExactly("v1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class)).isEqualTo(runs);
    }

    @Test
    void aRunThatFailsAfterTrainingRegistersNothing() {
        retraining.run(request(PromotionMode.AUTO));
        // the name the next challenger would take is in use: registering it fails in the promotion step
        jdbc.update("INSERT INTO model (version, algorithm, status, trained_at, as_of, artifact, artifact_sha256)"
                + " SELECT 'v3', algorithm, 'RETIRED', trained_at, as_of, artifact, artifact_sha256 FROM model");
        long decisions = registry.decisions().size();

        TrainingReport report = retraining.run(request(PromotionMode.NEVER));

        assertThat(report.status()).isEqualTo("FAILED");
        assertThat(report.version()).isNull();
        assertThat(report.failure()).contains("v3");
        assertThat(registry.list()).extracting(m -> m.version()).containsExactlyInAnyOrder("v1", "v3");
        assertThat(registry.decisions()).hasSize((int) decisions);
    }

    @Test
    void trainsRegistersAndPromotesTheFirstModel() {
        TrainingReport report = retraining.run(request(PromotionMode.AUTO));

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.version()).isEqualTo("v1");
        assertThat(report.promoted()).isTrue();
        assertThat(report.decision()).startsWith("Promoted: there was no champion before it");
        assertThat(registry.champion()).map(m -> m.version()).contains("v1");
        assertThat(registry.decisions("v1")).extracting(ModelDecision::decision)
                .containsExactly(ModelDecision.Kind.REGISTERED, ModelDecision.Kind.PROMOTED);

        // the training set: every lead read; snapshots of every lead whose first horizon has passed, the others
        // left out; out of time by snapshot time, the most recent fifth of the sampled snapshots held out with every
        // snapshot the per-lead cap left out from then on
        var p = report.artifact().provenance();
        long labelled = p.training().rows() + p.validation().rows();
        assertThat(report.histories()).isEqualTo(3_000);
        assertThat(report.leads() + report.censored()).isEqualTo(3_000);
        assertThat(labelled).isGreaterThan(3 * report.leads());
        assertThat(p.claim().sentence()).isEqualTo("the probability that this open lead produces a won deal within 180 days of now");
        assertThat(p.trainingSet()).containsEntry("snapshotAges", "0h,1d,3d,7d,14d,30d,60d,90d,180d,365d, then every 91d")
                .containsEntry("excludedFields", "sales_verdict");
        assertThat(p.metricsByAge()).extracting(b -> b.band().label()).contains("0–1 d", "30–90 d", "180+ d");
        assertThat(p.metricsByAge().stream().mapToInt(b -> b.metrics().rows()).sum()).isEqualTo(p.validation().rows());
        assertThat(p.validation().rows()).isBetween((int) (labelled * 0.19), (int) (labelled * 0.3));
        assertThat(p.training().to()).isBeforeOrEqualTo(p.validation().from());
        assertThat(p.validation().to()).isBeforeOrEqualTo(HISTORY.until().minus(Duration.ofDays(180)));
        assertThat(report.artifact().schema().names()).noneMatch(name -> name.contains("sales_verdict"));
        assertThat(p.metrics().auc()).isGreaterThan(0.7);

        JobExecution execution = jobRepository.getJobExecution(report.executionId());
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(execution.getStepExecutions())
                .extracting(StepExecution::getStepName, StepExecution::getReadCount, StepExecution::getWriteCount,
                        StepExecution::getSkipCount)
                .containsExactly(
                        tuple("trainingSetStep", 3_000L, labelled, 0L),
                        tuple("trainChallengerStep", labelled, 1L, 0L),
                        tuple("promotionStep", 0L, 1L, 0L));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM model", Long.class)).isEqualTo(1);
    }

    @Test
    void comparesWithTheChampionOnTheSameWindowAndRecordsEveryDecision() {
        retraining.run(request(PromotionMode.AUTO));

        // a second model trained the same way is exactly as good: auto promotes it (AUC within 0.005)
        TrainingReport same = retraining.run(request(PromotionMode.AUTO));
        assertThat(same.promoted()).isTrue();
        assertThat(same.decision()).contains("vs champion");
        assertThat(registry.get("v1").status()).isEqualTo(ModelStatus.RETIRED);

        TrainingReport kept = retraining.run(request(PromotionMode.NEVER));
        assertThat(kept.promoted()).isFalse();
        assertThat(registry.get("v3").status()).isEqualTo(ModelStatus.CHALLENGER);
        assertThat(registry.decisions("v3")).extracting(ModelDecision::decision)
                .containsExactly(ModelDecision.Kind.REGISTERED, ModelDecision.Kind.KEPT_CHALLENGER);

        TrainingReport forced = retraining.run(new Retraining.Request(HISTORY.until(), Algorithm.LOGISTIC_REGRESSION,
                PromotionMode.FORCE, 7L, List.of("sales_verdict")));
        assertThat(forced.promoted()).isTrue();
        assertThat(registry.champion()).map(m -> m.version()).contains("v4");

        // rollback walks back the chain of champions: v4 -> v2 -> v1
        assertThat(registry.rollback("test").version()).isEqualTo("v2");
        assertThat(registry.rollback("test").version()).isEqualTo("v1");
        assertThatThrownBy(() -> registry.rollback("test")).hasMessageContaining("first champion");
        assertThat(registry.decisions("v4")).extracting(ModelDecision::decision).containsExactly(
                ModelDecision.Kind.REGISTERED, ModelDecision.Kind.PROMOTED, ModelDecision.Kind.ROLLED_BACK);
    }

    @Test
    void knowsOnlyWhatWasKnownAtTheAsOfDate() {
        var early = HISTORY.until().minus(Duration.ofDays(300));

        TrainingReport report = retraining.run(new Retraining.Request(early, Algorithm.GRADIENT_BOOSTING,
                PromotionMode.NEVER, 7L, List.of("sales_verdict")));

        var p = report.artifact().provenance();
        assertThat(report.histories()).isLessThan(3_000);
        assertThat(p.validation().to()).isBeforeOrEqualTo(early.minus(Duration.ofDays(180)));
        assertThat(registry.get("v1").asOf()).isEqualTo(early);
    }

    @Test
    void aChallengerTrainedAsOfAnEarlierTimeThanTheChampionIsNotPromotedAutomatically() {
        retraining.run(request(PromotionMode.AUTO));
        var early = HISTORY.until().minus(Duration.ofDays(120));

        TrainingReport older = retraining.run(new Retraining.Request(early, Algorithm.GRADIENT_BOOSTING,
                PromotionMode.AUTO, 7L, List.of("sales_verdict")));

        assertThat(older.promoted()).isFalse();
        assertThat(older.decision()).startsWith("Not promoted: trained as of " + early + ", before the champion v1")
                .contains("knows less of the history");
        assertThat(registry.champion()).map(m -> m.version()).contains("v1");
        assertThat(registry.get("v2").status()).isEqualTo(ModelStatus.CHALLENGER);
    }

    @Test
    void refusesASecondTrainingWhileOneRuns() {
        try (JobLock.Held held = jobLock.acquire(Retraining.JOB_NAME)) {
            assertThatThrownBy(() -> retraining.run(request(PromotionMode.AUTO)))
                    .isInstanceOf(JobLock.HeldException.class);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM model", Long.class)).isZero();
    }
}
