/**
 * The live lead flow: events pushed as they happen (leads, activities,
 * follow-ups, deals) validated and written as the import writes rows, the
 * touched leads moved by the stage engine and rescored at once from their
 * engagement state, in one transaction; and a rep's answer recorded as a
 * follow-up like an imported one.
 */
package io.leadscore.batch.liveevents;
