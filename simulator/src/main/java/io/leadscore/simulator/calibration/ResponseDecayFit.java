package io.leadscore.simulator.calibration;

import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * A maximum-likelihood fit of the response-time decay to observed follow-ups:
 * each MQL's delay to first touch (hours) and whether it was accepted, under
 * P(accepted | t) = a · (1 + t/τ)^(−k). It estimates a (the acceptance rate
 * with an immediate touch), τ and k with standard errors from the observed
 * information, or reports why the data does not support an estimate, in which
 * case {@link #decay()} is the fallback.
 *
 * <p>τ and k are only separately identified when some touches are fast
 * compared with τ: for t ≫ τ the model is a·τ^k·t^(−k), where a and τ trade
 * off. The fit is therefore accepted only when the observed information pins
 * ln τ to within a factor of e (standard error &le; 1) and k to within ±50%.
 *
 * @param sufficient        whether the estimate is used
 * @param reason            why not, or a summary of the fit
 * @param observations      follow-ups given
 * @param accepted          of which accepted
 * @param immediateRate     fitted a (NaN when not fitted)
 * @param tauHours          fitted τ (NaN when not fitted)
 * @param k                 fitted k (NaN when not fitted)
 * @param tauStandardError  standard error of τ by the delta method (NaN when not fitted)
 * @param kStandardError    standard error of k (NaN when not fitted)
 * @param logLikelihood     at the optimum (NaN when not fitted)
 * @param decay             the fitted decay, or the fallback with the reason in its note
 */
public record ResponseDecayFit(boolean sufficient, String reason, int observations, int accepted,
                               double immediateRate, double tauHours, double k, double tauStandardError,
                               double kStandardError, double logLikelihood, ResponseDecay decay) {

    /** Fewer follow-ups than this are not fitted. */
    public static final int MIN_OBSERVATIONS = 100;
    /** Fewer accepted, or fewer not accepted, than this are not fitted. */
    public static final int MIN_EACH_OUTCOME = 10;
    static final double MAX_LOG_TAU_SE = 1.0;
    static final double MAX_RELATIVE_K_SE = 0.5;
    private static final double MIN_TAU = 1.0 / 60;
    private static final double MAX_TAU = 24.0 * 30;
    private static final double MIN_K = 0.01;
    private static final double MAX_K = 10;

    public ResponseDecayFit {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decay, "decay");
    }

    /**
     * Fits the decay to observed follow-ups.
     *
     * @param delayHours hours from MQL to first touch, each finite and &ge; 0
     * @param accepted   whether each MQL was accepted (became SAL)
     * @param fallback   the decay to use when the data is not enough
     */
    public static ResponseDecayFit fit(double[] delayHours, boolean[] accepted, ResponseDecay fallback) {
        Objects.requireNonNull(delayHours, "delayHours");
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(fallback, "fallback");
        if (delayHours.length != accepted.length) {
            throw new IllegalArgumentException("Invalid follow-ups: " + delayHours.length + " delays and "
                    + accepted.length + " outcomes, expected as many of each");
        }
        int n = delayHours.length;
        int yes = 0;
        for (int i = 0; i < n; i++) {
            double t = delayHours[i];
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("Invalid response delay: " + t + " hours at follow-up " + i
                        + ", expected a finite number >= 0");
            }
            if (accepted[i]) {
                yes++;
            }
        }
        if (n < MIN_OBSERVATIONS) {
            return insufficient("only " + n + " follow-ups, at least " + MIN_OBSERVATIONS + " needed", n, yes, fallback);
        }
        if (yes < MIN_EACH_OUTCOME || n - yes < MIN_EACH_OUTCOME) {
            return insufficient(yes + " of " + n + " follow-ups accepted, at least " + MIN_EACH_OUTCOME
                    + " of each outcome needed", n, yes, fallback);
        }
        double[] t = delayHours.clone();
        boolean[] y = accepted.clone();
        Likelihood likelihood = new Likelihood(t, y);
        double start = initialRate(t, y);
        PointValuePair best = null;
        for (double tau0 : new double[] {0.1, 1, 10}) {
            double[] x0 = {Math.log(start / (1 - start)), Math.log(tau0), Math.log(0.7)};
            PointValuePair candidate;
            try {
                candidate = new SimplexOptimizer(1e-11, 1e-13).optimize(new MaxEval(20_000),
                        new ObjectiveFunction(likelihood::negative), GoalType.MINIMIZE, new InitialGuess(x0),
                        new NelderMeadSimplex(new double[] {0.5, 0.5, 0.5}));
            } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
                continue;
            }
            if (best == null || candidate.getValue() < best.getValue()) {
                best = candidate;
            }
        }
        if (best == null) {
            return insufficient("the likelihood search did not converge", n, yes, fallback);
        }
        double[] x = best.getPoint();
        double a = 1 / (1 + Math.exp(-x[0]));
        double tau = Math.exp(x[1]);
        double k = Math.exp(x[2]);
        if (tau < MIN_TAU || tau > MAX_TAU || k < MIN_K || k > MAX_K) {
            return insufficient(String.format(java.util.Locale.ROOT,
                    "the fit ran to an implausible edge (tau %.3g h, k %.3g): the delays do not pin down the decay", tau, k),
                    n, yes, fallback);
        }
        double[][] cov;
        try {
            cov = covariance(likelihood, x);
        } catch (SingularMatrixException e) {
            return insufficient("the likelihood is flat in some direction: the delays do not pin down tau and k", n, yes, fallback);
        }
        if (cov == null || !(cov[1][1] > 0) || !(cov[2][2] > 0)) {
            return insufficient("the likelihood is not curved at its maximum: the delays do not pin down tau and k", n, yes, fallback);
        }
        double seLogTau = Math.sqrt(cov[1][1]);
        double seLogK = Math.sqrt(cov[2][2]);
        if (seLogTau > MAX_LOG_TAU_SE || seLogK > MAX_RELATIVE_K_SE) {
            return insufficient(String.format(java.util.Locale.ROOT,
                    "too uncertain: tau %.3g h within a factor of %.2g, k %.3g within ±%.0f%% (one standard error); "
                            + "more fast follow-ups are needed", tau, Math.exp(seLogTau), k, 100 * seLogK), n, yes, fallback);
        }
        String summary = String.format(java.util.Locale.ROOT,
                "maximum-likelihood fit to %d follow-ups (%d accepted): tau %.3g h (se %.2g), k %.3g (se %.2g)",
                n, yes, tau, tau * seLogTau, k, k * seLogK);
        ResponseDecay decay = new ResponseDecay(tau, k, Provenance.fromStore(n, summary));
        return new ResponseDecayFit(true, summary, n, yes, a, tau, k, tau * seLogTau, k * seLogK, -best.getValue(), decay);
    }

    /**
     * The acceptance rate with an immediate touch implied by observed
     * follow-ups under a given decay: accepted / Σ m(delay), the estimate
     * whose expected count of acceptances equals the observed count. As a
     * Beta: (accepted + 1, Σ m − accepted + 1), Σ m acting as the number of
     * immediate-touch-equivalent MQLs. When the decay is too steep for the
     * data (accepted &gt; Σ m) the rate is capped at 1 and the note says so.
     */
    public static StageRate immediateAcceptance(double[] delayHours, boolean[] accepted, ResponseDecay decay) {
        if (delayHours.length != accepted.length) {
            throw new IllegalArgumentException("Invalid follow-ups: " + delayHours.length + " delays and "
                    + accepted.length + " outcomes, expected as many of each");
        }
        double exposure = 0;
        int yes = 0;
        for (int i = 0; i < delayHours.length; i++) {
            exposure += decay.multiplier(delayHours[i]);
            if (accepted[i]) {
                yes++;
            }
        }
        String note = String.format(java.util.Locale.ROOT,
                "%d of %d follow-ups accepted, rescaled to an immediate touch by the response decay (%.1f immediate-touch equivalents)",
                yes, delayHours.length, exposure);
        if (yes > exposure) {
            note += "; capped: more acceptances than the decay allows, the decay is steeper than this history";
            exposure = yes;
        }
        return new StageRate(yes + 1.0, exposure - yes + 1.0, Double.NaN, Provenance.fromStore(delayHours.length, note));
    }

    private static ResponseDecayFit insufficient(String why, int n, int yes, ResponseDecay fallback) {
        String reason = "insufficient data: " + why;
        ResponseDecay decay = new ResponseDecay(fallback.tauHours(), fallback.k(),
                Provenance.byDefault(fallback.provenance().note() + "; store fit not used: " + why));
        return new ResponseDecayFit(false, reason, n, yes, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, decay);
    }

    /** The acceptance rate among the fastest tenth of follow-ups, kept inside (0.02, 0.98) as a starting point. */
    private static double initialRate(double[] t, boolean[] y) {
        double[] sorted = t.clone();
        java.util.Arrays.sort(sorted);
        double cut = sorted[Math.max(0, sorted.length / 10 - 1)];
        int n = 0;
        int yes = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] <= cut) {
                n++;
                if (y[i]) {
                    yes++;
                }
            }
        }
        double r = (yes + 0.5) / (n + 1.0);
        return Math.max(0.02, Math.min(0.98, r));
    }

    /** The inverse of the observed information (Hessian of the negative log-likelihood) at x, by central differences. */
    private static double[][] covariance(Likelihood f, double[] x) {
        int d = x.length;
        double h = 1e-4;
        double[][] hess = new double[d][d];
        double f0 = f.negative(x);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double value;
                if (i == j) {
                    double[] up = x.clone();
                    double[] down = x.clone();
                    up[i] += h;
                    down[i] -= h;
                    value = (f.negative(up) - 2 * f0 + f.negative(down)) / (h * h);
                } else {
                    double[] pp = x.clone();
                    double[] pm = x.clone();
                    double[] mp = x.clone();
                    double[] mm = x.clone();
                    pp[i] += h;
                    pp[j] += h;
                    pm[i] += h;
                    pm[j] -= h;
                    mp[i] -= h;
                    mp[j] += h;
                    mm[i] -= h;
                    mm[j] -= h;
                    value = (f.negative(pp) - f.negative(pm) - f.negative(mp) + f.negative(mm)) / (4 * h * h);
                }
                hess[i][j] = value;
                hess[j][i] = value;
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(hess);
        for (int i = 0; i < d; i++) {
            if (!(hess[i][i] > 0)) {
                return null;
            }
        }
        LUDecomposition lu = new LUDecomposition(m, 1e-14);
        if (!(lu.getDeterminant() > 0)) {
            return null;
        }
        return lu.getSolver().getInverse().getData();
    }

    /** Bernoulli log-likelihood of P(accepted | t) = a·(1 + t/τ)^(−k) in (logit a, ln τ, ln k). */
    private static final class Likelihood {
        private final double[] t;
        private final boolean[] y;

        Likelihood(double[] t, boolean[] y) {
            this.t = t;
            this.y = y;
        }

        double negative(double[] x) {
            double logA = -Math.log1p(Math.exp(-x[0]));
            double tau = Math.exp(x[1]);
            double k = Math.exp(x[2]);
            double sum = 0;
            for (int i = 0; i < t.length; i++) {
                double logP = logA - k * Math.log1p(t[i] / tau);
                if (y[i]) {
                    sum += logP;
                } else {
                    // log(1 - p), accurate when p is close to 1.
                    sum += Math.log(-Math.expm1(Math.min(logP, -1e-15)));
                }
            }
            return -sum;
        }
    }
}
