package io.leadscore.batch.webhooks;

import io.leadscore.scoring.domain.Printable;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.StageEngine;
import io.leadscore.scoring.stages.Transition;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The events subscribers can ask for, with their names on the wire (docs/events.md). */
public enum WebhookEventType {
    MQL_CREATED("mql.created"),
    SLA_WARNING("sla.warning"),
    SLA_BREACHED("sla.breached"),
    LEAD_RECYCLED("lead.recycled"),
    LEAD_ACCEPTED("lead.accepted"),
    LEAD_REJECTED("lead.rejected");

    private static final Set<Stage> NOT_YET_ACCEPTED = EnumSet.of(Stage.LEAD, Stage.MQL, Stage.NURTURE);

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The event a stage move is, if any: a move to MQL is {@code mql.created}; an MQL returned to nurture for want of a
     * follow-up {@code lead.recycled}; any other move to nurture is sales' rejection, {@code lead.rejected}; a lead
     * sales had not taken yet (LEAD, MQL, NURTURE) moving to SAL or SQL is {@code lead.accepted} (a meeting booked
     * accepts it too). Other moves (deals, SAL to SQL) are no event.
     */
    public static Optional<WebhookEventType> of(Transition move) {
        if (move.to() == Stage.MQL) {
            return Optional.of(MQL_CREATED);
        }
        if (move.to() == Stage.NURTURE && move.from() != null) {
            return Optional.of(StageEngine.RECYCLED_REASON.equals(move.reason()) ? LEAD_RECYCLED : LEAD_REJECTED);
        }
        if ((move.to() == Stage.SAL || move.to() == Stage.SQL) && move.from() != null
                && NOT_YET_ACCEPTED.contains(move.from())) {
            return Optional.of(LEAD_ACCEPTED);
        }
        return Optional.empty();
    }

    /**
     * @throws IllegalArgumentException naming the value and the names there are
     */
    public static WebhookEventType fromWire(String name) {
        for (WebhookEventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Invalid event type: '" + quoted(name) + "', expected one of "
                + Arrays.stream(values()).map(WebhookEventType::wireName).toList());
    }

    /** Text from a request or a config file, cut and made printable for an error message. */
    static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        return Printable.of(text.length() > 64 ? text.substring(0, 64) + "..." : text);
    }
}
