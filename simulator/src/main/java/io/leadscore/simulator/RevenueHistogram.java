package io.leadscore.simulator;

import io.leadscore.simulator.text.Numbers;

/**
 * Trials counted by revenue in equal-width bins from 0. When the quota is
 * positive the bins are laid out so that the quota is a bin edge: every bin
 * is wholly below or wholly at-or-above it, and the trials at or above that
 * edge are exactly those that reach quota. The bins cover revenue up to the
 * larger of the quota and the 99.5th percentile; when some trials lie beyond,
 * the last bin is open-ended and holds them too.
 */
public final class RevenueHistogram {

    /** Revenue above this percentile of the trials goes into an open-ended last bin. */
    static final double RANGE_PERCENTILE = 0.995;

    private final double binWidth;
    private final long[] counts;
    private final int binsBelowQuota;
    private final boolean lastBinOpen;
    private final double quota;

    private RevenueHistogram(double binWidth, long[] counts, int binsBelowQuota, boolean lastBinOpen, double quota) {
        this.binWidth = binWidth;
        this.counts = counts;
        this.binsBelowQuota = binsBelowQuota;
        this.lastBinOpen = lastBinOpen;
        this.quota = quota;
    }

    static RevenueHistogram of(double[] revenue, double quota, int targetBins) {
        double[] sorted = revenue.clone();
        java.util.Arrays.sort(sorted);
        double max = sorted[sorted.length - 1];
        double range = RevenueSummary.percentile(sorted, RANGE_PERCENTILE);
        double top = Math.max(range, quota);
        if (top == 0) {
            top = max;
        }
        if (top == 0) {
            return new RevenueHistogram(1, new long[] {revenue.length}, 0, false, quota);
        }
        double width;
        int below;
        if (quota > 0) {
            below = (int) Math.max(1, Math.min(targetBins, Math.round(targetBins * quota / top)));
            width = quota / below;
        } else {
            below = 0;
            width = top / targetBins;
        }
        int bins = (int) Math.max(below + (max >= quota && quota > 0 ? 1 : 0), Math.floor(top / width) + 1);
        boolean open = max >= bins * width;
        long[] counts = new long[bins];
        for (double r : revenue) {
            int i = (int) Math.min(bins - 1, Math.floor(r / width));
            if (quota > 0) {
                if (r >= quota && i < below) {
                    i = below;
                } else if (r < quota && i >= below) {
                    i = below - 1;
                }
            }
            counts[i]++;
        }
        return new RevenueHistogram(width, counts, below, open, quota);
    }

    public double binWidth() {
        return binWidth;
    }

    public int bins() {
        return counts.length;
    }

    /** Trials in bin i, which holds revenue in [i·width, (i+1)·width), or from i·width up when it is the open last bin. */
    public long count(int bin) {
        return counts[bin];
    }

    public double binStart(int bin) {
        return bin * binWidth;
    }

    /** The number of bins below the quota (the quota is the start of bin {@code binsBelowQuota()}); 0 for a zero quota. */
    public int binsBelowQuota() {
        return binsBelowQuota;
    }

    /** Whether the last bin also holds every trial beyond its nominal end. */
    public boolean lastBinOpen() {
        return lastBinOpen;
    }

    /**
     * The histogram as plain text no wider than {@code width} characters
     * (at least 40): one row per bin, highest revenue first, with a line
     * where the quota falls (at the top when no trial reaches it).
     */
    public String render(int width) {
        if (width < 40) {
            throw new IllegalArgumentException("Invalid histogram width: " + width + ", expected at least 40 characters");
        }
        long most = 1;
        for (long c : counts) {
            most = Math.max(most, c);
        }
        String[] labels = new String[counts.length];
        int labelWidth = 0;
        for (int i = 0; i < counts.length; i++) {
            boolean open = lastBinOpen && i == counts.length - 1;
            labels[i] = open ? Numbers.compact(binStart(i)) + " and up"
                    : Numbers.compact(binStart(i)) + " - " + Numbers.compact(binStart(i + 1));
            labelWidth = Math.max(labelWidth, labels[i].length());
        }
        int countWidth = Long.toString(most).length();
        int barWidth = Math.max(5, width - labelWidth - countWidth - 4);
        String quotaLine = null;
        if (quota > 0) {
            String text = " quota " + Numbers.amount(quota) + " ";
            int lead = Math.min(labelWidth + 1, Math.max(2, width - text.length()));
            quotaLine = "-".repeat(lead) + text + "-".repeat(Math.max(0, width - lead - text.length()));
        }
        StringBuilder out = new StringBuilder();
        for (int i = counts.length - 1; i >= 0; i--) {
            if (quotaLine != null && i == binsBelowQuota - 1) {
                out.append(quotaLine, 0, Math.min(quotaLine.length(), width)).append('\n');
            }
            int bar = (int) Math.round((double) counts[i] * barWidth / most);
            if (bar == 0 && counts[i] > 0) {
                bar = 1;
            }
            StringBuilder row = new StringBuilder();
            row.append(" ".repeat(labelWidth - labels[i].length())).append(labels[i]).append(" |");
            row.append("#".repeat(bar)).append(" ".repeat(barWidth - bar)).append(' ');
            String c = Long.toString(counts[i]);
            row.append(" ".repeat(countWidth - c.length())).append(c);
            out.append(row, 0, Math.min(row.length(), width)).append('\n');
        }
        return out.toString();
    }
}
