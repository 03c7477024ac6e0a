/**
 * Sales' queue: the open MQLs soonest due first ({@code GET /api/queue}, the
 * Queue page) and a rep's answer to one ({@code POST /api/leads/{id}/followups}).
 */
package io.leadscore.app.web.queue;
