package io.leadscore.batch.store;

import io.leadscore.scoring.policy.Policy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the policy the jobs enforce: the row of the {@code policy} table with
 * the highest version. Every change is a new version, so the history stays.
 */
public final class PolicyStore {
    private static final String SELECT = "SELECT version, mql_threshold, sla_hours, recycle_after_days,"
            + " label_horizon_days, engagement_half_life_days, created_at, created_by, note FROM policy";

    private final JdbcTemplate jdbc;

    public PolicyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The policy in force, with its version.
     *
     * @throws IllegalStateException when the store holds no policy, or the latest one breaks a rule of
     *                               {@link Policy} (the message names the version and the rule)
     */
    public StoredPolicy latest() {
        List<StoredPolicy> rows = jdbc.query(SELECT + " ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", PolicyStore::row);
        if (rows.isEmpty()) {
            throw new IllegalStateException("The store holds no policy; the schema migrations install version 1");
        }
        return rows.get(0);
    }

    /**
     * One version of the policy, as it was written (versions are never changed).
     *
     * @throws IllegalArgumentException when there is no such version
     */
    public StoredPolicy version(int version) {
        List<StoredPolicy> rows = jdbc.query(SELECT + " WHERE version = ?", PolicyStore::row, version);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("There is no policy version " + version);
        }
        return rows.get(0);
    }

    private static StoredPolicy row(ResultSet rs, int i) throws SQLException {
        int version = rs.getInt(1);
        Policy policy;
        try {
            policy = new Policy(rs.getDouble(2), rs.getDouble(3), rs.getInt(4), rs.getInt(5), rs.getDouble(6));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Policy version " + version + " in the store is invalid: "
                    + e.getMessage(), e);
        }
        return new StoredPolicy(version, policy, Instants.read(rs, 7), rs.getString(8), rs.getString(9));
    }

    /** The policy in force; see {@link #latest()}. */
    public Policy current() {
        return latest().policy();
    }

    /**
     * Puts a changed policy in force as a new version: who changed it, when and why is the audit record.
     * An unchanged policy is not recorded again.
     *
     * @return the version in force afterwards
     */
    public StoredPolicy change(Policy policy, String by, String note, Instant at) {
        StoredPolicy current = latest();
        if (current.policy().equals(policy)) {
            return current;
        }
        return writeAfter(current, policy, by, note, at);
    }

    /**
     * Writes {@code next} as the version after {@code current}: a change is an insert, never an update.
     *
     * @return the version written
     * @throws VersionTakenException when another writer wrote that version first
     */
    public StoredPolicy writeAfter(StoredPolicy current, Policy next, String by, String note, Instant at) {
        int version = current.version() + 1;
        try {
            jdbc.update("INSERT INTO policy (version, mql_threshold, sla_hours, recycle_after_days, label_horizon_days,"
                            + " engagement_half_life_days, created_at, created_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    version, next.mqlThreshold(), next.slaHours(), next.recycleAfterDays(), next.labelHorizonDays(),
                    next.engagementHalfLifeDays(), Instants.utc(at), by, note);
        } catch (DuplicateKeyException e) {
            throw new VersionTakenException(version);
        }
        return version(version);
    }

    /** Every version, newest first. */
    public List<StoredPolicy> history() {
        return jdbc.query(SELECT + " ORDER BY version DESC", PolicyStore::row);
    }

    /** A policy version was written by someone else between reading the current one and writing the next. */
    public static final class VersionTakenException extends RuntimeException {
        VersionTakenException(int version) {
            super("Policy version " + version + " was written by someone else just now");
        }
    }
}
