package io.leadscore.data.synthetic;

import static io.leadscore.data.synthetic.CsvTable.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Deal;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUp;
import io.leadscore.scoring.domain.FollowUpChannel;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Seniority;
import io.leadscore.scoring.domain.Timestamps;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of a generated export follows docs/crm-csv.md: importing it
 * must reject nothing. Each row is parsed the way the contract states and
 * turned into the domain record, whose constructor enforces the rest.
 */
class GeneratedExportContractTest {
    private static final List<String> CONTRACT_LEAD_COLUMNS = List.of("lead_id", "created_at", "email", "company",
            "industry", "employees", "annual_revenue", "country", "job_title", "seniority", "department", "source", "campaign");
    private static final Set<String> REJECTION_REASONS = Set.of("bad_fit", "no_budget", "student", "competitor",
            "duplicate", "not_ready");

    @TempDir
    static Path dir;
    private static GeneratedExport export;

    @BeforeAll
    static void generate() {
        export = GeneratedExport.generate(dir, GeneratorOptions.defaults().withLeads(3_000).withSeed(11));
    }

    @Test
    void headersNameTheContractColumnsAndTheCompanysOwnFields() {
        assertThat(export.leads.header).containsSubsequence(CONTRACT_LEAD_COLUMNS)
                .contains("budget_band", "tech_stack", "website_score", "sales_verdict").hasSize(17);
        assertThat(export.activities.header).containsExactly("lead_id", "occurred_at", "type", "detail");
        assertThat(export.deals.header).containsExactly("deal_id", "lead_id", "created_at", "status", "closed_at",
                "amount", "lost_reason");
        assertThat(export.followUps.header).containsExactly("lead_id", "occurred_at", "rep", "channel", "outcome", "reason");
        assertThat(export.truth.header).startsWith("lead_id", "p_convert", "label");
    }

    @Test
    void everyLeadRowIsAValidLeadWithAUniqueShortId() {
        CsvTable leads = export.leads;
        Set<String> ids = new HashSet<>();
        for (String[] row : leads.rows) {
            Map<String, String> custom = new TreeMap<>();
            for (int c = 0; c < leads.header.size(); c++) {
                if (!CONTRACT_LEAD_COLUMNS.contains(leads.header.get(c)) && value(row, c) != null) {
                    custom.put(leads.header.get(c), row[c]);
                }
            }
            String employees = value(row, leads.column("employees"));
            String revenue = value(row, leads.column("annual_revenue"));
            String seniority = value(row, leads.column("seniority"));
            Lead lead = new Lead(row[leads.column("lead_id")], Timestamps.parse(row[leads.column("created_at")]),
                    value(row, leads.column("email")), value(row, leads.column("company")),
                    value(row, leads.column("industry")), employees == null ? null : Long.parseLong(employees),
                    revenue == null ? null : new BigDecimal(revenue).doubleValue(),
                    value(row, leads.column("country")), value(row, leads.column("job_title")),
                    seniority == null ? null : Seniority.fromWire(seniority).orElseThrow(),
                    value(row, leads.column("department")), value(row, leads.column("source")),
                    value(row, leads.column("campaign")), custom);
            assertThat(ids.add(lead.leadId())).as("unique id %s", lead.leadId()).isTrue();
            assertThat(lead.leadId()).hasSizeLessThanOrEqualTo(Lead.MAX_ID_LENGTH);
            assertThat(lead.createdAt()).isBefore(export.until);
            if (revenue != null) {
                assertThat(new BigDecimal(revenue).signum()).isNotNegative();
            }
            if (custom.containsKey("website_score")) {
                assertThat(Integer.parseInt(custom.get("website_score"))).isBetween(0, 100);
            }
        }
        assertThat(ids).hasSize(3_000);
    }

    @Test
    void everyActivityNamesAKnownLeadAndHappensInItsLifeBeforeTheExport() {
        for (String[] row : export.activities.rows) {
            Activity activity = new Activity(row[0], Timestamps.parse(row[1]),
                    ActivityType.fromWire(row[2]).orElseThrow(() -> new AssertionError("unknown type " + row[2])),
                    value(row, 3));
            Instant created = export.leadCreated.get(activity.leadId());
            assertThat(created).as("lead of activity %s", activity.leadId()).isNotNull();
            assertThat(activity.occurredAt()).isAfterOrEqualTo(created).isBefore(export.until);
        }
    }

    @Test
    void everyDealIsValidAndOpensAfterItsLeadWasCreatedAndWorked() {
        Map<String, Instant> firstFollowUp = new HashMap<>();
        for (String[] row : export.followUps.rows) {
            firstFollowUp.merge(row[0], Timestamps.parse(row[1]), (a, b) -> a.isBefore(b) ? a : b);
        }
        CsvTable deals = export.deals;
        Set<String> ids = new HashSet<>();
        for (String[] row : deals.rows) {
            String closed = value(row, deals.column("closed_at"));
            Deal deal = new Deal(row[deals.column("deal_id")], row[deals.column("lead_id")],
                    Timestamps.parse(row[deals.column("created_at")]),
                    DealStatus.fromWire(row[deals.column("status")]).orElseThrow(),
                    closed == null ? null : Timestamps.parse(closed), new BigDecimal(row[deals.column("amount")]),
                    value(row, deals.column("lost_reason")));
            assertThat(ids.add(deal.dealId())).isTrue();
            assertThat(deal.dealId()).hasSizeLessThanOrEqualTo(Lead.MAX_ID_LENGTH);
            Instant leadCreated = export.leadCreated.get(deal.leadId());
            assertThat(leadCreated).as("lead of deal %s", deal.dealId()).isNotNull();
            assertThat(deal.createdAt()).isAfter(leadCreated).isBefore(export.until);
            assertThat(firstFollowUp.get(deal.leadId())).as("a follow-up before deal %s", deal.dealId())
                    .isNotNull().isBefore(deal.createdAt());
            if (deal.status() == DealStatus.OPEN) {
                assertThat(deal.closedAt()).isNull();
            } else {
                assertThat(deal.closedAt()).isBefore(export.until);
            }
            if (deal.status() != DealStatus.LOST) {
                assertThat(deal.lostReason()).isNull();
            }
        }
        assertThat(ids).isNotEmpty();
    }

    @Test
    void everyFollowUpIsValidAndFollowsItsLeadsCreation() {
        for (String[] row : export.followUps.rows) {
            String channel = value(row, 3);
            FollowUp followUp = new FollowUp(row[0], Timestamps.parse(row[1]), value(row, 2),
                    channel == null ? null : FollowUpChannel.fromWire(channel).orElseThrow(),
                    FollowUpOutcome.fromWire(row[4]).orElseThrow(), value(row, 5));
            assertThat(followUp.occurredAt()).isAfterOrEqualTo(export.leadCreated.get(followUp.leadId()))
                    .isBefore(export.until);
            if (followUp.reason() != null) {
                assertThat(followUp.outcome()).isEqualTo(FollowUpOutcome.REJECTED);
                assertThat(REJECTION_REASONS).contains(followUp.reason());
            }
        }
    }

    @Test
    void enumValuesAreWrittenExactlyAsTheContractSpellsThem() {
        // The contract lists the values without saying they may vary in case, so the export never varies them.
        assertColumnValues(export.leads, "seniority", Seniority.values());
        assertColumnValues(export.activities, "type", ActivityType.values());
        assertColumnValues(export.deals, "status", DealStatus.values());
        assertColumnValues(export.followUps, "channel", FollowUpChannel.values());
        assertColumnValues(export.followUps, "outcome", FollowUpOutcome.values());
    }

    @Test
    void freeTextVariesInCaseAndSpacingAsRealExportsDo() {
        Map<String, Set<String>> spellings = new HashMap<>();
        for (String[] row : export.leads.rows) {
            String industry = value(row, export.leads.column("industry"));
            if (industry != null) {
                spellings.computeIfAbsent(industry.trim().toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(industry);
            }
        }
        assertThat(spellings.get("software")).contains("Software", "software", "SOFTWARE", " Software");
        assertThat(distinct(export.leads, "department")).contains("it", "IT");
        assertThat(distinct(export.leads, "source")).contains("paid_search", "PAID_SEARCH", " paid_search");
    }

    @Test
    void timestampsComeInEveryFormTheContractAllows() {
        Set<String> forms = new HashSet<>();
        for (String[] row : export.leads.rows) {
            forms.add(form(row[export.leads.column("created_at")]));
        }
        for (String[] row : export.activities.rows) {
            forms.add(form(row[1]));
        }
        for (String[] row : export.deals.rows) {
            forms.add(form(row[export.deals.column("created_at")]));
        }
        for (String[] row : export.followUps.rows) {
            forms.add(form(row[1]));
        }
        assertThat(forms).containsExactlyInAnyOrder("date", "utc", "utc-millis", "offset", "no-offset");
    }

    @Test
    void quotingCarriesCommasQuotesAndLineBreaks() {
        assertThat(anyValue(export.leads, "company", v -> v.contains(","))).isTrue();
        assertThat(anyValue(export.leads, "company", v -> v.contains("\""))).isTrue();
        assertThat(anyValue(export.leads, "job_title", v -> v.contains("\""))).isTrue();
        assertThat(anyValue(export.activities, "detail", v -> v.contains("\n"))).isTrue();
        assertThat(export.leads.byteOrderMark).isTrue();
        assertThat(export.leads.crlf).isTrue();
        assertThat(export.activities.crlf).isFalse();
    }

    @Test
    void optionalFieldsAreMissingAtRealisticRates() {
        for (String column : List.of("email", "company", "industry", "employees", "annual_revenue", "country",
                "job_title", "seniority", "department", "source", "budget_band", "tech_stack", "website_score")) {
            double missing = missingShare(export.leads, column);
            assertThat(missing).as(column).isBetween(0.02, 0.5);
        }
        assertThat(anyValue(export.leads, "email", v -> v.endsWith("@gmail.example"))).isTrue();
    }

    @Test
    void salesVerdictIsFilledOnlyForLeadsSalesContacted() {
        Set<String> contacted = new HashSet<>();
        for (String[] row : export.followUps.rows) {
            contacted.add(row[0]);
        }
        int verdicts = 0;
        for (String[] row : export.leads.rows) {
            if (value(row, export.leads.column("sales_verdict")) != null) {
                verdicts++;
                assertThat(contacted).contains(row[0]);
            }
        }
        assertThat(verdicts).isGreaterThan(100);
    }

    private static String form(String timestamp) {
        if (timestamp.length() == 10) {
            return "date";
        }
        if (timestamp.endsWith("Z")) {
            return timestamp.contains(".") ? "utc-millis" : "utc";
        }
        return timestamp.length() > 19 ? "offset" : "no-offset";
    }

    private static <E extends Enum<E>> void assertColumnValues(CsvTable table, String column, E[] values) {
        Set<String> wire = new HashSet<>();
        for (E value : values) {
            wire.add(value.name().toLowerCase(Locale.ROOT));
        }
        Set<String> seen = distinct(table, column);
        seen.remove(null);
        assertThat(wire).as(column).containsAll(seen);
    }

    private static Set<String> distinct(CsvTable table, String column) {
        Set<String> values = new HashSet<>();
        int c = table.column(column);
        for (String[] row : table.rows) {
            values.add(value(row, c));
        }
        return values;
    }

    private static boolean anyValue(CsvTable table, String column, java.util.function.Predicate<String> test) {
        int c = table.column(column);
        return table.rows.stream().map(row -> value(row, c)).anyMatch(v -> v != null && test.test(v));
    }

    private static double missingShare(CsvTable table, String column) {
        int c = table.column(column);
        return table.rows.stream().filter(row -> value(row, c) == null).count() / (double) table.rows.size();
    }
}
