package io.leadscore.scoring.artifact;

import java.util.Locale;
import java.util.Objects;

/**
 * What a model's score claims, recorded with the model so that every reader of the score (the nightly job, the
 * console, the simulator) reads it the same way.
 *
 * @param basis       how the training rows were labelled
 * @param horizonDays the horizon of the claim in days; 0 when the model file does not say (files written before
 *                    the claim was recorded)
 */
public record ScoreClaim(Basis basis, int horizonDays) {

    /** How the training rows were taken and labelled. */
    public enum Basis {
        /**
         * Point-in-time snapshots of open leads at many ages, each labelled by a win within the horizon of the
         * snapshot: the score is the chance of a won deal within the horizon from now, at any age.
         */
        POINT_IN_TIME,
        /**
         * One row per lead, looked at 30 days after creation and labelled by a win within the horizon of the
         * lead's creation (releases before point-in-time training). Scores of leads of other ages were never
         * trained for.
         */
        AT_THIRTY_DAYS
    }

    public ScoreClaim {
        Objects.requireNonNull(basis, "basis");
        if (horizonDays < 0 || horizonDays > 3660) {
            throw new IllegalArgumentException("Invalid claim horizon: " + horizonDays + " days, expected 0 (unknown) to 3660");
        }
        if (basis == Basis.POINT_IN_TIME && horizonDays == 0) {
            throw new IllegalArgumentException("A point-in-time claim needs its horizon");
        }
    }

    public static ScoreClaim pointInTime(int horizonDays) {
        return new ScoreClaim(Basis.POINT_IN_TIME, horizonDays);
    }

    /** The claim of a model file written before claims were recorded. */
    public static ScoreClaim atThirtyDays() {
        return new ScoreClaim(Basis.AT_THIRTY_DAYS, 0);
    }

    /** The claim in one sentence. */
    public String sentence() {
        return switch (basis) {
            case POINT_IN_TIME -> String.format(Locale.ROOT,
                    "the probability that this open lead produces a won deal within %d days of now", horizonDays);
            case AT_THIRTY_DAYS -> "the probability that a lead looked at 30 days after its creation wins a deal within"
                    + " the label horizon of its creation (trained before point-in-time training: other ages were never"
                    + " trained for)";
        };
    }
}
