/**
 * The one scenario service behind the command line's {@code simulate} and
 * {@code plan} and the HTTP API's what-ifs: the parameters as a person gives
 * them ({@link io.leadscore.simulator.whatif.ScenarioParameters}), their
 * ranges, the defaults and the store's base
 * ({@link io.leadscore.simulator.whatif.StoreBase}), the default sweep, and
 * the limits each front door sets on the work of one request
 * ({@link io.leadscore.simulator.whatif.ScenarioService}).
 */
package io.leadscore.simulator.whatif;
