package io.leadscore.batch.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.batch.TestStores;
import io.leadscore.batch.stages.StageTransitions.LeadMove;
import io.leadscore.batch.store.CrmFixtures;
import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a chunk of stage moves writes, on whichever store the subclass names,
 * for a few moves (a live request's) and for more than
 * {@link StageTransitions#COPY_FROM} (an import's or a night's chunk, which
 * PostgreSQL writes with one set-based update and a COPY of the audit rows):
 * each lead takes its last move, a move to MQL starts its SLA clock, another
 * move leaves the clock and the SLA state as they were, and every move is an
 * audit row, in the order given.
 */
abstract class StageTransitionsTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StageTransitions transitions;
    @Autowired
    PlatformTransactionManager transactionManager;

    CrmFixtures crm;

    @BeforeEach
    void emptyStore() {
        TestStores.clean(jdbc);
        crm = new CrmFixtures(jdbc);
    }

    @ParameterizedTest(name = "{0} leads")
    @ValueSource(ints = {6, 3 * StageTransitions.COPY_FROM})
    void eachLeadTakesItsLastMoveAndEveryMoveIsAudited(int leads) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            ids.add(crm.lead("L-" + i, T0));
        }
        // leads of the third kind were MQLs with an SLA state before this chunk
        Instant earlierMql = T0.plus(Duration.ofHours(1));
        for (int i = 2; i < leads; i += 3) {
            crm.becomesMql(ids.get(i), earlierMql);
            jdbc.update("UPDATE lead SET sla_state = 'OVERDUE' WHERE id = ?", ids.get(i));
        }
        long trailBefore = count();

        // kind 0: to MQL; kind 1: to MQL and then on to SAL in the same chunk; kind 2: from MQL to SAL
        List<LeadMove> moves = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            Instant at = T0.plus(Duration.ofMinutes(1_000 + i)).plusNanos(123_000);
            switch (i % 3) {
                case 0 -> moves.add(new LeadMove(ids.get(i), new Transition(Stage.LEAD, Stage.MQL, at, "score 0.9")));
                case 1 -> {
                    moves.add(new LeadMove(ids.get(i), new Transition(Stage.LEAD, Stage.MQL, at, "score 0.8")));
                    moves.add(new LeadMove(ids.get(i), new Transition(Stage.MQL, Stage.SAL, at.plusSeconds(60),
                            "accepted by sales, with a tab\tand a line\nbreak")));
                }
                default -> moves.add(new LeadMove(ids.get(i), new Transition(Stage.MQL, Stage.SAL, at, "accepted")));
            }
        }
        new TransactionTemplate(transactionManager).executeWithoutResult(s -> transitions.record(moves, "import #4", 4));

        for (int i = 0; i < leads; i++) {
            var lead = jdbc.queryForObject("SELECT stage, stage_changed_at, mql_at, sla_state FROM lead WHERE id = ?",
                    (rs, n) -> java.util.Arrays.asList(rs.getString(1), Instants.read(rs, 2), Instants.read(rs, 3),
                            rs.getString(4)), ids.get(i));
            Instant at = T0.plus(Duration.ofMinutes(1_000 + i)).plusNanos(123_000);
            String label = "lead " + i;
            switch (i % 3) {
                case 0 -> {
                    assertThat(lead.get(0)).as(label).isEqualTo("MQL");
                    assertThat(lead.get(1)).as(label).isEqualTo(at);
                    assertThat(lead.get(2)).as(label).isEqualTo(at);
                    assertThat(lead.get(3)).as(label).isEqualTo("OPEN");
                }
                case 1 -> {
                    // only the last move reaches the row: it never was an MQL as far as the row says
                    assertThat(lead.get(0)).as(label).isEqualTo("SAL");
                    assertThat(lead.get(1)).as(label).isEqualTo(at.plusSeconds(60));
                    assertThat(lead.get(2)).as(label).isNull();
                    assertThat(lead.get(3)).as(label).isNull();
                }
                default -> {
                    assertThat(lead.get(0)).as(label).isEqualTo("SAL");
                    assertThat(lead.get(1)).as(label).isEqualTo(at);
                    assertThat(lead.get(2)).as(label).isEqualTo(earlierMql);
                    assertThat(lead.get(3)).as(label).isEqualTo("OVERDUE");
                }
            }
        }
        List<String> trail = jdbc.query("SELECT lead_id, from_stage, to_stage, occurred_at, reason, actor, run_id"
                + " FROM stage_transition WHERE run_id = 4 ORDER BY id", (rs, n) -> rs.getLong(1) + "|"
                + rs.getString(2) + "|" + rs.getString(3) + "|" + Instants.read(rs, 4) + "|" + rs.getString(5) + "|"
                + rs.getString(6) + "|" + rs.getLong(7));
        List<String> expected = moves.stream().map(m -> m.leadId() + "|" + m.transition().from() + "|"
                + m.transition().to() + "|" + m.transition().at() + "|" + m.transition().reason() + "|import #4|4")
                .toList();
        assertThat(trail).isEqualTo(expected);
        assertThat(count() - trailBefore).isEqualTo(moves.size());
    }

    private long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM stage_transition", Long.class);
        return n == null ? 0 : n;
    }
}
