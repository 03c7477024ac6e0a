package io.leadscore.app.cli;

import io.leadscore.batch.simulation.StoreBasis;
import io.leadscore.batch.simulation.StoreCalibration;
import io.leadscore.simulator.whatif.ScenarioParameters;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The scenario flags shared by {@code simulate} and {@code plan} (docs/cli.md). */
final class ScenarioOptions {
    @Option(names = "--quota", paramLabel = "AMOUNT", description = "revenue to reach in the period, 0 to 1,000,000,000,000")
    Double quota;

    @Option(names = "--period-days", paramLabel = "N", description = "length of the period in days, 1 to 3,660 (default 90)")
    Integer periodDays;

    @Option(names = "--from", paramLabel = "DATE", description = "first day of the period (with --to)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day of the period, counted in (with --from); with --backtest-from, the day after the period back-tested")
    String to;

    @Option(names = "--threshold", paramLabel = "T", description = "MQL score threshold, more than 0 and less than 1 (default: the policy's)")
    Double threshold;

    @Option(names = "--sla-hours", paramLabel = "H", description = "hours from MQL to first follow-up, more than 0, at most 8,760 (default: the policy's)")
    Double slaHours;

    @Option(names = "--leads-per-week", paramLabel = "N", description = "inbound leads per week, 0 to 1,000,000")
    Double leadsPerWeek;

    @Option(names = "--reps", paramLabel = "N", description = "sales reps taking first conversations, 0 to 10,000")
    Integer reps;

    @Option(names = "--touches-per-rep-per-day", paramLabel = "N", description = "first conversations one rep holds a working day, more than 0, at most 1,000 (default 12)")
    Double touchesPerRep;

    @Option(names = "--trials", paramLabel = "N", description = "Monte Carlo trials, 1 to 10,000,000")
    Integer trials;

    @Option(names = "--seed", paramLabel = "S", description = "random seed, any whole number (default 42): the same seed gives the same numbers")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "threads for the trials, 1 to 256 (default: the number of cores); results do not depend on it")
    Integer threads;

    @Option(names = "--calibrate-from-store", description = "take rates, scores, deal sizes, cycle times and lead volume from the store and its champion")
    boolean calibrateFromStore;

    /** The flags as the scenario service takes them, named as flags. */
    ScenarioParameters parameters() {
        return new ScenarioParameters("--", quota, periodDays, from, to, threshold, slaHours, leadsPerWeek, reps,
                touchesPerRep, trials, seed, threads, calibrateFromStore);
    }

    /**
     * The store's basis for a what-if calibrated from it: the calibration as of where its data ends (or now,
     * if that is earlier), the policy in force, its volume, and the team and revenue of the {@code periodDays}
     * days before, read while the store is open.
     */
    static StoreBasis storeBasis(GlobalOptions globals, int periodDays) {
        try (StoreSession session = StoreSession.open(globals)) {
            StoreCalibration store = session.bean(StoreCalibration.class);
            StoreBasis basis = store.basis(store.dataEnd(Instant.now()));
            basis.lastPeriod(periodDays);
            return basis;
        }
    }

    /** A warning on the command's error stream, named like its errors ("leadscore simulate: ..."). */
    static void warn(picocli.CommandLine.Model.CommandSpec spec, java.util.Optional<String> warning) {
        warning.ifPresent(text -> {
            java.io.PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName(" ") + ": " + text);
            err.flush();
        });
    }

    /**
     * A store in which no lead was handed off (made an MQL, or fast-tracked, before sales first touched it) in the
     * deal paths' window — its stages never ran, say, or every deal was opened by sales first — gives the hand-off
     * path nothing: the threshold, the SLA and the team move no deal, and a user trying them would see the same
     * answer every time without knowing why.
     */
    static java.util.Optional<String> noHandoffWarning(io.leadscore.simulator.calibration.Calibration calibration) {
        if (calibration.paths().noHandoff()) {
            return java.util.Optional.of("no lead of the store's last "
                    + io.leadscore.simulator.calibration.DealPaths.WINDOW_DAYS + " days was handed off (made an MQL, or"
                    + " fast-tracked, before sales first touched it), so every deal comes around the hand-off, where the"
                    + " threshold, the SLA and the team do not reach; they change this forecast once the nightly"
                    + " rescoring moves leads to MQL (leadscore rescore)");
        }
        return java.util.Optional.empty();
    }

    /** A threshold no lead of the score distribution reaches: nobody becomes an MQL by the score, and it says so. */
    static java.util.Optional<String> noMqlWarning(io.leadscore.simulator.calibration.Calibration calibration,
                                                   double threshold) {
        if (calibration.scores().shareAtOrAbove(threshold) > 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("no lead of the score distribution scores at or above the threshold "
                + io.leadscore.simulator.text.Numbers.threshold(threshold) + " (" + calibration.scores().provenance().note()
                + "): no lead becomes an MQL by its score, so the hand-off's figures are zero");
    }
}
