package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.ActivityRow;
import io.leadscore.batch.leadimport.ImportRows.DealRow;
import io.leadscore.batch.leadimport.ImportRows.FollowUpRow;
import io.leadscore.batch.leadimport.ImportRows.LeadRow;
import io.leadscore.batch.stages.LeadStageEvents;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.StoreDialect;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.Timestamps;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.StageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rows of the import contract arriving one request at a time (the live
 * event flow) rather than as files: each item is checked by the very
 * validators that check a CSV row ({@link LeadRowValidator} and its three
 * siblings), and the good ones are written by the import's writers, with the
 * same keys — an item already stored with the same values changes nothing.
 * One bad item never loses a good one.
 *
 * <p>Runs inside the caller's transaction; it writes rows and the arrival of
 * new leads, and hands back the follow-ups and deals it wrote as stage events
 * for the caller to apply (with the rescoring that follows, in the same
 * transaction).
 */
@Component
public class CrmItems {
    private final JdbcTemplate jdbc;
    private final StoreDialect dialect;
    private final Clock clock;
    private final StageTransitions transitions;

    public CrmItems(JdbcTemplate jdbc, StoreDialect dialect, Clock clock, StageTransitions transitions) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.clock = clock;
        this.transitions = transitions;
    }

    /**
     * One item as it arrived: its fields by name (values as text; {@code null} for an absent or null value) and
     * what is wrong with its shape already (the item is no object; a value is an object, a list or a boolean).
     */
    public record Item(Map<String, String> fields, List<RowProblem> shapeProblems) {
        public Item {
            fields = new LinkedHashMap<>(fields);
            shapeProblems = List.copyOf(shapeProblems);
        }

        public static Item of(Map<String, String> fields) {
            return new Item(fields, List.of());
        }

        /** The lead the item names (its {@code lead_id}, trimmed), or {@code null} when it names none. */
        String leadId() {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                if ("lead_id".equalsIgnoreCase(f.getKey().strip()) && f.getValue() != null && !f.getValue().isBlank()) {
                    return f.getValue().strip();
                }
            }
            return null;
        }
    }

    /** A problem of one item: which array, which item (from 0), which field ({@code null}: the item as a whole). */
    public record Rejection(ImportFileKind kind, int index, String field, String reason) {
    }

    /**
     * What a request wrote.
     *
     * @param accepted    items stored new or changed
     * @param updated     of the accepted, those that changed a stored item (a lead sent again with other values)
     * @param unchanged   valid items the store held already with the same values
     * @param rejected    every problem of every refused item, in request order
     * @param leads       the store ids of the leads the valid items name, in the order they first appear
     * @param stageEvents the follow-ups and deals written, as stage events per lead (ascending ids, time order)
     * @param ignored     per kind other than leads, the fields no item of that kind takes, as an import names a
     *                    file's extra columns (a lead's other fields are its custom attributes)
     */
    public record Written(int accepted, int updated, int unchanged, List<Rejection> rejected, List<Long> leads,
                          List<LeadStageEvents> stageEvents, Map<ImportFileKind, List<String>> ignored) {
        public Written {
            ignored = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ignored));
            rejected = List.copyOf(rejected);
            leads = List.copyOf(leads);
            stageEvents = List.copyOf(stageEvents);
        }
    }

    /**
     * Validates and writes the items, leads first (the others may name them), in the caller's transaction.
     *
     * @param policy the policy in force (a new lead's arrival is decided by the stage engine)
     * @param actor  who sent them, for the audit trail of new leads (e.g. {@code events:crm})
     */
    public Written write(Map<ImportFileKind, List<Item>> items, Policy policy, String actor) {
        Tally tally = new Tally();
        List<Item> leadItems = items.getOrDefault(ImportFileKind.LEADS, List.of());
        Map<String, Integer> refusedLeads = new java.util.HashMap<>();
        if (!leadItems.isEmpty()) {
            Parsed<LeadRow> leads = validate(ImportFileKind.LEADS, leadItems,
                    header -> new LeadRowValidator(header, RowPlace.ITEM), tally);
            LeadWriter writer = new LeadWriter(jdbc, clock, true, transitions, policy);
            writer.actor(actor);
            tally.count(writer.writeLive(inKeyOrder(leads.rows, Comparator.comparing((LeadRow r) -> r.lead().leadId())),
                    StageTransitions.LIVE_RUN));
            tally.updated += writer.updated();
            for (LeadRow row : leads.rows) {
                tally.leadKeys.add(row.lead().leadId());
            }
            for (Rejection r : tally.rejected) {
                String key = r.kind() == ImportFileKind.LEADS ? leadItems.get(r.index()).leadId() : null;
                if (key != null && !tally.leadKeys.contains(key)) {
                    refusedLeads.putIfAbsent(key, r.index());
                }
            }
        }
        Map<String, Long> ids = leadIds(items, tally.leadKeys);
        LeadKeyIndex index = LeadKeyIndex.of(ids, refusedLeads);

        List<Item> activityItems = items.getOrDefault(ImportFileKind.ACTIVITIES, List.of());
        if (!activityItems.isEmpty()) {
            Parsed<ActivityRow> activities = validate(ImportFileKind.ACTIVITIES, activityItems,
                    header -> new ActivityRowValidator(header, index), tally);
            tally.count(new ActivityWriter(jdbc, dialect).writeLive(inKeyOrder(activities.rows,
                    Comparator.comparingLong(ActivityRow::leadId).thenComparing(ActivityRow::occurredAt)
                            .thenComparing(ActivityRow::type).thenComparing(r -> r.detail() == null ? "" : r.detail()))));
            activities.rows.forEach(r -> tally.leadIds.add(r.leadId()));
        }
        Map<Long, List<Event>> events = new TreeMap<>();
        List<Item> dealItems = items.getOrDefault(ImportFileKind.DEALS, List.of());
        if (!dealItems.isEmpty()) {
            Parsed<DealRow> deals = validate(ImportFileKind.DEALS, dealItems,
                    header -> new DealRowValidator(header, index, RowPlace.ITEM, new StoredDeals(jdbc)), tally);
            deals.rows.forEach(d -> tally.leadIds.add(d.leadId()));
            List<DealRow> written = inKeyOrder(deals.rows, Comparator.comparing(DealRow::dealKey));
            DealWriter writer = new DealWriter(jdbc, clock, true);
            boolean[] changed = writer.writeLive(written, StageTransitions.LIVE_RUN);
            tally.count(changed);
            tally.updated += writer.updated();
            for (int i = 0; i < written.size(); i++) {
                DealRow d = written.get(i);
                if (changed[i]) {
                    List<Event> lead = events.computeIfAbsent(d.leadId(), k -> new ArrayList<>());
                    lead.add(new Event(d.createdAt(), 1, d.dealKey(), new StageEvent.DealOpened(d.dealKey(), d.createdAt())));
                    if (d.status() != DealStatus.OPEN) {
                        lead.add(new Event(d.closedAt(), 2, d.dealKey(),
                                new StageEvent.DealClosed(d.dealKey(), d.status(), d.closedAt())));
                    }
                }
            }
        }
        List<Item> followUpItems = items.getOrDefault(ImportFileKind.FOLLOWUPS, List.of());
        if (!followUpItems.isEmpty()) {
            Parsed<FollowUpRow> followUps = validate(ImportFileKind.FOLLOWUPS, followUpItems,
                    header -> new FollowUpRowValidator(header, index, RowPlace.ITEM), tally);
            followUps.rows.forEach(f -> tally.leadIds.add(f.leadId()));
            List<FollowUpRow> written = inKeyOrder(followUps.rows,
                    Comparator.comparingLong(FollowUpRow::leadId).thenComparing(FollowUpRow::occurredAt));
            FollowUpWriter writer = new FollowUpWriter(jdbc, clock, true);
            boolean[] changed = writer.writeLive(written, StageTransitions.LIVE_RUN);
            tally.count(changed);
            tally.updated += writer.updated();
            for (int i = 0; i < written.size(); i++) {
                FollowUpRow f = written.get(i);
                if (changed[i]) {
                    events.computeIfAbsent(f.leadId(), k -> new ArrayList<>()).add(new Event(f.occurredAt(), 0,
                            f.reason() == null ? "" : f.reason(),
                            new StageEvent.FollowedUp(f.outcome(), f.reason(), f.occurredAt())));
                }
            }
        }
        List<LeadStageEvents> stageEvents = new ArrayList<>();
        // the order of the import's stage step: by time, follow-ups before deals opened before deals closed
        Comparator<Event> order = Comparator.comparing(Event::at).thenComparingInt(Event::source)
                .thenComparing(Event::detail);
        events.forEach((lead, list) -> {
            list.sort(order);
            stageEvents.add(new LeadStageEvents(lead, list.stream().map(Event::event).toList()));
        });
        List<Long> leads = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (String key : tally.leadKeys) {
            Long id = ids.get(key);
            if (id != null && seen.add(id)) {
                leads.add(id);
            }
        }
        for (Long id : tally.leadIds) {
            if (seen.add(id)) {
                leads.add(id);
            }
        }
        tally.rejected.sort(Comparator.comparing(Rejection::kind).thenComparingInt(Rejection::index));
        return new Written(tally.accepted, tally.updated, tally.unchanged, tally.rejected, leads, stageEvents, tally.ignored);
    }

    private record Event(Instant at, int source, String detail, StageEvent event) {
    }

    private static final class Tally {
        int accepted;
        int updated;
        int unchanged;
        final List<Rejection> rejected = new ArrayList<>();
        final Set<String> leadKeys = new LinkedHashSet<>();
        final Set<Long> leadIds = new LinkedHashSet<>();
        final Map<ImportFileKind, List<String>> ignored = new java.util.LinkedHashMap<>();

        void count(boolean[] changed) {
            for (boolean c : changed) {
                if (c) {
                    accepted++;
                } else {
                    unchanged++;
                }
            }
        }
    }

    private record Parsed<T>(List<T> rows) {
    }

    /**
     * The rows in the order they are written: by their keys (stable, so repeats of one key keep theirs). Two
     * requests that bring the same new rows in other orders then take their locks in one order and wait for each
     * other, instead of each holding what the other needs (a deadlock the embedded store waits out row by row). The
     * answer keeps the request's order.
     */
    private static <T> List<T> inKeyOrder(List<T> rows, Comparator<T> byKey) {
        List<T> sorted = new ArrayList<>(rows);
        sorted.sort(byKey);
        return sorted;
    }

    /**
     * Runs each item through the kind's validator, as a row of a file whose header holds every contract column of
     * the kind and every other key any item carries.
     */
    private <T> Parsed<T> validate(ImportFileKind kind, List<Item> items,
                                   java.util.function.Function<CsvHeader, ItemProcessor<CsvRecord, T>> validators,
                                   Tally tally) {
        List<String> others = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>(kind.knownColumns());
        for (Item item : items) {
            for (String name : item.fields().keySet()) {
                String key = CsvHeader.key(name);
                if (names.add(key)) {
                    others.add(name.strip());
                }
            }
        }
        if (kind != ImportFileKind.LEADS && !others.isEmpty()) {
            tally.ignored.put(kind, List.copyOf(others));
        }
        CsvHeader header = CsvHeader.forItem(kind, others);
        ItemProcessor<CsvRecord, T> validator = validators.apply(header);
        Instant taken = clock.instant();
        List<T> rows = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            int at = i;
            List<Rejection> problems = new ArrayList<>();
            item.shapeProblems().forEach(p -> problems.add(new Rejection(kind, at, p.column(), p.reason())));
            if (item.shapeProblems().stream().anyMatch(p -> p.column() == null)) {
                tally.rejected.addAll(problems);
                continue;
            }
            String[] values = new String[header.size()];
            java.util.Arrays.fill(values, "");
            Map<String, String> firstName = new HashMap<>();
            for (Map.Entry<String, String> field : item.fields().entrySet()) {
                String key = CsvHeader.key(field.getKey());
                String previous = firstName.putIfAbsent(key, field.getKey());
                if (previous != null) {
                    problems.add(new Rejection(kind, i, field.getKey(), "the item names '" + previous + "' and '"
                            + field.getKey() + "': one field given twice"));
                    continue;
                }
                values[header.indexOf(key)] = field.getValue() == null ? "" : field.getValue();
            }
            T row = null;
            try {
                row = validator.process(new CsvRecord(i, values, null, i, null, 0));
            } catch (RowRejectedException e) {
                // a field the item's shape refused already (a list, a lone surrogate) reads as empty here: its
                // "missing value" would be a second reason for the one flaw
                Set<String> refused = new java.util.HashSet<>();
                item.shapeProblems().forEach(p -> refused.add(CsvHeader.key(p.column())));
                for (RowProblem p : e.problems()) {
                    if (p.column() == null || !refused.contains(CsvHeader.key(p.column()))) {
                        problems.add(new Rejection(kind, i, p.column(), p.reason()));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot validate " + kind.label() + " item " + i + ": " + e.getMessage(), e);
            }
            if (problems.isEmpty()) {
                fromTheFuture(kind, i, item, taken).ifPresent(problems::add);
            }
            if (problems.isEmpty()) {
                rows.add(row);
            } else {
                tally.rejected.addAll(problems);
            }
        }
        return new Parsed<>(rows);
    }

    /**
     * How far after the moment a request is taken an event's time may lie: the clocks of the systems that send them
     * differ by a little, but an event is sent when it happens. A file imported later may hold any time the contract
     * takes; a live event from the future would date an MQL, its SLA clock or a rejection after now.
     */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final List<String> TIME_FIELDS = List.of("created_at", "occurred_at", "closed_at");

    /** The item's first time later than {@link #CLOCK_SKEW} after {@code taken}, as a rejection. */
    private static java.util.Optional<Rejection> fromTheFuture(ImportFileKind kind, int index, Item item, Instant taken) {
        Instant latest = taken.plus(CLOCK_SKEW);
        for (Map.Entry<String, String> field : item.fields().entrySet()) {
            String value = field.getValue();
            if (value == null || value.isBlank() || !TIME_FIELDS.contains(CsvHeader.key(field.getKey()))) {
                continue;
            }
            Instant at;
            try {
                at = Timestamps.parse(value.strip());
            } catch (RuntimeException e) {
                continue; // the validator judged the value already
            }
            if (at.isAfter(latest)) {
                return java.util.Optional.of(new Rejection(kind, index, field.getKey(), "'" + value.strip()
                        + "' lies after the moment this request was taken (" + Timestamps.format(taken)
                        + ") by more than " + CLOCK_SKEW.toMinutes() + " minutes: an event is sent when it"
                        + " happens; a time without an offset is read as UTC, so give the sender's offset"));
            }
        }
        return java.util.Optional.empty();
    }

    /** The store ids of every lead the items name: the request's own leads (written by now) and the store's. */
    private Map<String, Long> leadIds(Map<ImportFileKind, List<Item>> items, Set<String> requestLeads) {
        Set<String> keys = new LinkedHashSet<>(requestLeads);
        for (ImportFileKind kind : List.of(ImportFileKind.ACTIVITIES, ImportFileKind.DEALS, ImportFileKind.FOLLOWUPS)) {
            for (Item item : items.getOrDefault(kind, List.of())) {
                for (Map.Entry<String, String> field : item.fields().entrySet()) {
                    if (CsvHeader.key(field.getKey()).equals("lead_id") && field.getValue() != null
                            && !field.getValue().isBlank()) {
                        keys.add(field.getValue().strip());
                    }
                }
            }
        }
        Map<String, Long> ids = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        for (int from = 0; from < all.size(); from += 1_000) {
            named.query("SELECT lead_key, id FROM lead WHERE lead_key IN (:keys)",
                    Map.of("keys", all.subList(from, Math.min(all.size(), from + 1_000))),
                    rs -> {
                        ids.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return ids;
    }

    /** Kinds in the order they are written. */
    public static Map<ImportFileKind, List<Item>> byKind() {
        return new EnumMap<>(ImportFileKind.class);
    }
}
