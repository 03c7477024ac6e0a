package io.leadscore.batch.leadimport;

import io.leadscore.batch.store.JobProgress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One file of an import, for one step: reads its records (restartable: the
 * number of records read is kept in the step's context), validates each with
 * the file kind's validator, which throws {@link RowRejectedException} for a row
 * that breaks the contract; the step's skip policy then hands the row to an
 * {@link ImportErrorRecorder}.
 *
 * <p>A step whose file was not given reads nothing.
 *
 * @param <T> the validated row type
 */
public class CsvFileImport<T> implements ItemStreamReader<CsvRecord>, ItemProcessor<CsvRecord, T>,
        StepExecutionListener {

    /** Builds the validator once the header is known; the index is loaded for kinds that refer to leads. */
    interface ValidatorFactory<T> extends BiFunction<CsvHeader, LeadKeyIndex, ItemProcessor<CsvRecord, T>> {
    }

    private static final Logger log = LoggerFactory.getLogger(CsvFileImport.class);
    private static final String RECORDS_READ = "records.read";
    private static final int PROGRESS_EVERY = 5_000;

    private final ImportFileKind kind;
    private final String fileName;
    private final long totalRows;
    private final JdbcTemplate jdbc;
    private final ValidatorFactory<T> validators;
    private final JobProgress progress;

    private CsvParser parser;
    private CsvHeader header;
    private ItemProcessor<CsvRecord, T> validator;
    private ImportCounters counters;
    private long recordsRead;
    private long runId;

    public CsvFileImport(ImportFileKind kind, String fileName, long totalRows, JdbcTemplate jdbc,
                         ValidatorFactory<T> validators, JobProgress progress) {
        this.kind = kind;
        this.fileName = fileName;
        this.totalRows = totalRows;
        this.jdbc = jdbc;
        this.validators = validators;
        this.progress = progress;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    @Override
    public void open(ExecutionContext context) {
        if (fileName == null) {
            return;
        }
        counters = new ImportCounters(jdbc, runId, kind);
        try {
            InputStream in = Files.newInputStream(Path.of(fileName));
            parser = CsvParser.utf8(in);
            CsvRecord headerRecord = parser.next();
            if (headerRecord == null) {
                throw new FileRejectedException(fileName, "the file is empty (no header)");
            }
            header = CsvHeader.of(headerRecord, kind, fileName);
            LeadKeyIndex index = kind == ImportFileKind.LEADS ? null : LeadKeyIndex.load(jdbc);
            validator = validators.apply(header, index);
            counters.open(fileName, header.extraNames());
            long skip = context.getLong(RECORDS_READ, 0L);
            while (recordsRead < skip) {
                CsvRecord replayed = parser.next();
                if (replayed == null) {
                    break;
                }
                if (validator instanceof LeadRowValidator leads) {
                    leads.remember(replayed);
                } else if (validator instanceof DealRowValidator deals) {
                    deals.remember(replayed);
                }
                recordsRead++;
            }
            if (skip > 0) {
                log.info("Resuming {} after {} rows", fileName, skip);
            }
        } catch (IOException | CsvFormatException | FileRejectedException e) {
            throw new ItemStreamException("Cannot read " + fileName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CsvRecord read() {
        if (parser == null) {
            return null;
        }
        try {
            CsvRecord record = parser.next();
            if (record == null) {
                return null;
            }
            recordsRead++;
            if (recordsRead % PROGRESS_EVERY == 0) {
                progress.report(task(), recordsRead, totalRows);
            }
            return record;
        } catch (IOException | CsvFormatException e) {
            throw new ItemStreamException("Cannot read " + fileName + " after line " + parser.line() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T process(CsvRecord record) throws Exception {
        return validator.process(record);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(RECORDS_READ, recordsRead);
    }

    @Override
    public void close() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                log.warn("Closing {} failed: {}", fileName, e.getMessage());
            }
            parser = null;
            progress.report(task(), recordsRead, totalRows);
            progress.finished(task());
        }
    }

    private String task() {
        return "importing " + Path.of(fileName).getFileName();
    }
}
