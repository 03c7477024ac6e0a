package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.explain.Explanation;
import io.leadscore.scoring.explain.Reason;
import io.leadscore.scoring.features.EngagementState;
import io.leadscore.scoring.features.FeaturePhrases;
import io.leadscore.scoring.scoring.Grade;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Scores a chunk of open leads and writes what came of it, all in the chunk's
 * transaction:
 * <ol>
 *   <li>leads without a usable engagement state get their earlier history in
 *       one set-based read for the whole chunk;</li>
 *   <li>each lead's state is rolled forward to the run's as-of time with only
 *       the activities it has not seen, and its vector is written into one
 *       block of rows;</li>
 *   <li>the block is scored with the compiled scorer's batch call;</li>
 *   <li>one score-history row per lead (keyed by run and lead), the lead's
 *       current score, state and watermark, and for each lead that became an
 *       MQL its stage, SLA clock and audit-trail row with the top reasons.</li>
 * </ol>
 *
 * <p>MQL rule: a LEAD becomes an MQL when its calibrated score reaches the
 * policy's threshold or it has shown a fast-track signal (demo request,
 * contact request, pricing question). A lead in NURTURE was returned by sales
 * or recycled; only a fast-track signal that occurred after it entered
 * nurture brings it back, so a rejected lead does not bounce back nightly on
 * its score. An MQL or a later stage is never demoted here. An MQL by score
 * qualified at the run's as-of time; an MQL by a fast-track signal qualified
 * when the signal happened, and its SLA clock starts then.
 */
class RescoreWriter implements ItemWriter<OpenLead>, StepExecutionListener {
    private static final ActivityType[] FAST_TRACK = {ActivityType.DEMO_REQUEST, ActivityType.CONTACT_REQUEST,
            ActivityType.PRICING_QUESTION};

    private final NamedParameterJdbcTemplate jdbc;
    private final ChampionModel champion;
    private final Instant asOf;
    private final long asOfMillis;
    private final FeaturePhrases phrases = new FeaturePhrases();
    private final EngagementState state;
    private final int width;
    private double[] rows = new double[0];
    private double[] scores = new double[0];
    private long runId;
    private OpenLeadReader reader;
    private RescoreProgress progress;

    RescoreWriter(NamedParameterJdbcTemplate jdbc, ChampionModel champion, Instant asOf) {
        this.jdbc = jdbc;
        this.champion = champion;
        this.asOf = asOf;
        this.asOfMillis = asOf.toEpochMilli();
        this.state = champion.extractor().newState(asOf);
        this.width = champion.artifact().schema().size();
    }

    /** Where the leads scored are counted for the progress line. */
    void progress(RescoreProgress progress) {
        this.progress = progress;
    }

    /** The reader of the same partition: its low mark bounds the per-chunk history reads. */
    void reader(OpenLeadReader reader) {
        this.reader = reader;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    /** The run the writes are recorded under, when no step tells it (the benchmark's plain-JDBC floor). */
    void runId(long runId) {
        this.runId = runId;
    }

    private record Scored(OpenLead lead, byte[] state, long watermark, Long pendingFrom, double score, Grade grade,
                          boolean becomesMql, Instant mqlAt, String why) {
    }

    @Override
    public void write(Chunk<? extends OpenLead> chunk) {
        List<? extends OpenLead> leads = chunk.getItems();
        int n = leads.size();
        if (rows.length < n * width) {
            rows = new double[n * width];
            scores = new double[n];
        }
        Map<Long, NewEvents> history = earlierHistory(leads);
        String settingsKey = champion.settingsKey();
        byte[][] states = new byte[n][];
        long[] watermarks = new long[n];
        Long[] pending = new Long[n];
        ActivityType[] fastTrack = new ActivityType[n];
        long[] fastTrackAt = new long[n];
        double[] x = new double[width];
        for (int i = 0; i < n; i++) {
            OpenLead lead = leads.get(i);
            boolean usable = lead.state() != null && settingsKey.equals(lead.stateSettings());
            long watermark;
            Long pendingFrom = null;
            ActivityType newFastTrack = null;
            long firstFastTrackAt = Long.MAX_VALUE;
            long enteredStage = lead.stageChangedAt() == null ? Long.MIN_VALUE : lead.stageChangedAt().toEpochMilli();
            if (usable) {
                state.readFrom(lead.state());
                usable = champion.extractor().accepts(state) && state.asOfMillis() <= asOfMillis;
            }
            NewEvents events = lead.events();
            if (usable) {
                long previousAsOf = state.asOfMillis();
                state.advanceTo(asOfMillis);
                watermark = lead.watermark();
                for (int e = 0; e < events.size(); e++) {
                    long id = events.id(e);
                    boolean offered = id > lead.watermark()
                            || lead.pendingFrom() != null && id >= lead.pendingFrom() && events.time(e) >= previousAsOf;
                    if (!offered) {
                        continue;
                    }
                    watermark = Math.max(watermark, id);
                    if (state.add(events.type(e), events.time(e))) {
                        if (events.type(e).isFastTrack() && events.time(e) > enteredStage
                                && events.time(e) < firstFastTrackAt) {
                            newFastTrack = events.type(e);
                            firstFastTrackAt = events.time(e);
                        }
                    } else {
                        pendingFrom = pendingFrom == null ? id : Math.min(pendingFrom, id);
                    }
                }
            } else {
                champion.extractor().resetState(state, asOfMillis);
                watermark = 0;
                NewEvents earlier = history.getOrDefault(lead.id(), NewEvents.NONE);
                for (NewEvents source : new NewEvents[] {earlier, events}) {
                    for (int e = 0; e < source.size(); e++) {
                        watermark = Math.max(watermark, source.id(e));
                        if (state.add(source.type(e), source.time(e))) {
                            if (source.type(e).isFastTrack() && source.time(e) > enteredStage
                                    && source.time(e) < firstFastTrackAt) {
                                newFastTrack = source.type(e);
                                firstFastTrackAt = source.time(e);
                            }
                        } else {
                            pendingFrom = pendingFrom == null ? source.id(e) : Math.min(pendingFrom, source.id(e));
                        }
                    }
                }
            }
            if (reader != null) {
                watermark = Math.max(watermark, reader.highMark());
            }
            champion.extractor().extractInto(lead.lead(), state, asOfMillis, x);
            System.arraycopy(x, 0, rows, i * width, width);
            states[i] = state.toBytes();
            watermarks[i] = watermark;
            pending[i] = pendingFrom;
            fastTrack[i] = lead.stage() == Stage.LEAD && newFastTrack == null ? seenFastTrack(state) : newFastTrack;
            fastTrackAt[i] = firstFastTrackAt;
        }

        champion.scorer().scoreBatch(rows, n, scores);
        if (progress != null) {
            progress.scored(n);
        }

        List<Scored> scored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            OpenLead lead = leads.get(i);
            double score = scores[i];
            Grade grade = champion.scorer().grade(score);
            boolean byScore = lead.stage() == Stage.LEAD && score >= champion.threshold();
            boolean becomesMql = byScore
                    || (lead.stage() == Stage.LEAD || lead.stage() == Stage.NURTURE) && fastTrack[i] != null;
            String why = becomesMql ? why(i, score, byScore ? null : fastTrack[i]) : null;
            // a fast-track signal starts the SLA clock when it happened, not when the nightly run saw it
            Instant mqlAt = !byScore && fastTrackAt[i] != Long.MAX_VALUE ? Instant.ofEpochMilli(fastTrackAt[i]) : asOf;
            scored.add(new Scored(lead, states[i], watermarks[i], pending[i], score, grade, becomesMql, mqlAt, why));
        }
        write(scored);
    }

    private static ActivityType seenFastTrack(EngagementState state) {
        for (ActivityType type : FAST_TRACK) {
            if (state.seen(type)) {
                return type;
            }
        }
        return null;
    }

    /** The reason recorded with an MQL move: the rule that fired, then the top reasons raising the score. */
    private String why(int row, double score, ActivityType fastTrack) {
        double[] x = new double[width];
        System.arraycopy(rows, row * width, x, 0, width);
        Explanation explanation = champion.explainer().explain(x, phrases);
        StringBuilder out = new StringBuilder();
        if (fastTrack == null) {
            out.append(String.format(Locale.ROOT, "score %.3f reached the MQL threshold %.3f", score, champion.threshold()));
        } else {
            out.append(String.format(Locale.ROOT, "fast-track: %s (score %.3f)", fastTrack.wireName().replace('_', ' '),
                    score));
        }
        List<Reason> raising = explanation.raising();
        if (!raising.isEmpty()) {
            out.append(": ");
            for (int i = 0; i < raising.size(); i++) {
                if (i > 0) {
                    out.append("; ");
                }
                out.append(raising.get(i).phrase());
            }
        }
        return out.toString();
    }

    /** Activities below the reader's low mark, for the leads of the chunk whose state must be built anew. */
    private Map<Long, NewEvents> earlierHistory(List<? extends OpenLead> leads) {
        String settingsKey = champion.settingsKey();
        List<Long> rebuild = new ArrayList<>();
        for (OpenLead lead : leads) {
            if (lead.state() == null || !settingsKey.equals(lead.stateSettings())) {
                rebuild.add(lead.id());
            }
        }
        Map<Long, NewEvents> history = new HashMap<>();
        if (rebuild.isEmpty()) {
            return history;
        }
        long mark = reader == null ? Long.MAX_VALUE : reader.lowMark();
        // the chunk's leads are consecutive in id order: one range read (a long IN list is re-checked row by row)
        java.util.Set<Long> wanted = new java.util.HashSet<>(rebuild);
        MapSqlParameterSource params = new MapSqlParameterSource("from", rebuild.get(0))
                .addValue("to", rebuild.get(rebuild.size() - 1)).addValue("mark", mark);
        jdbc.query("SELECT lead_id, id, occurred_at, type FROM activity WHERE lead_id BETWEEN :from AND :to AND id <= :mark",
                params, rs -> {
                    long lead = rs.getLong(1);
                    if (wanted.contains(lead)) {
                        history.computeIfAbsent(lead, k -> new NewEvents())
                                .add(rs.getLong(2), Instants.read(rs, 3).toEpochMilli(), rs.getInt(4));
                    }
                });
        return history;
    }

    private void write(List<Scored> scored) {
        var template = jdbc.getJdbcTemplate();
        template.batchUpdate("INSERT INTO score_history (run_id, lead_id, score, grade) VALUES (?, ?, ?, ?)",
                scored, scored.size(), (ps, s) -> {
                    ps.setLong(1, runId);
                    ps.setLong(2, s.lead().id());
                    ps.setDouble(3, s.score());
                    ps.setString(4, s.grade().name());
                });
        List<Scored> updates = new ArrayList<>(scored.size());
        List<Scored> inserts = new ArrayList<>();
        for (Scored s : scored) {
            (s.lead().stateSettings() == null ? inserts : updates).add(s);
        }
        String settingsKey = champion.settingsKey();
        template.batchUpdate("UPDATE lead_score SET score = ?, grade = ?, scored_at = ?, run_id = ?, model_version = ?,"
                        + " reasons = COALESCE(?, reasons), features_as_of = ?, features_settings = ?, activity_watermark = ?,"
                        + " pending_from = ?, features = ? WHERE lead_id = ?",
                updates, updates.size(), (ps, s) -> {
                    ps.setDouble(1, s.score());
                    ps.setString(2, s.grade().name());
                    Instants.bind(ps, 3, asOf);
                    ps.setLong(4, runId);
                    ps.setString(5, champion.version());
                    ps.setString(6, s.why());
                    Instants.bind(ps, 7, asOf);
                    ps.setString(8, settingsKey);
                    ps.setLong(9, s.watermark());
                    if (s.pendingFrom() == null) {
                        ps.setNull(10, Types.BIGINT);
                    } else {
                        ps.setLong(10, s.pendingFrom());
                    }
                    ps.setBytes(11, s.state());
                    ps.setLong(12, s.lead().id());
                });
        template.batchUpdate("INSERT INTO lead_score (score, grade, scored_at, run_id, model_version, reasons,"
                        + " features_as_of, features_settings, activity_watermark, pending_from, features, lead_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserts, inserts.size(), (ps, s) -> {
                    ps.setDouble(1, s.score());
                    ps.setString(2, s.grade().name());
                    Instants.bind(ps, 3, asOf);
                    ps.setLong(4, runId);
                    ps.setString(5, champion.version());
                    ps.setString(6, s.why());
                    Instants.bind(ps, 7, asOf);
                    ps.setString(8, settingsKey);
                    ps.setLong(9, s.watermark());
                    if (s.pendingFrom() == null) {
                        ps.setNull(10, Types.BIGINT);
                    } else {
                        ps.setLong(10, s.pendingFrom());
                    }
                    ps.setBytes(11, s.state());
                    ps.setLong(12, s.lead().id());
                });
        List<Scored> mqls = new ArrayList<>();
        for (Scored s : scored) {
            if (s.becomesMql()) {
                mqls.add(s);
            }
        }
        if (!mqls.isEmpty()) {
            String actor = "rescore #" + runId;
            template.batchUpdate("UPDATE lead SET stage = 'MQL', stage_changed_at = ?, mql_at = ?, sla_state = 'OPEN'"
                    + " WHERE id = ?", mqls, mqls.size(), (ps, s) -> {
                        Instants.bind(ps, 1, s.mqlAt());
                        Instants.bind(ps, 2, s.mqlAt());
                        ps.setLong(3, s.lead().id());
                    });
            template.batchUpdate("INSERT INTO stage_transition (lead_id, from_stage, to_stage, occurred_at, reason, actor,"
                    + " run_id) VALUES (?, ?, 'MQL', ?, ?, ?, ?)", mqls, mqls.size(), (ps, s) -> {
                        ps.setLong(1, s.lead().id());
                        ps.setString(2, s.lead().stage().name());
                        Instants.bind(ps, 3, s.mqlAt());
                        ps.setString(4, s.why());
                        ps.setString(5, actor);
                        ps.setLong(6, runId);
                    });
        }
    }
}
