package io.leadscore.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadscore.scoring.domain.Timestamps;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messy world breaks the textbook funnel in each of the ways its switch
 * promises, measured from the files as an importer reads them, against a
 * textbook world of the same seed and size.
 */
class MessyWorldTest {
    private static final int LEADS = 8_000;
    private static final long SEED = 77;

    @TempDir
    static Path dir;
    private static Tally textbook;
    private static Tally messy;

    /** What one world's files show about its deals, follow-ups and volume. */
    private record Tally(int deals, int dealsOfLeadsNeverHandedOff, int dealsWithoutFollowUp,
                         int dealsWithFollowUpsButNoAcceptance, int repsBeforeMiddle, int repsAfterMiddle,
                         Map<Integer, Integer> leadsByMonth, int wonFirstDeals, int leadsWithFurtherDeals,
                         int furtherDealsNotAfterAWin) {

        static Tally of(GeneratedExport export) {
            Map<String, List<String>> outcomes = new HashMap<>();
            LocalDate middle = export.summary.options().historyStart()
                    .plusDays(export.summary.options().historyDays() / 2);
            Instant middleAt = middle.atStartOfDay(ZoneOffset.UTC).toInstant();
            Set<String> before = new HashSet<>();
            Set<String> after = new HashSet<>();
            for (String[] row : export.followUps.rows) {
                outcomes.computeIfAbsent(row[0], k -> new java.util.ArrayList<>()).add(row[4]);
                if (!row[2].isEmpty()) {
                    (Timestamps.parse(row[1]).isBefore(middleAt) ? before : after).add(row[2]);
                }
            }
            int neverHandedOff = 0;
            int withoutFollowUp = 0;
            int noAcceptance = 0;
            for (String[] deal : export.deals.rows) {
                String lead = deal[1];
                if (export.truth(lead, "mql_at") == null) {
                    neverHandedOff++;
                }
                List<String> o = outcomes.get(lead);
                if (o == null) {
                    withoutFollowUp++;
                } else if (!o.contains("accepted") && !o.contains("meeting_booked")) {
                    noAcceptance++;
                }
            }
            // deals are written lead by lead, each lead's first deal first: a further deal follows its lead's win
            Map<String, String[]> previous = new HashMap<>();
            Set<String> several = new HashSet<>();
            int wonFirst = 0;
            int notAfterWin = 0;
            for (String[] deal : export.deals.rows) {
                String[] prior = previous.put(deal[1], deal);
                if (prior == null) {
                    wonFirst += deal[3].equals("won") ? 1 : 0;
                    continue;
                }
                several.add(deal[1]);
                if (!prior[3].equals("won") || Timestamps.parse(deal[2]).isBefore(Timestamps.parse(prior[4]))) {
                    notAfterWin++;
                }
            }
            Map<Integer, Integer> byMonth = new HashMap<>();
            for (Instant created : export.leadCreated.values()) {
                byMonth.merge(created.atZone(ZoneOffset.UTC).getMonthValue(), 1, Integer::sum);
            }
            return new Tally(export.deals.rows.size(), neverHandedOff, withoutFollowUp, noAcceptance, before.size(),
                    after.size(), byMonth, wonFirst, several.size(), notAfterWin);
        }

        /** Leads created in the month over the mean month: the strength of the season. */
        double monthShare(int month) {
            return leadsByMonth.getOrDefault(month, 0) * 12.0 / leadsByMonth.values().stream().mapToInt(i -> i).sum();
        }
    }

    @BeforeAll
    static void generate() {
        GeneratorOptions options = GeneratorOptions.defaults().withLeads(LEADS).withSeed(SEED);
        textbook = Tally.of(GeneratedExport.generate(dir.resolve("textbook"), options));
        messy = Tally.of(GeneratedExport.generate(dir.resolve("messy"),
                options.withWorld(World.MESSY)));
    }

    @Test
    void opensMoreDealsForLeadsThatWereNeverHandedOff() {
        // referrals, partner introductions and returning customers go straight to a rep in the messy world
        double textbookShare = (double) textbook.dealsOfLeadsNeverHandedOff() / textbook.deals();
        double messyShare = (double) messy.dealsOfLeadsNeverHandedOff() / messy.deals();
        assertThat(messyShare).isGreaterThan(textbookShare + 0.05);
    }

    @Test
    void customersOpenFurtherDealsOnTheLeadOfAWinOnlyInTheMessyWorld() {
        assertThat(textbook.leadsWithFurtherDeals()).isZero();
        // 40% of won deals bring an expansion or renewal some months later (fewer within the history's end)
        assertThat(messy.leadsWithFurtherDeals()).isBetween(messy.wonFirstDeals() / 5, messy.wonFirstDeals() / 2);
        assertThat(messy.furtherDealsNotAfterAWin()).isZero();
    }

    @Test
    void logsEveryFollowUpOnlyInTheTextbook() {
        assertThat(textbook.dealsWithoutFollowUp()).isZero();
        assertThat(textbook.dealsWithFollowUpsButNoAcceptance()).isZero();
        // 15% of worked leads have no follow-up logged; 30% of deals skip the acceptance and the meeting
        assertThat(messy.dealsWithoutFollowUp()).isGreaterThan(messy.deals() / 10);
        assertThat(messy.dealsWithFollowUpsButNoAcceptance()).isGreaterThan(messy.deals() / 20);
    }

    @Test
    void growsTheTeamHalfWayThroughTheHistory() {
        assertThat(textbook.repsBeforeMiddle()).isEqualTo(textbook.repsAfterMiddle()).isEqualTo(Catalog.REPS);
        assertThat(messy.repsBeforeMiddle()).isEqualTo(10);
        assertThat(messy.repsAfterMiddle()).isEqualTo(Catalog.REPS);
    }

    @Test
    void swingsWithAStrongerSeason() {
        // March's push against August's lull: 1.35 / 0.55 in the messy world, 1.10 / 0.75 in the textbook
        assertThat(messy.monthShare(3) / messy.monthShare(8)).isGreaterThan(2.0);
        assertThat(textbook.monthShare(3) / textbook.monthShare(8)).isBetween(1.2, 1.8);
    }

    @Test
    void namesTheWorldsOnTheCommandLine() {
        assertThat(World.parse(" Messy ")).isEqualTo(World.MESSY);
        assertThat(assertThrows(IllegalArgumentException.class, () -> World.parse("tidy")))
                .hasMessageContaining("tidy").hasMessageContaining("textbook, messy");
    }
}
