/** {@code POST /api/events}: leads, activities, follow-ups and deals pushed as they happen (docs/events.md). */
package io.leadscore.app.web.events;
