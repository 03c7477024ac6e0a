package io.leadscore.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code leadscore}: the one launcher of every job (docs/cli.md). */
@Command(name = "leadscore", mixinStandardHelpOptions = true, versionProvider = Version.class, scope = ScopeType.INHERIT,
        description = {
                "Scores leads nightly with a model learned from your own closed deals, turns the MQL definition into a",
                "score threshold and follow-up SLA, watches the SLA, and tells you what it takes to hit quota.",
                ""},
        subcommands = {DemoCommand.class, GenerateCommand.class, ImportCommand.class, TrainCommand.class, ModelsCommand.class, RescoreCommand.class,
                SlaCheckCommand.class, ReportCommand.class, ExportCommand.class, JobsCommand.class,
                SimulateCommand.class, PlanCommand.class, ServeCommand.class, WorkerCommand.class, BenchCommand.class},
        footer = {"", "Exit codes: 0 success; 1 the job ran and failed (restartable); 2 bad usage or bad input."})
public final class LeadscoreCommand implements Runnable {
    @Mixin
    GlobalOptions globals = new GlobalOptions();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: say what to run, e.g. 'leadscore demo'");
    }

    public GlobalOptions globals() {
        return globals;
    }
}
