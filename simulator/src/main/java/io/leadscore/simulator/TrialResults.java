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
    /** Wins (and their revenue) of deals opened around the hand-off by the period's new leads. */
    final int[] aroundWins;
    final int[] aroundOpportunities;
    final int[] backlogOpportunities;
    final double[] aroundRevenue;
    /** Wins of deals opened during the period by leads created before it. */
    final int[] backlogWins;
    final double[] backlogRevenue;
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
        aroundWins = new int[trials];
        aroundOpportunities = new int[trials];
        backlogOpportunities = new int[trials];
        aroundRevenue = new double[trials];
        backlogWins = new int[trials];
        backlogRevenue = new double[trials];
        touches = new int[trials];
        slaDecided = new int[trials];
        slaBreaches = new int[trials];
        recycled = new int[trials];
        responseHours = new double[trials];
    }
}
