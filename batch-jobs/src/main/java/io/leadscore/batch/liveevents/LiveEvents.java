package io.leadscore.batch.liveevents;

import io.leadscore.batch.leadimport.CrmItems;
import io.leadscore.batch.leadimport.ImportFileKind;
import io.leadscore.batch.rescoring.LiveScoring;
import io.leadscore.batch.stages.LeadStageEvents;
import io.leadscore.batch.stages.StageTransitionWriter;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LiveWrites;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.scoring.domain.FollowUpChannel;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.domain.Timestamps;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.scoring.Grade;
import io.leadscore.scoring.stages.LeadStage;
import io.leadscore.scoring.stages.StageDecision;
import io.leadscore.scoring.stages.StageEngine;
import io.leadscore.scoring.stages.StageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live lead flow (docs/events.md): a request's items are validated
 * and written as the import writes rows ({@link CrmItems}), its follow-ups and
 * deals move their leads by the stage engine, and every lead it touched is
 * rescored at once from its engagement state with the champion
 * ({@link LiveScoring}) and moved across the MQL threshold — all in one
 * transaction, committed before the caller answers. A follow-up recorded by
 * a rep in the console is the same kind of item.
 *
 * <p>Requests and the nightly run may write the same lead at once (on
 * PostgreSQL, from different processes): rows are locked in ascending lead id
 * order by both, the later state by event time wins ({@link LiveScoring}), and
 * the run reads its activity high mark only while no request is in flight
 * ({@link LiveWrites}). Two requests that collide (the same new lead, a
 * deadlock) are run once more.
 */
@Component
public class LiveEvents {
    /** Items a request may hold. */
    public static final int MAX_ITEMS = 10_000;

    private final CrmItems items;
    private final LiveScoring scoring;
    private final StageTransitions transitions;
    private final PolicyStore policies;
    private final LiveWrites liveWrites;
    private final TransactionTemplate tx;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    public LiveEvents(CrmItems items, LiveScoring scoring, StageTransitions transitions, PolicyStore policies,
                      LiveWrites liveWrites, PlatformTransactionManager transactions, JdbcTemplate jdbc, Clock clock) {
        this.items = items;
        this.scoring = scoring;
        this.transitions = transitions;
        this.policies = policies;
        this.liveWrites = liveWrites;
        this.tx = new TransactionTemplate(transactions);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    /**
     * A touched lead as it stands after the request.
     *
     * @param leadId  the export's lead id
     * @param score   its score, or {@code null} when it was not scored (no champion; a closed lead)
     * @param grade   its grade, or {@code null}
     * @param stage   its stage
     * @param mqlAt   when it became an MQL, if it is one
     * @param dueAt   when its first follow-up is due, if it is an MQL
     * @param reasons the top reasons raising its score
     */
    public record LeadState(String leadId, Double score, Grade grade, Stage stage, Instant mqlAt, Instant dueAt,
                            List<String> reasons) {
        public LeadState {
            reasons = List.copyOf(reasons);
        }
    }

    /** What a request did; {@code ignored}: per kind other than leads, the fields no item of it takes. */
    public record Outcome(int accepted, int updated, int unchanged, List<CrmItems.Rejection> rejected, List<LeadState> leads,
                          Map<ImportFileKind, List<String>> ignored) {
        public Outcome {
            rejected = List.copyOf(rejected);
            leads = List.copyOf(leads);
            ignored = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ignored));
        }
    }

    /**
     * Writes a request's items, moves and rescores the leads they touch, and commits.
     *
     * @param actor who sent them ({@code events:<user>})
     */
    public Outcome ingest(Map<ImportFileKind, List<CrmItems.Item>> request, String actor) {
        return retried(() -> tx.execute(status -> {
            liveWrites.holdForTransaction();
            Instant now = clock.instant();
            Policy policy = policies.current();
            Set<Long> held = lockNamedLeads(request);
            CrmItems.Written written = items.write(request, policy, actor);
            applyStageEvents(written.stageEvents(), policy, now, actor);
            List<LeadState> leads = rescore(written.leads(), held, policy, now, actor);
            return new Outcome(written.accepted(), written.updated(), written.unchanged(), written.rejected(), leads, written.ignored());
        }));
    }

    /** The lead is not in the store. */
    public static final class UnknownLeadException extends RuntimeException {
        public UnknownLeadException(String leadId) {
            super("no lead '" + leadId + "'", null, false, false);
        }
    }

    /** The lead's stage does not take a follow-up (it has a deal). */
    public static final class StageRefusedException extends RuntimeException {
        public StageRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** A follow-up item that breaks the import contract (e.g. a channel not in its list). */
    public static final class InvalidFollowUpException extends RuntimeException {
        private final transient List<CrmItems.Rejection> problems;

        public InvalidFollowUpException(List<CrmItems.Rejection> problems) {
            super(problems.stream().map(p -> (p.field() == null ? "" : p.field() + ": ") + p.reason())
                    .reduce((a, b) -> a + "; " + b).orElse("invalid follow-up"), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<CrmItems.Rejection> problems() {
            return problems;
        }
    }

    /**
     * A rep's answer to a lead, now: recorded as a follow-up exactly as an imported one (same table, same keys,
     * same validation), applied by the stage rules, and the lead rescored.
     *
     * @param outcome the wire name of the outcome ({@code accepted}, {@code rejected}, …)
     * @param reason  why (a rejection reason such as {@code bad_fit}, or free text), or {@code null}
     * @param channel the wire name of the channel, or {@code null}
     * @param rep     the signed-in user
     * @throws UnknownLeadException   when no lead has the id
     * @throws StageRefusedException  when the lead's stage does not take a follow-up
     * @throws InvalidFollowUpException when the outcome, channel or reason breaks the contract
     */
    public LeadState followUp(String leadId, String outcome, String reason, String channel, String rep) {
        return retried(() -> tx.execute(status -> {
            liveWrites.holdForTransaction();
            Instant now = clock.instant();
            Policy policy = policies.current();
            Long id = idOf(leadId);
            if (id == null) {
                throw new UnknownLeadException(leadId);
            }
            LeadStage stage = transitions.lock(List.of(id)).get(id);
            FollowUpOutcome parsed = FollowUpOutcome.fromWire(outcome == null ? "" : outcome).orElse(null);
            if (parsed != null && StageEngine.decide(stage, new StageEvent.FollowedUp(parsed, reason, now), policy, now)
                    instanceof StageDecision.Refuse refused) {
                throw new StageRefusedException("lead '" + leadId + "' is at " + stage.stage() + ": " + refused.why());
            }
            if (parsed != null && sameAnswerAgain(id, rep, parsed, channel, reason, now)) {
                // a retry after a lost answer, or a second click: the answer stands once, and is answered again
                return rescore(List.of(id), Set.of(id), policy, now, "web:" + rep).get(0);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("lead_id", leadId);
            fields.put("occurred_at", Timestamps.format(now));
            fields.put("rep", rep);
            fields.put("channel", channel);
            fields.put("outcome", outcome);
            fields.put("reason", reason);
            Map<ImportFileKind, List<CrmItems.Item>> request = CrmItems.byKind();
            request.put(ImportFileKind.FOLLOWUPS, List.of(CrmItems.Item.of(fields)));
            String actor = "web:" + rep;
            CrmItems.Written written = items.write(request, policy, actor);
            if (!written.rejected().isEmpty()) {
                throw new InvalidFollowUpException(written.rejected());
            }
            applyStageEvents(written.stageEvents(), policy, now, actor);
            List<LeadState> leads = rescore(List.of(id), Set.of(id), policy, now, actor);
            return leads.get(0);
        }));
    }

    /** How long after a rep's answer the same answer again, by the same rep, is taken for a repeat of it. */
    public static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    /**
     * Whether the rep's latest answer to the lead, within {@link #REPEAT_WINDOW}, is this one: the same outcome,
     * channel and reason. Such a request is the same answer sent again (the client did not see the first reply, a
     * button was clicked twice), not a second follow-up.
     */
    private boolean sameAnswerAgain(long leadId, String rep, FollowUpOutcome outcome, String channel, String reason,
                                    Instant now) {
        List<Map<String, Object>> latest = named.queryForList("SELECT outcome, channel, reason FROM followup"
                        + " WHERE lead_id = :lead AND rep_key = :rep AND occurred_at >= :since"
                        + " ORDER BY occurred_at DESC, id DESC FETCH FIRST 1 ROWS ONLY",
                Map.of("lead", leadId, "rep", rep == null ? "" : rep, "since", Instants.utc(now.minus(REPEAT_WINDOW))));
        if (latest.isEmpty()) {
            return false;
        }
        Map<String, Object> row = latest.get(0);
        String channelName = channel == null ? null
                : FollowUpChannel.fromWire(channel.strip()).map(Enum::name).orElse(null);
        String reasonText = reason == null || reason.isBlank() ? null : reason.strip();
        // the row's map finds a column whatever case the store gives its name (Spring's column map)
        return outcome.name().equals(row.get("outcome")) && Objects.equals(channelName, row.get("channel"))
                && Objects.equals(reasonText, row.get("reason"));
    }

    private void applyStageEvents(List<LeadStageEvents> events, Policy policy, Instant now, String actor) {
        if (!events.isEmpty()) {
            new StageTransitionWriter(transitions, policy, now, actor, StageTransitions.LIVE_RUN).write(new Chunk<>(events));
        }
    }

    /**
     * Rescores the leads (in the order given) and reads what the caller is answered.
     *
     * @param held the leads this transaction locked before its writes; the others (new leads, or leads another
     *             writer stored meanwhile) are locked now, and the stages of all are read as the writes left them
     */
    private List<LeadState> rescore(List<Long> leads, Set<Long> held, Policy policy, Instant now, String actor) {
        if (leads.isEmpty()) {
            return List.of();
        }
        List<Long> ascending = leads.stream().sorted().toList();
        Map<Long, LeadStage> locked = transitions.lockOthers(ascending, held);
        Map<Long, LiveScoring.LiveScore> scores = scoring.rescore(ascending, locked, policy, now, actor);
        Map<Long, LeadState> states = new HashMap<>();
        // an MQL's reasons are the sales queue's: the rule that made it one, then the reasons raising its score
        named.query("SELECT l.id, l.lead_key, l.stage, l.mql_at, s.score, s.grade, " + SalesQueue.MQL_REASON
                + " AS why FROM lead l"
                + " LEFT JOIN lead_score s ON s.lead_id = l.id WHERE l.id IN (:ids)", Map.of("ids", ascending), rs -> {
                    long id = rs.getLong(1);
                    Stage stage = Stage.valueOf(rs.getString(3));
                    Instant mqlAt = stage == Stage.MQL ? Instants.read(rs, 4) : null;
                    LiveScoring.LiveScore live = scores.get(id);
                    double score = rs.getDouble(5);
                    Double stored = rs.wasNull() ? null : score;
                    String grade = rs.getString(6);
                    // no champion yet: the lead is stored and answered without a score (boxed, so that none stays none)
                    states.put(id, new LeadState(rs.getString(2), live != null ? Double.valueOf(live.score()) : stored,
                            live != null ? live.grade() : grade == null ? null : Grade.valueOf(grade.strip()), stage,
                            mqlAt, mqlAt == null ? null : policy.slaDueAt(mqlAt),
                            mqlAt != null && rs.getString(7) != null ? StageEngine.reasonsOf(rs.getString(7))
                                    : live != null ? live.reasons() : List.of()));
                });
        List<LeadState> out = new ArrayList<>(leads.size());
        for (Long id : leads) {
            out.add(states.get(id));
        }
        return out;
    }

    /**
     * Locks, in ascending id order, the stored leads the request names (before any of them is written).
     *
     * @return the store ids locked
     */
    private Set<Long> lockNamedLeads(Map<ImportFileKind, List<CrmItems.Item>> request) {
        Set<String> keys = new LinkedHashSet<>();
        for (List<CrmItems.Item> list : request.values()) {
            for (CrmItems.Item item : list) {
                for (Map.Entry<String, String> f : item.fields().entrySet()) {
                    if ("lead_id".equalsIgnoreCase(f.getKey().strip()) && f.getValue() != null && !f.getValue().isBlank()
                            && f.getValue().strip().length() <= io.leadscore.scoring.domain.Lead.MAX_ID_LENGTH) {
                        keys.add(f.getValue().strip());
                    }
                }
            }
        }
        if (keys.isEmpty()) {
            return Set.of();
        }
        List<Long> ids = new ArrayList<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 1_000) {
            ids.addAll(named.queryForList("SELECT id FROM lead WHERE lead_key IN (:keys)",
                    Map.of("keys", all.subList(from, Math.min(all.size(), from + 1_000))), Long.class));
        }
        long[] sorted = ids.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return transitions.lock(Arrays.stream(sorted).boxed().toList()).keySet();
    }

    private Long idOf(String leadId) {
        List<Long> ids = named.queryForList("SELECT id FROM lead WHERE lead_key = :key", Map.of("key", leadId),
                Long.class);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Attempts of a request's transaction that collided with another writer, the first included. */
    static final int ATTEMPTS = 4;

    /**
     * Runs the transaction, and again (up to {@value #ATTEMPTS} attempts, after a short, growing and jittered pause)
     * while it collides with another writer: two requests that brought the same new lead (the second sees it stored
     * the next time), a deadlock the store broke, a lock the embedded store gave up waiting for. The last collision
     * is thrown: a {@link TransientDataAccessException} the web layer answers with 503 and a time to retry after.
     */
    static <T> T retried(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (DuplicateKeyException | TransientDataAccessException collided) {
                if (attempt >= ATTEMPTS) {
                    throw collided instanceof TransientDataAccessException transientFailure ? transientFailure
                            : new ConcurrencyFailureException("the request collided " + ATTEMPTS
                            + " times with others storing the same items", collided);
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        long millis = (long) ((10L << attempt) * (0.5 + ThreadLocalRandom.current().nextDouble()));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrencyFailureException("interrupted while waiting to try the request again", e);
        }
    }
}
