package io.leadscore.app.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code leadscore worker} processes on this machine, started from the same
 * application and JVM options as this process, on the same store ({@code bench
 * rescore --workers}). Closing stops them with SIGTERM (each finishes its chunk).
 */
final class WorkerProcesses implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();

    /**
     * @param count   worker processes, 1 to 16
     * @param threads partitions each works at once
     */
    static WorkerProcesses start(GlobalOptions globals, int count, int threads) throws IOException {
        WorkerProcesses workers = new WorkerProcesses();
        try {
            for (int i = 0; i < count; i++) {
                workers.processes.add(new ProcessBuilder(command(globals, threads))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start());
            }
        } catch (IOException | RuntimeException e) {
            workers.close();
            throw e;
        }
        return workers;
    }

    private static List<String> command(GlobalOptions globals, int threads) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, LeadscoreMain.class.getName()));
        }
        command.addAll(List.of("worker", "--threads", Integer.toString(threads), "--quiet", "--db", globals.dbUrl()));
        if (globals.dbUser() != null) {
            command.addAll(List.of("--db-user", globals.dbUser()));
        }
        if (globals.dbPasswordEnv() != null) {
            command.addAll(List.of("--db-password-env", globals.dbPasswordEnv()));
        }
        if (globals.config() != null) {
            command.addAll(List.of("--config", globals.config()));
        }
        return command;
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
