package io.leadscore.data.synthetic;

import static io.leadscore.data.synthetic.CsvTable.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.scoring.domain.Timestamps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated world behaves as designed, measured from its files the way a
 * user would measure it: stage rates within DOMAIN.md's ranges, the truth
 * consistent with the outcomes, a visible response-time effect. Statistical
 * checks allow a few standard errors around the expected values, on a seeded
 * world of 8,000 leads (about 5,800 mature).
 */
class GeneratedWorldTest {
    private static final Duration HORIZON = Duration.ofDays(180);

    @TempDir
    static Path dir;
    private static GeneratedExport export;
    /**
     * Per mature lead, on the path of its first hand-off (follow-ups before a later buying window that brought it
     * back, see {@code returned_at}): reached SAL (accepted or meeting), SQL (meeting), an opportunity.
     */
    private static final Set<String> sal = new HashSet<>();
    private static final Set<String> sql = new HashSet<>();
    private static final Map<String, Instant> firstFollowUp = new HashMap<>();
    private static final Map<String, String[]> dealByLead = new HashMap<>();
    /** The deals of the first hand-offs: leads that came back in a later window are left out. */
    private static final Map<String, String[]> firstHandOffDeal = new HashMap<>();
    private static final List<String> mature = new ArrayList<>();

    @BeforeAll
    static void generate() {
        export = GeneratedExport.generate(dir, GeneratorOptions.defaults().withLeads(8_000).withSeed(2026));
        for (String[] row : export.followUps.rows) {
            String returned = export.truth(row[0], "returned_at");
            if (returned != null && !Timestamps.parse(row[1]).isBefore(Timestamps.parse(returned))) {
                continue;
            }
            String outcome = row[4];
            if (outcome.equals("accepted") || outcome.equals("meeting_booked")) {
                sal.add(row[0]);
            }
            if (outcome.equals("meeting_booked")) {
                sql.add(row[0]);
            }
            firstFollowUp.merge(row[0], Timestamps.parse(row[1]), (a, b) -> a.isBefore(b) ? a : b);
        }
        for (String[] row : export.deals.rows) {
            assertThat(dealByLead.put(row[1], row)).as("one deal per lead").isNull();
            if (export.truth(row[1], "returned_at") == null) {
                firstHandOffDeal.put(row[1], row);
            }
        }
        for (String lead : export.leadCreated.keySet()) {
            if (export.mature(lead)) {
                mature.add(lead);
            }
        }
    }

    @Test
    void stageRatesLieInTheQuotedB2bRanges() {
        // DOMAIN.md: Inquiry→MQL 10–25%, MQL→SAL 40–60%, SAL→SQL 50–70%, SQL→Opportunity 45–75%, Opportunity→Won 15–30%.
        long mqls = mature.stream().filter(this::isMql).count();
        long mqlSals = mature.stream().filter(this::isMql).filter(sal::contains).count();
        long sals = mature.stream().filter(sal::contains).count();
        long sqls = mature.stream().filter(sql::contains).count();
        long sqlOpportunities = mature.stream().filter(sql::contains).filter(firstHandOffDeal::containsKey).count();
        long closed = mature.stream().filter(firstHandOffDeal::containsKey).filter(l -> !status(l).equals("open")).count();
        long won = mature.stream().filter(firstHandOffDeal::containsKey).filter(l -> status(l).equals("won")).count();

        assertRateWithin(mqls, mature.size(), 0.10, 0.25);
        assertRateWithin(mqlSals, mqls, 0.40, 0.60);
        assertRateWithin(sqls, sals, 0.50, 0.70);
        assertRateWithin(sqlOpportunities, sqls, 0.45, 0.75);
        assertRateWithin(won, closed, 0.15, 0.30);
    }

    @Test
    void summaryReportsTheRatesTheFilesShow() {
        RealizedRates rates = export.summary.rates();
        long mqls = mature.stream().filter(this::isMql).count();

        assertThat(rates.matureLeads()).isEqualTo(mature.size());
        assertThat(rates.mqlShare()).isCloseTo(mqls / (double) mature.size(), within(1e-12));
        assertThat(rates.leadToWon()).isCloseTo(labelRate(), within(1e-12));
        assertThat(rates.activitiesPerLead()).isCloseTo(export.activities.rows.size() / 8_000.0, within(1e-12));
    }

    @Test
    void aboutTwoPercentOfLeadsWinWithinTheHorizon() {
        // Above DOMAIN.md's 0.5–1.5% on purpose, so that demo-sized data has positives to learn from.
        assertThat(labelRate()).isBetween(0.015, 0.03);
    }

    @Test
    void truthLabelIsTheContractsOutcomeComputedFromTheFiles() {
        for (String lead : export.leadCreated.keySet()) {
            String label = export.truth(lead, "label");
            if (!export.mature(lead)) {
                assertThat(label).as("label of %s, still inside its horizon", lead).isNull();
                continue;
            }
            String[] deal = dealByLead.get(lead);
            boolean wonInHorizon = deal != null && deal[3].equals("won")
                    && !Timestamps.parse(deal[4]).isAfter(export.leadCreated.get(lead).plus(HORIZON));
            assertThat(label).as("label of %s", lead).isEqualTo(wonInHorizon ? "1" : "0");
            if (wonInHorizon) {
                assertThat(Double.parseDouble(export.truth(lead, "p_convert"))).isPositive();
                // worked on its first hand-off, or won after a later buying window brought it back
                assertThat(export.truth(lead, "worked").equals("true") || export.truth(lead, "returned_at") != null).isTrue();
            }
        }
    }

    @Test
    void theTruthAtEveryAgeMatchesTheOutcomesOfThatAge() {
        // p_by_age states P(a win within 180 days of t) for the lead still open at t; each band's outcomes are
        // Bernoulli draws of those probabilities, so the mean label is the mean p within a few standard errors
        double[] bandStart = {0, 1, 7, 30, 90, 180};
        double[] sumP = new double[6];
        double[] variance = new double[6];
        int[] rows = new int[6];
        int[] wins = new int[6];
        Instant until = export.summary.historyEnd();
        for (String lead : export.leadCreated.keySet()) {
            String byAge = export.truth(lead, "p_by_age");
            if (byAge == null) {
                continue;
            }
            String[] deal = dealByLead.get(lead);
            Instant won = deal != null && deal[3].equals("won") ? Timestamps.parse(deal[4]) : null;
            Instant opened = deal == null ? null : Timestamps.parse(deal[2]);
            for (String pair : byAge.split(";")) {
                double age = Double.parseDouble(pair.substring(0, pair.indexOf(':')));
                double p = Double.parseDouble(pair.substring(pair.indexOf(':') + 1));
                Instant t = export.leadCreated.get(lead).plusMillis(Math.round(age * 86_400_000L));
                assertThat(opened == null || !opened.isBefore(t)).as("%s is open at age %s", lead, age).isTrue();
                if (t.plus(HORIZON).isAfter(until)) {
                    continue;
                }
                int band = 0;
                while (band < 5 && age >= bandStart[band + 1]) {
                    band++;
                }
                rows[band]++;
                sumP[band] += p;
                variance[band] += p * (1 - p);
                wins[band] += won != null && !won.isBefore(t) && won.isBefore(t.plus(HORIZON)) ? 1 : 0;
            }
        }
        for (int b = 0; b < 6; b++) {
            double standardError = Math.sqrt(variance[b]) / rows[b];
            assertThat(rows[b]).isGreaterThan(1_000);
            assertThat(wins[b] / (double) rows[b]).as("band from %s days: %d wins in %d", bandStart[b], wins[b], rows[b])
                    .isCloseTo(sumP[b] / rows[b], within(3.5 * standardError));
        }
        // intent unfolds: leads a year old and more still win, at a lower rate than in their first weeks
        assertThat(wins[5]).isGreaterThan(20);
        assertThat(wins[5] / (double) rows[5]).isLessThan(wins[1] / (double) rows[1]);
    }

    @Test
    void leadsComeBackInLaterBuyingWindows() {
        int returned = 0;
        int returnedWins = 0;
        for (String lead : export.leadCreated.keySet()) {
            String at = export.truth(lead, "returned_at");
            if (at == null) {
                continue;
            }
            returned++;
            Instant back = Timestamps.parse(at);
            assertThat(Duration.between(export.leadCreated.get(lead), back).toDays()).isGreaterThanOrEqualTo(75);
            String[] deal = dealByLead.get(lead);
            if (deal != null) {
                assertThat(Timestamps.parse(deal[2])).isAfter(back);
                returnedWins += deal[3].equals("won") ? 1 : 0;
            }
        }
        assertThat(returned).isGreaterThan(100);
        assertThat(returnedWins).isGreaterThan(10);
        assertThat(export.truth(export.leadCreated.keySet().iterator().next(), "revival")).isNotNull();
    }

    @Test
    void meanPConvertMatchesTheRealisedConversionWithinThreeStandardErrors() {
        // Each label is a Bernoulli(p_convert) draw: the mean label has variance Σ p(1 − p) / n².
        double sumP = 0;
        double variance = 0;
        for (String lead : mature) {
            double p = Double.parseDouble(export.truth(lead, "p_convert"));
            sumP += p;
            variance += p * (1 - p);
        }
        double n = mature.size();
        double standardError = Math.sqrt(variance) / n;
        assertThat(labelRate()).isCloseTo(sumP / n, within(3 * standardError));
    }

    @Test
    void oracleRanksWellButNotPerfectly() {
        double[] p = new double[mature.size()];
        boolean[] positive = new boolean[mature.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = Double.parseDouble(export.truth(mature.get(i), "p_convert"));
            positive[i] = "1".equals(export.truth(mature.get(i), "label"));
        }
        double auc = auc(p, positive);

        assertThat(auc).isBetween(0.85, 0.95);
        assertThat(export.summary.rates().oracleAuc()).isCloseTo(auc, within(1e-9));
    }

    @Test
    void mqlsAnsweredWithinAnHourQualifyMoreOftenThanThoseAnsweredAfterADay() {
        // m(t) = (1 + t/0.5 h)^-0.2: 0.87 at 15 minutes, 0.45 at 30 hours, so the SQL rate roughly halves.
        int fast = 0;
        int fastSql = 0;
        int slow = 0;
        int slowSql = 0;
        for (String lead : export.leadCreated.keySet()) {
            String mqlAt = export.truth(lead, "mql_at");
            Instant first = firstFollowUp.get(lead);
            if (mqlAt == null || first == null) {
                continue;
            }
            double hours = Duration.between(Timestamps.parse(mqlAt), first).toMillis() / 3_600_000.0;
            assertThat(hours).isNotNegative();
            assertThat(Double.parseDouble(export.truth(lead, "response_hours"))).isCloseTo(hours, within(1e-3));
            if (hours < 1) {
                fast++;
                fastSql += sql.contains(lead) ? 1 : 0;
            } else if (hours >= 24) {
                slow++;
                slowSql += sql.contains(lead) ? 1 : 0;
            }
        }
        double fastRate = fastSql / (double) fast;
        double slowRate = slowSql / (double) slow;
        double standardError = Math.sqrt(fastRate * (1 - fastRate) / fast + slowRate * (1 - slowRate) / slow);

        assertThat(fast).isGreaterThan(300);
        assertThat(slow).isGreaterThan(100);
        assertThat(fastRate - slowRate).isGreaterThan(3 * standardError);
        assertThat(fastRate / slowRate).isBetween(1.3, 6.0);
    }

    @Test
    void responseMultiplierFollowsThePowerLawOfTheDelay() {
        for (String lead : export.leadCreated.keySet()) {
            String hours = export.truth(lead, "response_hours");
            if (hours != null) {
                double expected = Math.pow(1 + Double.parseDouble(hours) / 0.5, -0.2);
                assertThat(Double.parseDouble(export.truth(lead, "response_multiplier"))).isCloseTo(expected, within(2e-6));
            }
        }
    }

    @Test
    void responseTimesAndTheBlackHoleResembleTheCitedStudies() {
        // HBR 2011 (Oldroyd et al.): 37% of firms replied within an hour, 23% never.
        RealizedRates rates = export.summary.rates();
        assertThat(rates.respondedWithinHour()).isBetween(0.30, 0.50);
        assertThat(1 - rates.mqlFollowedUp()).isBetween(0.08, 0.25);
        long neverFollowedUp = export.leadCreated.keySet().stream().filter(l -> !firstFollowUp.containsKey(l)).count();
        // Sabnis et al. 2013: sales does not pursue about 70% of marketing's leads.
        assertThat(neverFollowedUp / 8_000.0).isBetween(0.6, 0.8);
    }

    @Test
    void wonDealsCloseWithinTheSegmentsSalesCycle() {
        // DOMAIN.md: SMB 14–30 days, mid-market 30–90, enterprise 90–180+.
        Map<String, List<Double>> cycles = new HashMap<>();
        for (String[] deal : export.deals.rows) {
            if (deal[3].equals("won")) {
                double days = Duration.between(Timestamps.parse(deal[2]), Timestamps.parse(deal[4])).toHours() / 24.0;
                cycles.computeIfAbsent(export.truth(deal[1], "segment"), k -> new ArrayList<>()).add(days);
            }
        }
        assertThat(median(cycles.get("smb"))).isBetween(14.0, 30.0);
        assertThat(median(cycles.get("mid_market"))).isBetween(30.0, 90.0);
        assertThat(median(cycles.get("enterprise"))).isBetween(90.0, 180.0);
    }

    @Test
    void dealAmountsAreRightSkewedAndGrowWithTheSegment() {
        Map<String, List<Double>> amounts = new HashMap<>();
        for (String[] deal : export.deals.rows) {
            amounts.computeIfAbsent(export.truth(deal[1], "segment"), k -> new ArrayList<>()).add(Double.parseDouble(deal[5]));
        }
        double smb = median(amounts.get("smb"));
        double mid = median(amounts.get("mid_market"));
        double enterprise = median(amounts.get("enterprise"));
        assertThat(smb).isLessThan(mid);
        assertThat(mid).isLessThan(enterprise);
        for (List<Double> values : amounts.values()) {
            double sum = 0;
            for (double value : values) {
                sum += value;
            }
            assertThat(sum / values.size()).isGreaterThan(median(values));
        }
    }

    @Test
    void leadsArriveOnWorkdaysInGrowingNumbersWithAboutFifteenActivitiesEach() {
        long weekday = export.leadCreated.values().stream()
                .filter(t -> t.atOffset(ZoneOffset.UTC).getDayOfWeek().getValue() <= 5).count();
        Instant middle = export.until.minus(Duration.ofDays(365));
        long secondYear = export.leadCreated.values().stream().filter(t -> !t.isBefore(middle)).count();

        assertThat(weekday / 8_000.0).isGreaterThan(0.85);
        assertThat(secondYear / 8_000.0).isBetween(0.52, 0.65);
        assertThat(export.activities.rows.size() / 8_000.0).isBetween(16.0, 26.0);
    }

    @Test
    void salesVerdictGivesTheOutcomeAway() {
        // The point of the field: a model that uses it sees the answer, so it must be excluded by name.
        int column = export.leads.column("sales_verdict");
        int hotWon = 0;
        int won = 0;
        for (String[] row : export.leads.rows) {
            if ("1".equals(export.truth(row[0], "label"))) {
                won++;
                hotWon += "Hot".equals(value(row, column)) ? 1 : 0;
            }
        }
        assertThat(hotWon / (double) won).isGreaterThan(0.6);
    }

    private boolean isMql(String lead) {
        String mqlAt = export.truth(lead, "mql_at");
        return mqlAt != null && Timestamps.parse(mqlAt).isBefore(export.until);
    }

    private static String status(String lead) {
        return dealByLead.get(lead)[3];
    }

    private static double labelRate() {
        return mature.stream().filter(l -> "1".equals(export.truth(l, "label"))).count() / (double) mature.size();
    }

    /** The rate lies in [low, high] give or take three standard errors of a proportion. */
    private static void assertRateWithin(long hits, long total, double low, double high) {
        double rate = hits / (double) total;
        double standardError = Math.sqrt(rate * (1 - rate) / total);
        assertThat(rate).as("%d of %d", hits, total).isBetween(low - 3 * standardError, high + 3 * standardError);
    }

    private static double median(List<Double> values) {
        double[] sorted = new double[values.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = values.get(i);
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Mann–Whitney AUC with ties counted half, by a quadratic-free rank sum. */
    private static double auc(double[] score, boolean[] positive) {
        Integer[] order = new Integer[score.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && score[order[j]] == score[order[i]]) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (positive[order[k]]) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = score.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
