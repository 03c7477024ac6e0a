package io.leadscore.app.cli;

/** How commands print their results on stdout. */
public enum OutputFormat {
    table,
    json,
    csv
}
