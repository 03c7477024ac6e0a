package io.leadscore.simulator;

/** Per-trial outcomes of a run, indexed by trial; each trial writes only its own slots. */
final class TrialResults {

    final int trials;
    final long[] leads;
    final int[] mqls;
    final int[] sals;
    final int[] sqls;
    final int[] opportunities;
    final int[] wins;
    final int[] eventualOpportunities;
    final int[] eventualWins;
    final double[] revenue;
    final int[] pipelineWins;
    final double[] pipelineRevenue;
    final int[] touches;
    final int[] slaDecided;
    final int[] slaBreaches;
    final int[] recycled;
    final double[] responseHours;

    TrialResults(int trials) {
        this.trials = trials;
        leads = new long[trials];
        mqls = new int[trials];
        sals = new int[trials];
        sqls = new int[trials];
        opportunities = new int[trials];
        wins = new int[trials];
        eventualOpportunities = new int[trials];
        eventualWins = new int[trials];
        revenue = new double[trials];
        pipelineWins = new int[trials];
        pipelineRevenue = new double[trials];
        touches = new int[trials];
        slaDecided = new int[trials];
        slaBreaches = new int[trials];
        recycled = new int[trials];
        responseHours = new double[trials];
    }
}
