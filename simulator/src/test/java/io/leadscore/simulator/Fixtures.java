package io.leadscore.simulator;

import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.calibration.Defaults;
import io.leadscore.simulator.calibration.FunnelRates;
import io.leadscore.simulator.calibration.LogNormalDays;
import io.leadscore.simulator.calibration.Provenance;
import io.leadscore.simulator.calibration.StageRate;

/** Scenarios and calibrations shared by the simulator's tests. */
final class Fixtures {

    static final double P1 = 0.5;
    static final double P2 = 0.6;
    static final double P3 = 0.6;
    static final double P4 = 0.225;

    private Fixtures() {
    }

    static FunnelRates fixedRates(double p1, double p2, double p3, double p4) {
        Provenance p = Provenance.byDefault("test");
        return new FunnelRates(StageRate.fixed(p1, p), StageRate.fixed(p2, p), StageRate.fixed(p3, p), StageRate.fixed(p4, p));
    }

    /**
     * The reverse-funnel limit: stage rates without uncertainty (the default midpoints),
     * holding at a reference response time of 0 hours (so {@link #instantResponse()} touches
     * every MQL exactly at the reference), and qualification lag and sales cycle of about a
     * tenth of a second, so every deal opened or won closes inside the period. Score
     * distribution, deal sizes and the decay's tau and k are the defaults.
     */
    static Calibration noVariance() {
        Provenance p = Provenance.byDefault("test");
        return Calibration.builder()
                .rates(fixedRates(P1, P2, P3, P4))
                .responseDecay(Defaults.responseDecay().withReference(0, p))
                .qualificationLag(LogNormalDays.fixed(1e-6, p))
                .salesCycle(LogNormalDays.fixed(1e-6, p))
                .build();
    }

    /** Unlimited reps working around the clock and touching each MQL the moment it arrives. */
    static Scenario.Builder instantResponse() {
        return Scenario.builder().unlimitedCapacity().workWeek(WorkWeek.always()).responseSpread(0);
    }

    static SimulationOptions options(int trials) {
        return new SimulationOptions(trials, 20_240_601L, 2, 20);
    }

    static double mean(int[] values) {
        double s = 0;
        for (int v : values) {
            s += v;
        }
        return s / values.length;
    }

    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** Standard error of the mean: sample sd / sqrt n. */
    static double standardError(double[] values) {
        double m = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (values.length - 1) / values.length);
    }

    static double standardError(int[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return standardError(d);
    }

    /** Standard error of the mean paired difference a − b. */
    static double pairedStandardError(int[] a, int[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return standardError(d);
    }
}
