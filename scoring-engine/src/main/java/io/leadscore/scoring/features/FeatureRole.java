package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Seniority;

import java.util.Arrays;

/**
 * What one feature computes, read back from its definition alone. A model file
 * keeps only the schema and the {@link FeatureSettings}; this grammar is what
 * lets nightly scoring rebuild the extractor that training used.
 *
 * <p>Names are the feature's source followed by a suffix that says what is computed:
 * <pre>
 *   industry=software          one-hot level (level = "software")
 *   industry:other             a value that is not one of the learned levels
 *   industry:missing           no value
 *   employees_log1p            log(1 + employees); annual_revenue_log1p likewise
 *   custom:score               a numeric custom attribute, as is
 *   email_domain:free_mail     the email's domain is a free-mail provider
 *   pricing_view_decayed       exponentially decayed count of one activity type
 *   pricing_view_last_7d       exact count over the last 7 calendar days (UTC)
 *   demo_request:seen          at least one event of the type before the as-of time
 *   email_open_total           every event of the type before the as-of time, however long ago
 *   last_activity_days, last_activity:none, active_days_last_30, lead_age_days
 * </pre>
 * Sources of lead fields are their contract names ({@code industry}, {@code seniority}, ...), those of
 * custom attributes {@code custom:} and the normalised attribute name, those of activity types the wire
 * names. The source is matched exactly before the suffix is read, so any character in a custom
 * attribute's name is safe.
 */
record FeatureRole(Op op, LeadField field, String customKey, ActivityType type, int days, String level) {

    static final String CUSTOM_PREFIX = "custom:";
    static final String OTHER = ":other";
    static final String MISSING = ":missing";
    static final String LOG1P = "_log1p";
    static final String FREE_MAIL = ":free_mail";
    static final String DECAYED = "_decayed";
    static final String SEEN = ":seen";
    static final String TOTAL = "_total";
    static final String LAST_ACTIVITY = "last_activity";
    static final String ACTIVE_DAYS = "active_days";
    static final String LEAD_AGE = "lead_age";

    /** What a feature computes. */
    enum Op {
        LEVEL, OTHER, MISSING, LOG1P, VALUE, FREE_MAIL,
        DECAYED, WINDOW, SEEN, TOTAL, LAST_ACTIVITY_DAYS, NO_ACTIVITY, ACTIVE_DAYS, LEAD_AGE
    }

    /** The lead fields a fit feature can come from; {@link #CUSTOM} stands for any custom attribute. */
    enum LeadField {
        INDUSTRY("industry", true),
        EMPLOYEES("employees", false),
        ANNUAL_REVENUE("annual_revenue", false),
        SENIORITY("seniority", true),
        DEPARTMENT("department", true),
        COUNTRY("country", true),
        SOURCE("source", true),
        CAMPAIGN("campaign", true),
        EMAIL_DOMAIN("email_domain", false),
        CUSTOM(null, false);

        /** {@link Seniority#wireName()} computes the name on every call; the nightly path reads these. */
        private static final String[] SENIORITY_WIRE_NAMES =
                Arrays.stream(Seniority.values()).map(Seniority::wireName).toArray(String[]::new);

        final String source;
        final boolean categorical;

        LeadField(String source, boolean categorical) {
            this.source = source;
            this.categorical = categorical;
        }

        /** The raw text of a categorical standard field, or {@code null}; never allocates. */
        String text(Lead lead) {
            return switch (this) {
                case INDUSTRY -> lead.industry();
                case SENIORITY -> lead.seniority() == null ? null : SENIORITY_WIRE_NAMES[lead.seniority().ordinal()];
                case DEPARTMENT -> lead.department();
                case COUNTRY -> lead.country();
                case SOURCE -> lead.source();
                case CAMPAIGN -> lead.campaign();
                default -> throw new IllegalStateException(this + " is not a categorical standard field");
            };
        }

        /** log(1 + value) of a numeric standard field, or NaN when the lead has no value. */
        double log1p(Lead lead) {
            return switch (this) {
                case EMPLOYEES -> lead.employees() == null ? Double.NaN : Math.log1p(lead.employees());
                case ANNUAL_REVENUE -> lead.annualRevenue() == null ? Double.NaN : Math.log1p(lead.annualRevenue());
                default -> throw new IllegalStateException(this + " is not a numeric standard field");
            };
        }

        /** Whether the configuration leaves this field out; the email is excludable as {@code email} too. */
        boolean excludedBy(FeatureConfig config) {
            return config.excludes(source) || this == EMAIL_DOMAIN && config.excludes("email");
        }

        static LeadField ofSource(String source) {
            if (source.startsWith(CUSTOM_PREFIX)) {
                return CUSTOM;
            }
            for (LeadField f : values()) {
                if (source.equals(f.source)) {
                    return f;
                }
            }
            return null;
        }
    }

    // ---- names, used when a schema is learned

    static String levelName(String source, String level) {
        return source + '=' + level;
    }

    static String windowName(ActivityType type, int days) {
        return type.wireName() + "_last_" + days + 'd';
    }

    static String activeDaysName(int days) {
        return ACTIVE_DAYS + "_last_" + days;
    }

    static String customSource(String normalisedAttribute) {
        return CUSTOM_PREFIX + normalisedAttribute;
    }

    // ---- parsing

    /**
     * Reads what a definition computes.
     *
     * @throws IllegalArgumentException when the name, kind or group is not one this release computes
     */
    static FeatureRole parse(FeatureDefinition d) {
        String source = d.source();
        String name = d.name();
        if (!name.startsWith(source)) {
            throw unknown(d, "its name does not start with its source");
        }
        String suffix = name.substring(source.length());
        LeadField field = LeadField.ofSource(source);
        if (field != null) {
            return expect(d, parseFit(d, field, source, suffix), FeatureGroup.FIT);
        }
        return expect(d, parseEngagement(d, source, suffix), FeatureGroup.ENGAGEMENT);
    }

    private static FeatureRole parseFit(FeatureDefinition d, LeadField field, String source, String suffix) {
        String customKey = field == LeadField.CUSTOM ? source.substring(CUSTOM_PREFIX.length()) : null;
        if (field == LeadField.CUSTOM && customKey.isEmpty()) {
            throw unknown(d, "a custom source needs an attribute name");
        }
        boolean categorical = field.categorical || field == LeadField.CUSTOM;
        if (suffix.startsWith("=") && categorical) {
            String level = suffix.substring(1);
            if (level.isEmpty() || !level.equals(d.level())) {
                throw unknown(d, "a one-hot feature's level must be the text after '='");
            }
            return new FeatureRole(Op.LEVEL, field, customKey, null, 0, level);
        }
        if (d.level() != null) {
            throw unknown(d, "only one-hot features have a level");
        }
        if (suffix.equals(OTHER) && categorical) {
            return new FeatureRole(Op.OTHER, field, customKey, null, 0, null);
        }
        if (suffix.equals(MISSING)) {
            return new FeatureRole(Op.MISSING, field, customKey, null, 0, null);
        }
        if (suffix.equals(LOG1P) && (field == LeadField.EMPLOYEES || field == LeadField.ANNUAL_REVENUE)) {
            return new FeatureRole(Op.LOG1P, field, null, null, 0, null);
        }
        if (suffix.isEmpty() && field == LeadField.CUSTOM) {
            return new FeatureRole(Op.VALUE, field, customKey, null, 0, null);
        }
        if (suffix.equals(FREE_MAIL) && field == LeadField.EMAIL_DOMAIN) {
            return new FeatureRole(Op.FREE_MAIL, field, null, null, 0, null);
        }
        throw unknown(d, "unknown suffix '" + suffix + "' for source " + source);
    }

    private static FeatureRole parseEngagement(FeatureDefinition d, String source, String suffix) {
        if (d.level() != null) {
            throw unknown(d, "only one-hot features have a level");
        }
        switch (source) {
            case LAST_ACTIVITY -> {
                if (suffix.equals("_days")) {
                    return new FeatureRole(Op.LAST_ACTIVITY_DAYS, null, null, null, 0, null);
                }
                if (suffix.equals(":none")) {
                    return new FeatureRole(Op.NO_ACTIVITY, null, null, null, 0, null);
                }
                throw unknown(d, "unknown suffix '" + suffix + "' for source " + source);
            }
            case ACTIVE_DAYS -> {
                int days = parseDays(d, suffix, "_last_", "", EngagementState.ACTIVE_DAY_BITS);
                return new FeatureRole(Op.ACTIVE_DAYS, null, null, null, days, null);
            }
            case LEAD_AGE -> {
                if (suffix.equals("_days")) {
                    return new FeatureRole(Op.LEAD_AGE, null, null, null, 0, null);
                }
                throw unknown(d, "unknown suffix '" + suffix + "' for source " + source);
            }
            default -> {
                ActivityType type = ActivityType.fromWire(source)
                        .filter(t -> t.wireName().equals(source))
                        .orElseThrow(() -> unknown(d, "unknown source " + source));
                if (suffix.equals(DECAYED)) {
                    return new FeatureRole(Op.DECAYED, null, null, type, 0, null);
                }
                if (suffix.equals(SEEN)) {
                    return new FeatureRole(Op.SEEN, null, null, type, 0, null);
                }
                if (suffix.equals(TOTAL)) {
                    return new FeatureRole(Op.TOTAL, null, null, type, 0, null);
                }
                int days = parseDays(d, suffix, "_last_", "d", EngagementState.MAX_WINDOW_DAYS);
                return new FeatureRole(Op.WINDOW, null, null, type, days, null);
            }
        }
    }

    private static int parseDays(FeatureDefinition d, String suffix, String prefix, String unit, int max) {
        if (!suffix.startsWith(prefix) || !suffix.endsWith(unit) || suffix.length() <= prefix.length() + unit.length()) {
            throw unknown(d, "unknown suffix '" + suffix + "' for source " + d.source());
        }
        String digits = suffix.substring(prefix.length(), suffix.length() - unit.length());
        if (digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw unknown(d, "'" + digits + "' is not a number of days");
        }
        int days = Integer.parseInt(digits);
        if (days < 1 || days > max) {
            throw unknown(d, days + " days is outside 1.." + max);
        }
        return days;
    }

    private static FeatureRole expect(FeatureDefinition d, FeatureRole role, FeatureGroup group) {
        FeatureKind kind = switch (role.op) {
            case LEVEL, OTHER, MISSING, FREE_MAIL, SEEN, NO_ACTIVITY -> FeatureKind.INDICATOR;
            default -> FeatureKind.NUMERIC;
        };
        if (d.kind() != kind || d.group() != group) {
            throw new IllegalArgumentException("Invalid feature " + d.name() + ": kind " + d.kind() + " and group "
                    + d.group() + ", expected " + kind + " and " + group);
        }
        return role;
    }

    private static IllegalArgumentException unknown(FeatureDefinition d, String why) {
        return new IllegalArgumentException("Unknown feature " + d.name() + " (source " + d.source()
                + "): " + why + "; this release cannot compute it");
    }
}
