package io.leadscore.batch.rescoring;

import java.util.Collection;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs a run's partitions where its parameters say: on local threads, with
 * the grid size of its {@code grid.size} parameter when it has one (the
 * command's {@code --grid-size}), else the configured default; or, when its
 * {@code remote} parameter is set ({@code rescore --remote}), on the worker
 * processes of the store. A restart keeps the run's parameters, so a remote
 * run is restarted remotely.
 */
final class PartitionsFromParameters implements PartitionHandler {
    private final TaskExecutorPartitionHandler local;
    private final int defaultGrid;
    private final PartitionHandler remote;

    PartitionsFromParameters(TaskExecutorPartitionHandler local, PartitionHandler remote) {
        this.local = local;
        this.defaultGrid = local.getGridSize();
        this.remote = remote;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution)
            throws Exception {
        if (Rescoring.isRemote(managerStepExecution.getJobParameters())) {
            return remote.handle(splitter, managerStepExecution);
        }
        Long grid = managerStepExecution.getJobParameters().getLong(Rescoring.GRID_SIZE);
        synchronized (local) {
            local.setGridSize(grid == null ? defaultGrid : grid.intValue());
            return local.handle(splitter, managerStepExecution);
        }
    }
}
