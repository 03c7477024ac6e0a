/**
 * The synthetic CRM history generator: a B2B world of companies, leads,
 * engagement, sales follow-ups and deals, written as a CRM export in the
 * import format together with the ground truth each lead was drawn from.
 * Entry point: {@link io.leadscore.data.synthetic.SyntheticCrmGenerator}.
 */
package io.leadscore.data.synthetic;
