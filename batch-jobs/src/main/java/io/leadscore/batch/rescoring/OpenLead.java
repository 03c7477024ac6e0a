package io.leadscore.batch.rescoring;

import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.time.Instant;

/**
 * One open lead as the rescoring reader hands it to the writer: its fields,
 * its stage, its stored engagement state (if any) and the activities that
 * arrived since that state was written.
 *
 * @param id             store id
 * @param lead           the lead's fields
 * @param stage          current stage (never WON or LOST)
 * @param stageChangedAt when it entered that stage
 * @param state          the stored engagement state bytes, or {@code null}
 * @param stateSettings  the settings the state was built with (e.g. {@code h=14.0;w=7}), or {@code null}
 * @param watermark      every activity with an id up to this one was offered to the stored state
 * @param pendingFrom    the smallest id of an offered activity the state could not hold yet
 *                       (it occurred at or after the state's time), or {@code null}
 * @param events         the activities read for it this run, in id order
 */
record OpenLead(long id, Lead lead, Stage stage, Instant stageChangedAt, byte[] state, String stateSettings,
                long watermark, Long pendingFrom, NewEvents events) {
}
