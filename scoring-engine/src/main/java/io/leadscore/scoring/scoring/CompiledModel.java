package io.leadscore.scoring.scoring;

/**
 * A trained model as flat arrays: what the nightly rescoring and the console call for every lead.
 * Implementations are immutable and safe to share between threads; no call allocates per lead or boxes.
 *
 * <p>The <em>raw score</em> is the model's additive output before any link function: log-odds for gradient
 * boosting and logistic regression, the weighted share of tree votes for a random forest. Calibration and
 * explanations work on it. {@link #probability(double[])} reproduces the training library's own probability
 * for the same model (within 1e-12; bit for bit for boosting and logistic regression).
 */
public sealed interface CompiledModel permits TreeEnsemble, LinearModel {

    Algorithm algorithm();

    /** Length of the feature vectors this model reads. */
    int featureCount();

    /**
     * @param x a feature vector of {@link #featureCount()} values
     * @return the raw score (see the class comment)
     * @throws IllegalArgumentException when {@code x} has the wrong length
     */
    double rawScore(double[] x);

    /**
     * Raw scores of {@code n} leads whose vectors lie one after the other in {@code rows}
     * (lead i at {@code rows[i * featureCount()]}).
     *
     * @param rows at least {@code n * featureCount()} values
     * @param n    number of leads, &ge; 0
     * @param out  receives the raw score of lead i at {@code out[i]}; at least {@code n} long
     */
    void rawScores(double[] rows, int n, double[] out);

    /** The model's own (uncalibrated) probability of conversion for a raw score. */
    double probabilityOfRaw(double raw);

    /** The model's own (uncalibrated) probability of conversion, as the training library computes it. */
    default double probability(double[] x) {
        return probabilityOfRaw(rawScore(x));
    }

    /** Batch form of {@link #probability(double[])}; arguments as in {@link #rawScores}. */
    default void probabilities(double[] rows, int n, double[] out) {
        rawScores(rows, n, out);
        for (int i = 0; i < n; i++) {
            out[i] = probabilityOfRaw(out[i]);
        }
    }

    /** Fails fast on a batch that does not fit. */
    static void checkBatch(double[] rows, int n, double[] out, int featureCount) {
        if (n < 0) {
            throw new IllegalArgumentException("Invalid number of leads: " + n + ", expected at least 0");
        }
        if ((long) n * featureCount > rows.length) {
            throw new IllegalArgumentException(String.format(
                    "Invalid batch: %d values for %d leads of %d features, expected at least %d",
                    rows.length, n, featureCount, (long) n * featureCount));
        }
        if (out.length < n) {
            throw new IllegalArgumentException("Invalid output size: " + out.length + ", expected at least " + n);
        }
    }

    static void checkVector(double[] x, int featureCount) {
        if (x.length != featureCount) {
            throw new IllegalArgumentException(
                    String.format("Invalid input vector size: %d, expected: %d", x.length, featureCount));
        }
    }
}
