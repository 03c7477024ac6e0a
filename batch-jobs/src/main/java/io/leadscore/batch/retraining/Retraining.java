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

    public Retraining(JobOperator jobOperator, Job retrainJob, JobLock jobLock, ModelRegistry registry, Clock clock) {
        this.jobOperator = jobOperator;
        this.retrainJob = retrainJob;
        this.jobLock = jobLock;
        this.registry = registry;
        this.clock = clock;
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

    /**
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
            return report(execution);
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
