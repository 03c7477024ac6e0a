package io.leadscore.batch.retraining;

import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.store.JobLock;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.scoring.Algorithm;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/** Trains a challenger as of a date with {@code retrainJob}, and reports what came of it. */
@Service
public class Retraining {
    public static final String JOB_NAME = "retrainJob";
    static final String AS_OF = "as.of";
    static final String ALGORITHM = "algorithm";
    static final String PROMOTE = "promote";
    static final String SEED = "seed";
    static final String EXCLUDE = "exclude";
    static final String CHALLENGER = "challenger.version";
    static final String PROMOTION_STEP = "promotionStep";

    private final JobOperator jobOperator;
    private final Job retrainJob;
    private final JobLock jobLock;
    private final ModelRegistry registry;
    private final Clock clock;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final JobRepository jobRepository;

    public Retraining(JobOperator jobOperator, Job retrainJob, JobLock jobLock, ModelRegistry registry, Clock clock,
                      org.springframework.jdbc.core.JdbcTemplate jdbc, JobRepository jobRepository) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.retrainJob = retrainJob;
        this.jobLock = jobLock;
        this.registry = registry;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * A training request.
     *
     * @param asOf      use only what was known at this time (default now)
     * @param algorithm gbt (default), logistic or forest
     * @param promote   auto (default), never or force
     * @param seed      the training seed, or {@code null} for the default
     * @param exclude   fields to leave out besides the configured ones
     */
    public record Request(Instant asOf, Algorithm algorithm, PromotionMode promote, Long seed, List<String> exclude) {
        public Request {
            algorithm = algorithm == null ? Algorithm.GRADIENT_BOOSTING : algorithm;
            promote = promote == null ? PromotionMode.AUTO : promote;
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
        }
    }

    static JobParametersValidator parametersValidator() {
        DefaultJobParametersValidator names = new DefaultJobParametersValidator(
                new String[] {AS_OF, ALGORITHM, PROMOTE, "requested.at"}, new String[] {SEED, EXCLUDE});
        return parameters -> {
            names.validate(parameters);
            try {
                Instant.parse(parameters.getString(AS_OF));
                algorithm(parameters.getString(ALGORITHM));
                PromotionMode.valueOf(parameters.getString(PROMOTE).toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidJobParametersException("Invalid retraining parameters " + parameters + ": " + e.getMessage());
            }
        };
    }

    /** Training as of a time that has not come yet: it can only use what is known. */
    public static final class FutureAsOfException extends RuntimeException {
        FutureAsOfException(Instant asOf) {
            super("--as-of " + asOf + " is in the future: training can only use what is known");
        }
    }

    /** A field to leave out that no lead has: a typo that would leave the field it meant in the model. */
    public static final class UnknownFieldException extends RuntimeException {
        UnknownFieldException(String name) {
            super((name.isEmpty() ? "--exclude: an empty field name (a stray comma, or an empty value), which"
                    : "--exclude " + name + ": no lead in the store has a field or custom attribute of that name, so")
                    + " leaving it out would change nothing; the lead fields are "
                    + String.join(", ", io.leadscore.batch.leadimport.ImportFileKind.LEADS.knownColumns())
                    + ", and custom attributes are the other columns of leads.csv");
        }
    }

    /**
     * Each field asked to be left out is a lead field or a custom attribute some lead of the store has (names
     * matched ignoring case, as the exclusion matches them).
     *
     * @throws UnknownFieldException naming the first that is neither
     */
    private void requireKnownFields(List<String> names) {
        for (String name : names) {
            String field = name.strip().toLowerCase(Locale.ROOT);
            if (field.isEmpty()) {
                throw new UnknownFieldException(field);
            }
            if (io.leadscore.batch.leadimport.ImportFileKind.LEADS.knownColumns().contains(field)) {
                continue;
            }
            // the attribute's key as the stored JSON writes it, followed by its colon
            String encoded = io.leadscore.batch.store.CustomAttributes.encode(java.util.Map.of(field, ""));
            String key = encoded.substring(1, encoded.length() - "\"\"}".length());
            String pattern = "%" + key.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            List<Integer> found = jdbc.queryForList("SELECT 1 FROM lead WHERE LOWER(custom_attributes) LIKE ? ESCAPE '!'"
                    + " FETCH FIRST 1 ROWS ONLY", Integer.class, pattern);
            if (found.isEmpty()) {
                throw new UnknownFieldException(name.strip());
            }
        }
    }

    /**
     * @throws UnknownFieldException    when a field to leave out is no lead's field
     * @throws FutureAsOfException      when the as-of time is in the future
     * @throws ModelRefusedException    when the challenger is to be compared with a champion whose file does not
     *                                  verify (no run is started)
     * @throws JobLock.HeldException    when another training is running
     */
    public TrainingReport run(Request request) {
        Instant now = clock.instant();
        Instant asOf = request.asOf() == null ? now : request.asOf();
        if (asOf.isAfter(now)) {
            throw new FutureAsOfException(asOf);
        }
        requireKnownFields(request.exclude());
        if (request.promote() == PromotionMode.AUTO) {
            registry.champion().ifPresent(champion -> {
                try {
                    registry.verify(champion.version());
                } catch (ModelRefusedException e) {
                    throw new ModelRefusedException(e.version(), e.reason() + "; a new model is compared with the"
                            + " champion, so roll back or promote a sound one first, or train with --promote never", e);
                }
            });
        }
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString(AS_OF, asOf.toString())
                .addString(ALGORITHM, name(request.algorithm()))
                .addString(PROMOTE, request.promote().name().toLowerCase(Locale.ROOT))
                .addString("requested.at", now.toString());
        if (request.seed() != null) {
            parameters.addLong(SEED, request.seed(), false);
        }
        if (!request.exclude().isEmpty()) {
            parameters.addString(EXCLUDE, String.join(",", request.exclude()), false);
        }
        try (JobLock.Held lock = jobLock.acquire(JOB_NAME)) {
            JobExecution execution = jobOperator.start(retrainJob, parameters.toJobParameters());
            TrainingReport report = report(execution);
            if (!report.completed() && report.notEnoughOutcomes()) {
                // a history that cannot make a model is the user's input refused, not a job that failed: it leaves
                // no run behind (the run registered nothing; its instance is this request's alone)
                jobRepository.deleteJobInstance(execution.getJobInstance());
            }
            return report;
        } catch (JobLock.HeldException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The training could not start: " + e.getMessage(), e);
        }
    }

    /** What a training run did: the challenger's figures and the decision, or why it failed. */
    public TrainingReport report(JobExecution execution) {
        var context = execution.getExecutionContext();
        // the challenger is registered with the decision on it: a run whose promotion step did not complete
        // registered nothing
        boolean registered = execution.getStepExecutions().stream().anyMatch(step ->
                step.getStepName().equals(PROMOTION_STEP) && step.getStatus() == BatchStatus.COMPLETED);
        String version = registered && context.containsKey(CHALLENGER) ? context.getString(CHALLENGER) : null;
        String failure = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst().orElse(null);
        return new TrainingReport(execution.getJobInstance().getInstanceId(), execution.getId(),
                execution.getStatus().name(), failure, version,
                version == null ? null : registry.get(version),
                version == null ? null : registry.artifact(version),
                context.containsKey("decision.promoted") && Boolean.parseBoolean(context.getString("decision.promoted")),
                context.containsKey("decision.reason") ? context.getString("decision.reason") : null,
                context.containsKey("histories") ? context.getLong("histories") : 0,
                context.containsKey("censored") ? context.getLong("censored") : 0,
                context.containsKey("leads") ? context.getLong("leads") : 0,
                execution.getAllFailureExceptions().stream().anyMatch(Retraining::notEnoughOutcomes));
    }

    private static boolean notEnoughOutcomes(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof io.leadscore.scoring.training.NotEnoughOutcomesException) {
                return true;
            }
        }
        return false;
    }

    /** The command line's name of an algorithm: gbt, logistic or forest. */
    public static String name(Algorithm algorithm) {
        return switch (algorithm) {
            case GRADIENT_BOOSTING -> "gbt";
            case LOGISTIC_REGRESSION -> "logistic";
            case RANDOM_FOREST -> "forest";
        };
    }

    /** The algorithm of a command-line name. */
    public static Algorithm algorithm(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "gbt" -> Algorithm.GRADIENT_BOOSTING;
            case "logistic" -> Algorithm.LOGISTIC_REGRESSION;
            case "forest" -> Algorithm.RANDOM_FOREST;
            default -> throw new IllegalArgumentException("unknown algorithm '" + name + "', expected gbt, logistic or forest");
        };
    }

    /** The version string written into model files, from the jar's manifest. */
    public static String leadscoreVersion() {
        String version = Retraining.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
