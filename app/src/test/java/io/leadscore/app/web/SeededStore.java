package io.leadscore.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.batch.funnelreport.Cohort;
import io.leadscore.batch.funnelreport.FunnelReports;
import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.leadimport.FileRejectedException;
import io.leadscore.batch.rescoring.RescoreReport;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.retraining.Retraining;
import io.leadscore.batch.slacheck.SlaCheck;
import io.leadscore.data.synthetic.GenerationSummary;
import io.leadscore.data.synthetic.GeneratorOptions;
import io.leadscore.data.synthetic.SyntheticCrmGenerator;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.scoring.Algorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * A store with a small generated history, built through the real services
 * once per application context: 2,000 synthetic leads imported, a gradient
 * boosting champion (v1) and a logistic challenger (v2), a rescoring run, an
 * SLA check and a funnel report, all as of {@link #UNTIL}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SeededStore {
    public static final int LEADS = 2_000;
    public static final long SEED = 7;
    /** The end of the generated history: in the past, so training as of it is allowed. */
    public static final LocalDate UNTIL = LocalDate.of(2026, 6, 1);
    public static final Instant AS_OF = UNTIL.atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final String CHAMPION = "v1";
    public static final String CHALLENGER = "v2";

    @Bean
    Seed storeSeed(CrmImport crmImport, Retraining retraining, Rescoring rescoring, SlaCheck slaCheck,
                   FunnelReports funnelReports, JdbcTemplate jdbc) {
        return new Seed(crmImport, retraining, rescoring, slaCheck, funnelReports, jdbc);
    }

    /** Builds the store when the context starts, and makes failed runs for restart tests. */
    public static final class Seed implements SmartInitializingSingleton {
        private final CrmImport crmImport;
        private final Retraining retraining;
        private final Rescoring rescoring;
        private final SlaCheck slaCheck;
        private final FunnelReports funnelReports;
        private final JdbcTemplate jdbc;
        private int failedRuns;

        Seed(CrmImport crmImport, Retraining retraining, Rescoring rescoring, SlaCheck slaCheck,
             FunnelReports funnelReports, JdbcTemplate jdbc) {
            this.crmImport = crmImport;
            this.retraining = retraining;
            this.rescoring = rescoring;
            this.slaCheck = slaCheck;
            this.funnelReports = funnelReports;
            this.jdbc = jdbc;
        }

        @Override
        public void afterSingletonsInstantiated() {
            Path dir;
            try {
                dir = Files.createTempDirectory("leadscore-console-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                GenerationSummary generated = new SyntheticCrmGenerator().generate(dir,
                        GeneratorOptions.defaults().withLeads(LEADS).withSeed(SEED).withUntil(UNTIL), (done, total) -> { });
                Path d = generated.directory();
                assertThat(crmImport.run(new CrmImport.Request(d.resolve("leads.csv").toString(),
                        d.resolve("activities.csv").toString(), d.resolve("deals.csv").toString(),
                        d.resolve("followups.csv").toString())).completed()).as("import").isTrue();
            } catch (FileRejectedException e) {
                throw new IllegalStateException("The generated export was refused: " + e.getMessage(), e);
            } finally {
                FileSystemUtils.deleteRecursively(dir.toFile());
            }
            assertThat(retraining.run(new Retraining.Request(AS_OF, Algorithm.GRADIENT_BOOSTING, PromotionMode.FORCE, null,
                    List.of("sales_verdict"))).version()).isEqualTo(CHAMPION);
            assertThat(retraining.run(new Retraining.Request(AS_OF, Algorithm.LOGISTIC_REGRESSION, PromotionMode.NEVER, null,
                    List.of("sales_verdict"))).version()).isEqualTo(CHALLENGER);
            assertThat(rescoring.run(new Rescoring.Request(AS_OF, true, 2)).completed()).as("rescoring").isTrue();
            assertThat(slaCheck.run(AS_OF).completed()).as("SLA check").isTrue();
            funnelReports.run(new Cohort(null, null, AS_OF));
        }

        /**
         * Runs a rescoring that fails (its first chunk cannot write one lead's score history), leaving it the
         * newest rescoring run and restartable.
         *
         * @return the failed run's report
         */
        public synchronized RescoreReport failedRescoring() {
            Long lead = jdbc.queryForObject("SELECT MIN(l.id) FROM lead l WHERE l.stage NOT IN ('OPPORTUNITY', 'WON', 'LOST')", Long.class);
            Long lastRun = jdbc.queryForObject("SELECT MAX(JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE", Long.class);
            // only the next run's row of that lead breaks it: earlier runs' rows stay valid
            jdbc.execute("ALTER TABLE score_history ADD CONSTRAINT score_history_test_fault CHECK (lead_id <> " + lead
                    + " OR run_id <= " + lastRun + ")");
            RescoreReport failed;
            try {
                failedRuns++;
                failed = rescoring.run(new Rescoring.Request(AS_OF.plus(Duration.ofHours(failedRuns)), true, 1));
            } finally {
                jdbc.execute("ALTER TABLE score_history DROP CONSTRAINT score_history_test_fault");
            }
            assertThat(failed.status()).isEqualTo("FAILED");
            return failed;
        }
    }
}
