package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.CsvCells;
import io.leadscore.scoring.domain.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Every scored lead's current score as CSV, the contract's columns
 * {@code lead_id,score,grade,stage,model_version,scored_at}, streamed in lead
 * order (a million leads never sit in memory). Ids are written as
 * spreadsheet-safe cells ({@link CsvCells}): a lead id that a spreadsheet
 * would take for a formula gets a leading apostrophe.
 */
@Service
public class ScoreExport {
    public static final String HEADER = "lead_id,score,grade,stage,model_version,scored_at";

    private final JdbcTemplate jdbc;

    public ScoreExport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the CSV; returns the number of leads written. */
    public long write(Writer out) {
        long[] count = {0};
        try {
            out.write(HEADER);
            out.write('\n');
            jdbc.query(con -> {
                var ps = con.prepareStatement("SELECT l.lead_key, s.score, s.grade, l.stage, s.model_version, s.scored_at"
                        + " FROM lead_score s JOIN lead l ON l.id = s.lead_id ORDER BY l.id");
                ps.setFetchSize(2_000);
                return ps;
            }, rs -> {
                try {
                    out.write(CsvCells.text(rs.getString(1)));
                    out.write(',');
                    out.write(String.format(Locale.ROOT, "%.6f", rs.getDouble(2)));
                    out.write(',');
                    out.write(rs.getString(3));
                    out.write(',');
                    out.write(rs.getString(4).toLowerCase(Locale.ROOT));
                    out.write(',');
                    out.write(CsvCells.text(rs.getString(5)));
                    out.write(',');
                    out.write(Timestamps.format(Instants.read(rs, 6)));
                    out.write('\n');
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }
}
