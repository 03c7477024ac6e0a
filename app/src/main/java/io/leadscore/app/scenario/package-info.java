/**
 * The quota scenarios the command line and the web console share: the
 * scenario a store suggests as of a time (its volume, team, policy and a
 * quota from its revenue) with its calibration, and the rolling back-test
 * that shows how far to trust the simulator on that store.
 */
package io.leadscore.app.scenario;
