package io.leadscore.batch.leadimport;

import io.leadscore.batch.store.JobProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One file of an import, for one step: reads its records, validates each with
 * the file kind's validator, which throws {@link RowRejectedException} for a row
 * that breaks the contract; the step's skip policy then hands the row to an
 * {@link ImportErrorRecorder}.
 *
 * <p>Restartable as Spring Batch's item-counting readers are: the number of records read is kept in the step's
 * context, and a restart reads past them again; the validators of leads and deals still learn the keys those
 * records held, so a key the file repeats after the restart point is still seen as repeated.
 *
 * <p>A step whose file was not given reads nothing.
 *
 * @param <T> the validated row type
 */
public class CsvFileImport<T> extends AbstractItemCountingItemStreamItemReader<CsvRecord>
        implements ItemProcessor<CsvRecord, T>, StepExecutionListener {

    /** Builds the validator once the header is known; the index is loaded for kinds that refer to leads. */
    interface ValidatorFactory<T> extends BiFunction<CsvHeader, LeadKeyIndex, ItemProcessor<CsvRecord, T>> {
    }

    private static final Logger log = LoggerFactory.getLogger(CsvFileImport.class);
    private static final int PROGRESS_EVERY = 5_000;

    private final ImportFileKind kind;
    private final String fileName;
    private final long totalRows;
    private final JdbcTemplate jdbc;
    private final ValidatorFactory<T> validators;
    private final JobProgress progress;

    private CsvParser parser;
    private ItemProcessor<CsvRecord, T> validator;
    /** Records read, over this attempt and the ones before it: for the progress shown. */
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
        setName("csv-" + kind.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    @Override
    protected void doOpen() {
        if (fileName == null) {
            return;
        }
        ImportCounters counters = new ImportCounters(jdbc, runId, kind);
        try {
            parser = CsvParser.utf8(Files.newInputStream(Path.of(fileName)));
            CsvRecord headerRecord = parser.next();
            if (headerRecord == null) {
                throw new FileRejectedException(fileName, "the file is empty (no header)");
            }
            CsvHeader header = CsvHeader.of(headerRecord, kind, fileName);
            LeadKeyIndex index = kind == ImportFileKind.LEADS ? null : LeadKeyIndex.load(jdbc, runId);
            validator = validators.apply(header, index);
            counters.open(fileName, header.extraNames());
        } catch (IOException | FileRejectedException e) {
            throw new ItemStreamException("Cannot read " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** On a restart: past the records read before, which the lead and deal validators still remember. */
    @Override
    protected void jumpToItem(int records) {
        if (parser == null) {
            return;
        }
        for (int i = 0; i < records; i++) {
            CsvRecord replayed = next();
            if (replayed == null) {
                break;
            }
            if (validator instanceof LeadRowValidator leads) {
                leads.remember(replayed);
            } else if (validator instanceof DealRowValidator deals) {
                deals.remember(replayed);
            } else if (validator instanceof FollowUpRowValidator followUps) {
                followUps.remember(replayed);
            }
            recordsRead++;
        }
        if (records > 0) {
            log.info("Resuming {} after {} rows", fileName, records);
        }
    }

    @Override
    protected CsvRecord doRead() {
        if (parser == null) {
            return null;
        }
        CsvRecord record = next();
        if (record != null && ++recordsRead % PROGRESS_EVERY == 0) {
            progress.report(task(), recordsRead, totalRows);
        }
        return record;
    }

    private CsvRecord next() {
        try {
            return parser.next();
        } catch (IOException e) {
            throw new ItemStreamException("Cannot read " + fileName + " after line " + parser.line() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T process(CsvRecord record) throws Exception {
        return validator.process(record);
    }

    @Override
    protected void doClose() {
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
