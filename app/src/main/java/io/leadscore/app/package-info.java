/**
 * The leadscore application: wiring only. The command line, the scheduler,
 * the HTTP API and the web console sit on the batch jobs and the libraries.
 */
package io.leadscore.app;
