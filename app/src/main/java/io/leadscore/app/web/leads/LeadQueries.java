package io.leadscore.app.web.leads;

import io.leadscore.app.web.NotFoundException;
import io.leadscore.batch.leads.LeadRecords;
import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Leads for the console and the API, as their views: the store's records
 * ({@link LeadRecords}) checked against what the web may ask and shown as the
 * pages and the API show them. E-mail addresses are read, searched and
 * returned only when the caller may see them.
 */
@Service
class LeadQueries {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** The latest events listed with a lead (the counts cover all of them). */
    static final int EVENTS_LISTED = 100;

    private final LeadRecords records;
    private final LiveReasons live;
    private final io.leadscore.batch.store.PolicyStore policies;
    private final Clock clock;

    LeadQueries(LeadRecords records, LiveReasons live, io.leadscore.batch.store.PolicyStore policies, Clock clock) {
        this.records = records;
        this.live = live;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Leads whose id or company (or e-mail, for those who may see it) contains the text, highest score first;
     * with no text, the highest-scored leads.
     *
     * @param stage only leads at this stage (wire name), or {@code null}
     */
    List<LeadViews.Row> search(String text, String stage, int limit, boolean withEmail) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("Invalid limit: " + limit + ", expected 1 to " + MAX_LIMIT);
        }
        Stage at = null;
        if (stage != null && !stage.isBlank()) {
            at = Stage.fromWire(stage).orElseThrow(() -> new InvalidInputException("Invalid stage: '" + stage
                    + "', expected one of " + List.of(Stage.values()).stream().map(Stage::wireName).toList()));
        }
        return records.search(text, at, limit, withEmail).stream()
                .map(h -> new LeadViews.Row(h.leadId(), h.company(), h.email(), h.stage().name(), h.createdAt(),
                        h.source(), h.score(), h.grade(), h.scoredAt()))
                .toList();
    }

    /**
     * @param withEmail      the caller sees every lead's e-mail address
     * @param withQueueEmail the caller sees the e-mail address of a lead waiting in sales' queue (an open MQL
     *                       without a follow-up since it became one): the rep who calls it needs it
     * @throws NotFoundException when no lead has the id
     */
    LeadViews.Detail detail(String leadKey, boolean withEmail, boolean withQueueEmail) {
        LeadRecords.LeadRecord r = records.find(leadKey)
                .orElseThrow(() -> new NotFoundException("there is no lead " + leadKey));
        Lead l = r.lead();
        boolean email = withEmail || withQueueEmail && queued(r);
        LeadViews.Profile profile = new LeadViews.Profile(l.leadId(), l.createdAt(), email ? l.email() : null,
                l.company(), l.industry(), l.employees(), l.annualRevenue(), l.country(), l.jobTitle(),
                l.seniority() == null ? null : l.seniority().wireName(), l.department(), l.source(),
                l.campaign(), l.customAttributes(), r.stage().name(), r.stageChangedAt(), r.mqlAt(), slaState(r));
        LeadRecords.CurrentScore s = r.score();
        LeadViews.Score score = s == null ? null
                : new LeadViews.Score(s.score(), s.grade(), s.scoredAt(), s.modelVersion(), s.runId(), s.mqlReasons());
        List<LeadViews.ScorePoint> history = r.scoreHistory().stream().map(p -> new LeadViews.ScorePoint(p.asOf(),
                p.runId(), p.score(), p.grade(), p.modelVersion(), p.mqlThreshold())).toList();
        List<LeadViews.StageMove> stages = r.stageHistory().stream().map(m -> new LeadViews.StageMove(m.at(),
                m.from() == null ? null : m.from().name(), m.to().name(), m.reason(), m.actor(), m.runId())).toList();
        List<LeadViews.FollowUpRow> followUps = r.followUps().stream().map(f -> new LeadViews.FollowUpRow(f.at(), f.rep(),
                f.channel() == null ? null : f.channel().wireName(), f.outcome().wireName(), f.reason())).toList();
        List<LeadViews.DealRow> deals = r.deals().stream().map(d -> new LeadViews.DealRow(d.dealId(), d.createdAt(),
                d.status().wireName(), d.closedAt(), d.amount(), d.lostReason())).toList();
        List<Activity> activities = r.activities();
        Map<String, Long> byType = new TreeMap<>();
        for (Activity a : activities) {
            byType.merge(a.type().wireName(), 1L, Long::sum);
        }
        List<LeadViews.Event> latest = new ArrayList<>();
        for (int i = activities.size() - 1; i >= 0 && latest.size() < EVENTS_LISTED; i--) {
            Activity a = activities.get(i);
            latest.add(new LeadViews.Event(a.occurredAt(), a.type().wireName(), a.detail()));
        }
        // a lead with a deal is no longer scored (its deal decides it): no reasons for a score it does not have
        LeadViews.LiveReasons reasons = r.stage() == Stage.WON || r.stage() == Stage.LOST
                || r.stage() == Stage.OPPORTUNITY ? null
                : live.explain(l, activities, clock.instant()).orElse(null);
        return new LeadViews.Detail(profile, score, history, stages, followUps, deals,
                new LeadViews.Activity(activities.size(), new LinkedHashMap<>(byType), latest), reasons);
    }

    /** Whether the lead waits in sales' queue: an MQL with no follow-up since it became one. */
    /**
     * The MQL's SLA state as of now: the stored one, except that an MQL still waiting in sales' queue past its due
     * time (under the policy in force, as the queue and the SLA alerts reckon it) is {@code OVERDUE} at once, not
     * only once the next SLA check has recorded the breach.
     */
    private String slaState(LeadRecords.LeadRecord r) {
        if ("OPEN".equals(r.slaState()) && queued(r)
                && clock.instant().isAfter(policies.current().slaDueAt(r.mqlAt()))) {
            return "OVERDUE";
        }
        return r.slaState();
    }

    private static boolean queued(LeadRecords.LeadRecord r) {
        return r.stage() == Stage.MQL && r.mqlAt() != null
                && r.followUps().stream().noneMatch(f -> !f.at().isBefore(r.mqlAt()));
    }

    /** Stage counts of the whole store, in stage order, for the search page's chart. */
    Map<String, Long> stageCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        records.stageCounts().forEach((stage, n) -> counts.put(stage.wireName(), n));
        return counts;
    }
}
