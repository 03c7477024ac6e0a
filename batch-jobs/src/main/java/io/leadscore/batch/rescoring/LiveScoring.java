package io.leadscore.batch.rescoring;

import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.StoreDialect;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.scoring.Grade;
import io.leadscore.scoring.stages.LeadStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rescores a few leads at once, for the live event flow, exactly as the
 * nightly run would at that instant: each lead's stored engagement state is
 * rolled forward with the activities it has not seen ({@link RescoreProcessor},
 * the nightly job's own processor), scored with the champion's compiled
 * scorer, and moved by the stage engine; the writes are the nightly writer's
 * ({@link RescoreWriter}), so the state a live event leaves is the one the
 * next night rolls forward from. Runs in the caller's transaction, which has
 * locked the leads' rows ({@link StageTransitions#lock}).
 */
@Component
public class LiveScoring {
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ModelRegistry registry;
    private final ChampionModels champions;
    private final StageTransitions transitions;
    private final StoreDialect dialect;

    LiveScoring(JdbcTemplate jdbc, ModelRegistry registry, ChampionModels champions, StageTransitions transitions,
                StoreDialect dialect) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.registry = registry;
        this.champions = champions;
        this.transitions = transitions;
        this.dialect = dialect;
    }

    /**
     * A lead's new score.
     *
     * @param leadId  store id
     * @param score   calibrated score
     * @param grade   its grade
     * @param reasons the top reasons raising it, as phrases
     * @param moved   whether the score moved the lead's stage (to MQL)
     */
    public record LiveScore(long leadId, double score, Grade grade, List<String> reasons, boolean moved) {
        public LiveScore {
            reasons = List.copyOf(reasons);
        }
    }

    /** The champion's version, if there is one. */
    public Optional<String> championVersion() {
        return registry.champion().map(ModelRecord::version);
    }

    /**
     * Rescores the open leads among the given ones as of {@code asOf} and stores what the nightly writer stores,
     * moves included.
     *
     * @param leadIds store ids; closed leads (won, lost) are passed over, as the nightly run passes them
     * @param locked  the leads' stages read under their row locks
     * @param actor   who the audit trail names for the moves
     * @return the scores by store id; empty when there is no champion
     */
    public Map<Long, LiveScore> rescore(List<Long> leadIds, Map<Long, LeadStage> locked, Policy policy, Instant asOf,
                                        String actor) {
        Optional<String> version = championVersion();
        if (version.isEmpty() || leadIds.isEmpty()) {
            return Map.of();
        }
        ChampionModel champion = champions.get(version.get(), policy.mqlThreshold());
        List<OpenLead> leads = read(leadIds, champion.settingsKey(), asOf);
        RescoreProcessor processor = new RescoreProcessor(champion, policy, asOf, true);
        List<ScoredLead> scored = new ArrayList<>(leads.size());
        Map<Long, List<String>> reasons = new HashMap<>();
        for (OpenLead lead : leads) {
            ScoredLead s = processor.process(lead);
            scored.add(s);
            reasons.put(s.leadId(), processor.reasons());
        }
        RescoreWriter writer = new RescoreWriter(jdbc, transitions, champion, asOf, null, dialect, false);
        writer.runId(StageTransitions.LIVE_RUN);
        writer.actor(actor);
        writer.write(scored, locked);
        Map<Long, LiveScore> out = new HashMap<>();
        for (ScoredLead s : scored) {
            out.put(s.leadId(), new LiveScore(s.leadId(), s.score(), s.grade(), reasons.get(s.leadId()), s.move() != null));
        }
        return out;
    }

    /** The open leads among the ids, with their stored states and the activities each has not seen. */
    private List<OpenLead> read(List<Long> leadIds, String settingsKey, Instant asOf) {
        List<OpenLead> leads = new ArrayList<>();
        Map<String, Object> ids = Map.of("ids", leadIds);
        named.query(OpenLeadReader.LEAD_AND_STATE + " WHERE l.id IN (:ids) AND " + OpenLeadReader.scored("l")
                + " ORDER BY l.id", ids, rs -> {
                    // the high mark is 0: a live read knows no store-wide mark (other requests' activities below the
                    // highest id may not be committed yet); each lead's watermark is the highest id it was offered
                    leads.add(OpenLeadReader.openLead(rs, rs.getLong(1), new NewEvents(), settingsKey, asOf, 0));
                });
        if (leads.isEmpty()) {
            return leads;
        }
        // what each lead has not seen: above its watermark (or from its first pending activity) when its state is
        // usable, its whole history otherwise
        Map<Long, Long> from = new HashMap<>();
        for (OpenLead lead : leads) {
            long mark = !lead.stateUsable() ? 0
                    : lead.pendingFrom() != null ? Math.min(lead.watermark(), lead.pendingFrom() - 1) : lead.watermark();
            from.put(lead.id(), mark);
        }
        // two reads, so that a lead with a long history does not send all of it for a few new events: the leads
        // that need their whole history, and the others from the lowest of their marks (each then from its own)
        Map<Long, NewEvents> events = new HashMap<>();
        List<Long> whole = new ArrayList<>();
        List<Long> recent = new ArrayList<>();
        long low = Long.MAX_VALUE;
        for (Map.Entry<Long, Long> e : from.entrySet()) {
            if (e.getValue() <= 0) {
                whole.add(e.getKey());
            } else {
                recent.add(e.getKey());
                low = Math.min(low, e.getValue());
            }
        }
        if (!whole.isEmpty()) {
            readActivities(whole, 0, from, events);
        }
        if (!recent.isEmpty()) {
            readActivities(recent, low, from, events);
        }
        List<OpenLead> out = new ArrayList<>(leads.size());
        for (OpenLead lead : leads) {
            NewEvents seen = events.getOrDefault(lead.id(), NewEvents.NONE);
            out.add(new OpenLead(lead.id(), lead.lead(), lead.stage(), lead.stageChangedAt(), lead.state(),
                    lead.stateSettings(), lead.stateUsable(), lead.watermark(), lead.pendingFrom(), seen, NewEvents.NONE,
                    0));
        }
        return out;
    }

    /** The activities of the leads above id {@code above}, each kept when it lies above its own lead's mark. */
    private void readActivities(List<Long> leadIds, long above, Map<Long, Long> from, Map<Long, NewEvents> events) {
        named.query("SELECT lead_id, id, occurred_at, type FROM activity WHERE lead_id IN (:ids) AND id > :above"
                + " ORDER BY lead_id, id", Map.of("ids", leadIds, "above", above), rs -> {
                    long lead = rs.getLong(1);
                    if (rs.getLong(2) > from.get(lead)) {
                        events.computeIfAbsent(lead, k -> new NewEvents())
                                .add(rs.getLong(2), Instants.read(rs, 3).toEpochMilli(), rs.getInt(4));
                    }
                });
    }
}
