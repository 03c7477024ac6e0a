/**
 * The command line ({@code docs/cli.md}): picocli commands with the
 * global options, exit codes 0/1/2, table, JSON or CSV output on stdout,
 * progress and errors on stderr, every failure as one line through one error
 * path ({@link io.leadscore.app.cli.Failures}). Commands that need no store
 * never start Spring.
 */
package io.leadscore.app.cli;
