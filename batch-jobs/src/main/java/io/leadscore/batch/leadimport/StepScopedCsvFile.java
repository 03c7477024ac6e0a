package io.leadscore.batch.leadimport;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * An import step's file ({@link CsvFileImport}, a step-scoped bean) as the step's reader and processor, calling the
 * step's own instance directly: the scoped proxy looks its target up in the step's scope on every call, twice an
 * item. The instance is looked up when the step begins and let go when the step closes its streams.
 *
 * @param <T> the validated row type
 */
final class StepScopedCsvFile<T> implements ItemStreamReader<CsvRecord>, ItemProcessor<CsvRecord, T>,
        StepExecutionListener {
    private final CsvFileImport<T> scoped;
    /** The step's instance, while the step runs. */
    private CsvFileImport<T> current;

    /** @param scoped the step-scoped proxy of the file */
    StepScopedCsvFile(CsvFileImport<T> scoped) {
        if (!(scoped instanceof ScopedObject)) {
            throw new IllegalArgumentException("Not a scoped proxy: " + scoped);
        }
        this.scoped = scoped;
    }

    @SuppressWarnings("unchecked")
    private CsvFileImport<T> resolve() {
        current = (CsvFileImport<T>) ((ScopedObject) scoped).getTargetObject();
        return current;
    }

    private CsvFileImport<T> target() {
        CsvFileImport<T> target = current;
        return target != null ? target : resolve();
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        resolve().beforeStep(stepExecution);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        return target().afterStep(stepExecution);
    }

    @Override
    public void open(ExecutionContext executionContext) {
        target().open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        target().update(executionContext);
    }

    @Override
    public void close() {
        try {
            target().close();
        } finally {
            current = null;
        }
    }

    @Override
    public CsvRecord read() throws Exception {
        return target().read();
    }

    @Override
    public T process(CsvRecord record) throws Exception {
        return target().process(record);
    }
}
