package io.leadscore.simulator.calibration;

import io.leadscore.simulator.text.Numbers;
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
 * the model the simulator runs ({@link ResponseDecay}): the log-odds of
 * acceptance fall with the log of the decay,
 * <pre>
 *   logit P(accepted | t) = θ − k · ln(1 + t/τ)
 * </pre>
 * so that odds(t) / odds(t') = m(t) / m(t') for m(t) = (1 + t/τ)^(−k). It
 * estimates θ (the log-odds with an immediate touch), τ and k with standard
 * errors from the observed information, or reports why the data does not
 * support an estimate, in which case {@link #decay()} is the fallback.
 *
 * <p>τ and k are only separately identified when some touches are fast
 * compared with τ: for t ≫ τ the log-odds are θ + k·ln τ − k·ln t, where θ
 * and τ trade off. The fit is therefore accepted only when the observed
 * information pins ln τ to within a factor of e (standard error &le; 1) and k
 * to within ±50%.
 *
 * <p>The reference response time of a fitted decay is the history's
 * <em>effective</em> response time: the delay at which the fitted curve gives
 * the share of follow-ups accepted (see {@link #atReference}). The MQL→SAL
 * rate then is the share the store shows, and it holds for a touch at that
 * delay.
 *
 * @param sufficient        whether the estimate is used
 * @param reason            why not, or a summary of the fit
 * @param observations      follow-ups given
 * @param accepted          of which accepted
 * @param logOddsAtZero     fitted θ, the log-odds of acceptance with an immediate touch (NaN when not fitted)
 * @param tauHours          fitted τ (NaN when not fitted)
 * @param k                 fitted k (NaN when not fitted)
 * @param tauStandardError  standard error of τ by the delta method (NaN when not fitted)
 * @param kStandardError    standard error of k (NaN when not fitted)
 * @param referenceHours    the effective response time of the history under the fit (NaN when not fitted)
 * @param rateAtReference   the fitted acceptance at {@code referenceHours} (NaN when not fitted)
 * @param logLikelihood     at the optimum (NaN when not fitted)
 * @param decay             the fitted decay with its reference, or the fallback with the reason in its note
 */
public record ResponseDecayFit(boolean sufficient, String reason, int observations, int accepted,
                               double logOddsAtZero, double tauHours, double k, double tauStandardError,
                               double kStandardError, double referenceHours, double rateAtReference,
                               double logLikelihood, ResponseDecay decay) {

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
        Objects.requireNonNull(fallback, "fallback");
        int yes = validate(delayHours, accepted);
        int n = delayHours.length;
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
        double theta = x[0];
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
        double reference = effectiveDelay(t, y, tau, k);
        double rate = 1 / (1 + Math.exp(-(theta - k * Math.log1p(reference / tau))));
        String summary = String.format(java.util.Locale.ROOT,
                "maximum-likelihood fit to %d follow-ups (%d accepted) of the odds of acceptance: tau %.3g h (se %.2g), "
                        + "k %.3g (se %.2g); reference %s h, the response time at which the fitted curve gives "
                        + "the share accepted",
                n, yes, tau, tau * seLogTau, k, k * seLogK, Numbers.hours(reference));
        ResponseDecay decay = new ResponseDecay(tau, k, reference, Provenance.fromStore(n, summary));
        return new ResponseDecayFit(true, summary, n, yes, theta, tau, k, tau * seLogTau, k * seLogK, reference, rate,
                -best.getValue(), decay);
    }

    /**
     * The MQL→SAL rate implied by observed follow-ups under a decay's τ and
     * k, and the response time at which it holds.
     *
     * <p>With τ and k fixed, the log-odds at zero θ is the maximum-likelihood
     * solution of Σ σ(θ − k·ln(1 + tᵢ/τ)) = accepted (the expected count of
     * acceptances equals the observed count). The reference is the history's
     * effective response time: the delay t* at which that curve gives the
     * observed share ȳ, t* = τ·(exp((θ − logit ȳ)/k) − 1), which lies between
     * the shortest and the longest delay. The rate at t* is then ȳ, and as a
     * Beta: (accepted + 1, not accepted + 1). When every follow-up or none was
     * accepted, or the decay is flat (k = 0), no response time stands out; the
     * decay keeps its own reference and the note says so.
     *
     * @return the MQL→SAL rate (source store) and the decay with the history's reference response time
     */
    public static ReferenceAcceptance atReference(double[] delayHours, boolean[] accepted, ResponseDecay decay) {
        Objects.requireNonNull(decay, "decay");
        int yes = validate(delayHours, accepted);
        int n = delayHours.length;
        if (n == 0) {
            throw new IllegalArgumentException("Invalid follow-ups: none given, expected at least one");
        }
        double share = (double) yes / n;
        double reference = effectiveDelay(delayHours, accepted, decay.tauHours(), decay.k());
        String counted = String.format(java.util.Locale.ROOT, "%d of %d followed-up MQLs accepted (%.1f%%) at this "
                + "history's response times", yes, n, 100 * share);
        StageRate rate;
        ResponseDecay withReference;
        if (Double.isNaN(reference)) {
            String why = decay.k() == 0 ? "response time does not matter under this decay"
                    : "with " + (yes == 0 ? "no" : "every") + " follow-up accepted no response time stands out";
            rate = StageRate.fromCounts(yes, n, counted + "; " + why + ", so the share is taken to hold at the reference "
                    + "first touch " + Numbers.hours(decay.referenceHours()) + " h after the MQL");
            withReference = decay;
        } else {
            rate = StageRate.fromCounts(yes, n, String.format(java.util.Locale.ROOT,
                    "%s; holds for a first touch %s h after the MQL, where the response curve (tau %.3g h, k %.3g) "
                            + "gives that share", counted, Numbers.hours(reference), decay.tauHours(), decay.k()));
            withReference = decay.withReference(reference, new Provenance(decay.provenance().source(),
                    decay.provenance().count(), decay.provenance().note() + "; reference " + Numbers.hours(reference)
                    + " h: the effective response time of " + n + " follow-ups"));
        }
        return new ReferenceAcceptance(rate, withReference);
    }

    /**
     * The delay at which σ(θ − k·ln(1 + t/τ)) equals the share accepted, θ the
     * maximum-likelihood log-odds at zero with τ and k fixed; NaN when all or
     * none were accepted or k = 0.
     */
    static double effectiveDelay(double[] t, boolean[] y, double tau, double k) {
        int n = t.length;
        int yes = 0;
        for (boolean accepted : y) {
            if (accepted) {
                yes++;
            }
        }
        if (yes == 0 || yes == n || k == 0) {
            return Double.NaN;
        }
        double[] offset = new double[n];
        double minOffset = 0;
        for (int i = 0; i < n; i++) {
            offset[i] = -k * Math.log1p(t[i] / tau);
            minOffset = Math.min(minOffset, offset[i]);
        }
        double logitShare = Math.log((double) yes / (n - yes));
        // f(θ) = Σ σ(θ + oᵢ) − yes is increasing; oᵢ ≤ 0 gives f(logit ȳ) ≤ 0 and f(logit ȳ − min o) ≥ 0.
        double lo = logitShare;
        double hi = logitShare - minOffset;
        double theta = 0.5 * (lo + hi);
        for (int iteration = 0; iteration < 200; iteration++) {
            double f = -yes;
            double slope = 0;
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-(theta + offset[i])));
                f += p;
                slope += p * (1 - p);
            }
            if (f == 0) {
                break;
            }
            if (f < 0) {
                lo = theta;
            } else {
                hi = theta;
            }
            // Newton's step when it stays inside the bracket, bisection otherwise.
            double next = slope > 0 ? theta - f / slope : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            boolean done = Math.abs(next - theta) <= 1e-13 * (1 + Math.abs(theta));
            theta = next;
            if (done) {
                break;
            }
        }
        return Math.max(0, tau * Math.expm1((theta - logitShare) / k));
    }

    private static int validate(double[] delayHours, boolean[] accepted) {
        Objects.requireNonNull(delayHours, "delayHours");
        Objects.requireNonNull(accepted, "accepted");
        if (delayHours.length != accepted.length) {
            throw new IllegalArgumentException("Invalid follow-ups: " + delayHours.length + " delays and "
                    + accepted.length + " outcomes, expected as many of each");
        }
        int yes = 0;
        for (int i = 0; i < delayHours.length; i++) {
            double t = delayHours[i];
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("Invalid response delay: " + t + " hours at follow-up " + i
                        + ", expected a finite number >= 0");
            }
            if (accepted[i]) {
                yes++;
            }
        }
        return yes;
    }

    private static ResponseDecayFit insufficient(String why, int n, int yes, ResponseDecay fallback) {
        String reason = "insufficient data: " + why;
        ResponseDecay decay = fallback.withReference(fallback.referenceHours(),
                Provenance.byDefault(fallback.provenance().note() + "; store fit not used: " + why));
        return new ResponseDecayFit(false, reason, n, yes, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, decay);
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

    /** Bernoulli log-likelihood of logit P(accepted | t) = θ − k·ln(1 + t/τ) in (θ, ln τ, ln k). */
    private static final class Likelihood {
        private final double[] t;
        private final boolean[] y;

        Likelihood(double[] t, boolean[] y) {
            this.t = t;
            this.y = y;
        }

        double negative(double[] x) {
            double theta = x[0];
            double tau = Math.exp(x[1]);
            double k = Math.exp(x[2]);
            double sum = 0;
            for (int i = 0; i < t.length; i++) {
                double eta = theta - k * Math.log1p(t[i] / tau);
                // log σ(η) = −softplus(−η), log(1 − σ(η)) = −softplus(η).
                sum += softplus(y[i] ? -eta : eta);
            }
            return sum;
        }

        private static double softplus(double z) {
            return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        }
    }
}
