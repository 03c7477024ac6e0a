/**
 * The web console and the HTTP API that {@code leadscore serve} runs on a store:
 * what-ifs for leadership, jobs for ops, models and leads for the data team, the
 * funnel and the policy for everyone, each part behind the roles {@link
 * io.leadscore.app.web.security.Area} names. One package per part; each holds its
 * JSON API ({@code *Api}), its console pages ({@code *Pages}) and what they read.
 */
package io.leadscore.app.web;
