package io.leadscore.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code leadscore report}: reports both teams read. */
@Command(name = "report", description = "Reports: funnel.", subcommands = FunnelCommand.class)
final class ReportCommand implements Runnable {
    @ParentCommand
    LeadscoreCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing report: e.g. 'leadscore report funnel'");
    }
}
