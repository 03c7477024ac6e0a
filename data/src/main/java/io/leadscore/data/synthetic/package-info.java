/**
 * The synthetic CRM history generator: a B2B world of companies, leads,
 * engagement, sales follow-ups and deals, written as a CRM export in the
 * import format together with the ground truth each lead was drawn from.
 * Entry point: {@link io.leadscore.data.synthetic.SyntheticCrmGenerator};
 * {@link io.leadscore.data.synthetic.ExportMutator} damages such an export in
 * every way the import meets, and says what the importer must make of it.
 */
package io.leadscore.data.synthetic;
