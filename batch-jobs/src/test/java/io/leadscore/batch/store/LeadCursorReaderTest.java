package io.leadscore.batch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shared reader of leads in id order: one item per row or per lead, the
 * last lead kept in the execution context, and a restart that reads on from
 * the lead after it even when rows were added before it meanwhile.
 */
class LeadCursorReaderTest {
    private JdbcDataSource dataSource;
    private JdbcTemplate jdbc;

    record Row(long lead, String value) {
    }

    record Lead(long lead, List<String> values) {
    }

    /** One item per row. */
    class Rows extends LeadCursorReader<Row> {
        Rows() {
            super(dataSource, "the test rows");
        }

        @Override
        protected String sql() {
            return "SELECT lead_id, v FROM t WHERE lead_id > ? ORDER BY lead_id, v";
        }

        @Override
        protected void bind(PreparedStatement statement, long afterLead) throws SQLException {
            statement.setLong(1, afterLead);
        }

        @Override
        protected Row map(ResultSet row) throws SQLException {
            return new Row(row.getLong(1), row.getString(2));
        }

        @Override
        protected long leadId(Row item) {
            return item.lead();
        }
    }

    /** One item per lead, its rows together. */
    class Leads extends Rows {
        @Override
        protected Row readItem(ResultSet rows) throws SQLException {
            long lead = rows.getLong(1);
            List<String> values = new ArrayList<>();
            do {
                values.add(rows.getString(2));
            } while (advance() && rows.getLong(1) == lead);
            return new Row(lead, String.join("+", values));
        }
    }

    @BeforeEach
    void table() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:cursor" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE t (lead_id BIGINT, v VARCHAR(10))");
        jdbc.update("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (2, 'c'), (5, 'd'), (7, 'e')");
    }

    private static <T> List<T> readAll(LeadCursorReader<T> reader, int most) {
        List<T> out = new ArrayList<>();
        T item;
        while (out.size() < most && (item = reader.read()) != null) {
            out.add(item);
        }
        return out;
    }

    @Test
    void readsOneItemPerRowInLeadOrder() {
        Rows reader = new Rows();
        reader.open(new ExecutionContext());
        assertThat(readAll(reader, 100)).extracting(Row::value).containsExactly("a", "b", "c", "d", "e");
        assertThat(reader.read()).isNull();
        reader.close();
    }

    @Test
    void groupsTheRowsOfALead() {
        Leads reader = new Leads();
        reader.open(new ExecutionContext());
        assertThat(readAll(reader, 100)).extracting(Row::value).containsExactly("a", "b+c", "d", "e");
        reader.close();
    }

    @Test
    void aRestartReadsOnAfterTheLastLeadHandedOutByKeyNotByCount() {
        ExecutionContext context = new ExecutionContext();
        Leads first = new Leads();
        first.open(context);
        assertThat(readAll(first, 2)).extracting(Row::value).containsExactly("a", "b+c");
        first.update(context);
        first.close();
        assertThat(context.getLong(LeadCursorReader.LAST_LEAD)).isEqualTo(2);

        // rows of earlier leads added in between do not shift what the restart reads
        jdbc.update("INSERT INTO t VALUES (0, 'z'), (1, 'y')");
        Leads again = new Leads();
        again.open(context);

        assertThat(readAll(again, 100)).extracting(Row::value).containsExactly("d", "e");
        again.close();
    }

    @Test
    void anEmptyResultReadsNothing() {
        jdbc.update("DELETE FROM t");
        Rows reader = new Rows();
        ExecutionContext context = new ExecutionContext();
        reader.open(context);
        assertThat(reader.read()).isNull();
        reader.update(context);
        assertThat(context.getLong(LeadCursorReader.LAST_LEAD)).isZero();
        reader.close();
    }

    @Test
    void aQueryThatFailsNamesWhatWasBeingRead() {
        jdbc.execute("DROP TABLE t");
        Rows reader = new Rows();
        assertThatThrownBy(() -> reader.open(new ExecutionContext()))
                .isInstanceOf(ItemStreamException.class)
                .hasMessageStartingWith("Cannot read the test rows: ");
    }
}
