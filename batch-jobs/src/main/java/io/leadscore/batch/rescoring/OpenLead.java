package io.leadscore.batch.rescoring;

import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.time.Instant;

/**
 * One open lead as the rescoring reader hands it to the processor: its fields,
 * its stage, its stored engagement state (if any), the activities that arrived
 * since that state was written, and, when the state cannot be used, the rest
 * of its history.
 *
 * @param id             store id
 * @param lead           the lead's fields
 * @param stage          current stage (never WON or LOST)
 * @param stageChangedAt when it entered that stage
 * @param state          the stored engagement state bytes, or {@code null}
 * @param stateSettings  the settings the state was built with (e.g. {@code h=14.0;w=7}), or {@code null}
 * @param stateUsable    whether the stored state can be rolled forward: built with the champion's settings, as of
 *                       no later than the run; otherwise the state is rebuilt from {@code history} and {@code events}
 * @param watermark      every activity with an id up to this one was offered to the stored state
 * @param pendingFrom    the smallest id of an offered activity the state could not hold yet
 *                       (it occurred at or after the state's time), or {@code null}
 * @param events         the activities read for it this run, in id order
 * @param history        when the state is not usable, the lead's activities not among {@code events}; else none
 * @param highMark       the highest activity id in the store when the run began: every activity up to it reached
 *                       this run, so it is the lead's new watermark at least
 */
record OpenLead(long id, Lead lead, Stage stage, Instant stageChangedAt, byte[] state, String stateSettings,
                boolean stateUsable, long watermark, Long pendingFrom, NewEvents events, NewEvents history,
                long highMark) {

    /** Whether the store holds no score row for it yet (the writer inserts rather than updates). */
    boolean neverScored() {
        return stateSettings == null;
    }

    OpenLead withHistory(NewEvents earlier) {
        return new OpenLead(id, lead, stage, stageChangedAt, state, stateSettings, stateUsable, watermark, pendingFrom,
                events, earlier, highMark);
    }
}
