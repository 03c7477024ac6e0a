package io.leadscore.scoring.scoring;

/**
 * Score bands for grades: A at or above {@code aFrom}, B at or above {@code bFrom}, C at or above
 * {@code cFrom}, D below. {@link #relativeTo(double)} derives them from the MQL threshold so that
 * "A or B" means "MQL".
 *
 * @param aFrom lowest score graded A, in (0, 1]
 * @param bFrom lowest score graded B, in (0, aFrom]
 * @param cFrom lowest score graded C, in [0, bFrom]
 */
public record GradeBands(double aFrom, double bFrom, double cFrom) {

    /** A from twice the threshold. */
    public static final double DEFAULT_A_MULTIPLE = 2.0;
    /** C from half the threshold. */
    public static final double DEFAULT_C_MULTIPLE = 0.5;

    public GradeBands {
        if (!(aFrom > 0 && aFrom <= 1)) {
            throw new IllegalArgumentException("Invalid grade A lower bound: " + aFrom + ", expected a score in (0, 1]");
        }
        if (!(bFrom > 0 && bFrom <= aFrom)) {
            throw new IllegalArgumentException("Invalid grade B lower bound: " + bFrom + ", expected a score in (0, " + aFrom + "]");
        }
        if (!(cFrom >= 0 && cFrom <= bFrom)) {
            throw new IllegalArgumentException("Invalid grade C lower bound: " + cFrom + ", expected a score in [0, " + bFrom + "]");
        }
    }

    /**
     * Bands relative to an MQL threshold t: A from min(1, aMultiple·t), B from t, C from cMultiple·t.
     *
     * @param threshold  the MQL threshold, in (0, 1)
     * @param aMultiple  at least 1
     * @param cMultiple  in [0, 1]
     */
    public static GradeBands relativeTo(double threshold, double aMultiple, double cMultiple) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("Invalid MQL threshold: " + threshold + ", expected a score strictly between 0 and 1");
        }
        if (!(aMultiple >= 1) || Double.isInfinite(aMultiple)) {
            throw new IllegalArgumentException("Invalid grade A multiple: " + aMultiple + ", expected at least 1");
        }
        if (!(cMultiple >= 0 && cMultiple <= 1)) {
            throw new IllegalArgumentException("Invalid grade C multiple: " + cMultiple + ", expected 0 to 1");
        }
        return new GradeBands(Math.min(1.0, aMultiple * threshold), threshold, cMultiple * threshold);
    }

    /** A from 2t, B from t, C from t/2, D below t/2. */
    public static GradeBands relativeTo(double threshold) {
        return relativeTo(threshold, DEFAULT_A_MULTIPLE, DEFAULT_C_MULTIPLE);
    }

    public Grade grade(double score) {
        if (score >= aFrom) {
            return Grade.A;
        }
        if (score >= bFrom) {
            return Grade.B;
        }
        return score >= cFrom ? Grade.C : Grade.D;
    }
}
