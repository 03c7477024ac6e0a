package io.leadscore.batch.rescoring;

import java.util.Collection;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs the partitions with the grid size of the run's {@code grid.size}
 * parameter when it has one (the command's {@code --grid-size}), else the
 * configured default.
 */
final class GridFromParameters implements PartitionHandler {
    private final TaskExecutorPartitionHandler delegate;
    private final int defaultGrid;

    GridFromParameters(TaskExecutorPartitionHandler delegate) {
        this.delegate = delegate;
        this.defaultGrid = delegate.getGridSize();
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution)
            throws Exception {
        Long grid = managerStepExecution.getJobParameters().getLong(Rescoring.GRID_SIZE);
        synchronized (delegate) {
            delegate.setGridSize(grid == null ? defaultGrid : grid.intValue());
            return delegate.handle(splitter, managerStepExecution);
        }
    }
}
