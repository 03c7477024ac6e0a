package io.leadscore.batch.leadimport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Parses and validates a file's records on a thread of its own, ahead of the step's chunk loop, so that the
 * importer's parsing of the next rows overlaps the store's writing of the last ones (the two then use both of a
 * machine's cores instead of taking turns). The rows come out in file order, each with what its validator made
 * of it: the row, or the exception (a {@link RowRejectedException}) that the step's skip policy then records as
 * the validator's own would have been.
 *
 * <p>The thread owns the parser and the validator from {@link #start} until {@link #stop}; nothing else touches
 * them in between. A file that cannot be read further ends the stream with the reader's exception, after the rows
 * before it.
 */
final class CsvReadAhead<T> {
    /** Rows handed over at once: one hand-over per batch, not per row. */
    static final int BATCH = 512;
    /** Batches read ahead: about two chunks of rows. */
    static final int BATCHES_AHEAD = 20;

    /** One record and its validation: the row, or why it was refused. */
    record Validated<T>(CsvRecord record, T row, Exception failure) {
    }

    /** Handed over after the last batch. */
    private static final Object END = new Object();

    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Supplier<CsvRecord> records;
    private final ItemProcessor<CsvRecord, T> validator;
    private final Thread thread;
    private volatile boolean stopped;
    private List<Validated<T>> current = List.of();
    private int position;
    private boolean ended;

    /**
     * @param records   the next record, {@code null} at the end; throws {@link ItemStreamException} when the file
     *                  cannot be read further
     * @param validator the file kind's validator
     */
    CsvReadAhead(String name, Supplier<CsvRecord> records, ItemProcessor<CsvRecord, T> validator) {
        this.records = records;
        this.validator = validator;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            List<Validated<T>> batch = new ArrayList<>(BATCH);
            while (!stopped) {
                CsvRecord record;
                try {
                    record = records.get();
                } catch (RuntimeException unreadable) {
                    handRows(batch);
                    hand(unreadable);
                    return;
                }
                if (record == null) {
                    handRows(batch);
                    hand(END);
                    return;
                }
                batch.add(validate(record));
                if (batch.size() == BATCH) {
                    hand(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error broken) {
            // never leave the chunk loop waiting for rows that will not come
            try {
                hand(new ItemStreamException("Reading ahead in " + thread.getName() + " failed: " + broken, broken));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Validated<T> validate(CsvRecord record) {
        try {
            return new Validated<>(record, validator.process(record), null);
        } catch (Exception refused) {
            return new Validated<>(record, null, refused);
        }
    }

    private void handRows(List<Validated<T>> batch) throws InterruptedException {
        if (!batch.isEmpty()) {
            hand(batch);
        }
    }

    private void hand(Object batch) throws InterruptedException {
        while (!stopped && !batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            // the chunk loop is behind: wait for it, unless the step is closing
        }
    }

    /**
     * The next record in file order with its validation, or {@code null} at the end of the file.
     *
     * @throws ItemStreamException the file cannot be read past the rows already given
     */
    @SuppressWarnings("unchecked")
    Validated<T> next() {
        while (position == current.size()) {
            if (ended) {
                return null;
            }
            Object batch;
            try {
                batch = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ItemStreamException("Interrupted while waiting for the file's next rows", e);
            }
            if (batch == END) {
                ended = true;
            } else if (batch instanceof RuntimeException unreadable) {
                ended = true;
                throw unreadable;
            } else {
                current = (List<Validated<T>>) batch;
                position = 0;
            }
        }
        return current.get(position++);
    }

    /** Stops the thread and waits for it: after this the parser and the validator are the caller's again. */
    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("The reader thread " + thread.getName() + " did not stop");
        }
    }
}
