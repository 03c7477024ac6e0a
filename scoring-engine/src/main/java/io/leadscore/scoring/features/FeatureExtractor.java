package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.features.FeatureRole.LeadField;
import io.leadscore.scoring.features.FeatureRole.Op;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a lead and its {@link EngagementState} as of a time T into the vector
 * of a {@link FeatureSchema}: the fit part from the lead's fields, the
 * engagement part from the state. Training rows and nightly scoring rows go
 * through the same {@link #extractInto} (no train/serve skew).
 *
 * <p>Built from a schema and its {@link FeatureSettings} alone ({@link #forSchema}), so a model file
 * that stores the two rebuilds the extractor it was trained with.
 *
 * <p>Values:
 * <ul>
 *   <li>one-hot levels compare the field trimmed, in lower case, with inner whitespace collapsed; a value
 *       that is not a learned level sets {@code :other}, an absent or blank one {@code :missing};</li>
 *   <li>a numeric field without a value (or, for a numeric custom attribute, with text that is not a
 *       number) takes the training median from the settings and sets its {@code :missing} indicator;</li>
 *   <li>{@code last_activity_days} of a lead without activity is its age at T, the time it has been
 *       silent, with {@code last_activity:none} set; ages are clamped at 0 (a lead created after T).</li>
 * </ul>
 *
 * <p>The nightly path, per partition thread, with one reused state and vector:
 * <pre>{@code
 * EngagementState state = extractor.newState(t);
 * double[] x = new double[extractor.schema().size()];
 * for each open lead:
 *     if (stored bytes) state.readFrom(bytes);                 // as of the previous run S
 *     if (!stored bytes || !extractor.accepts(state)) {         // new lead, or the model's settings changed
 *         extractor.resetState(state, t); add the lead's full history (state.add), skip the two steps below
 *     }
 *     state.advanceTo(t);
 *     for each event imported since S: if (!state.add(type, occurredAtMillis)) keep it for the next run;
 *     extractor.extractInto(lead, state, t, x);                 // score x
 *     store state.toBytes();                                    // the state as of t
 * }</pre>
 * An event that occurred before S but arrived after it is added exactly (decay is memoryless); one at
 * or after t is not counted now and must be offered again to a later run.
 *
 * <p>Immutable and thread-safe. {@link #extractInto} allocates nothing, except a key iterator when a
 * lead lacks a learned custom attribute under its exact normalised name and has other attributes: the
 * case-insensitive fallback scans the keys of the lead's map.
 */
public final class FeatureExtractor {
    private static final double DAY = EngagementState.DAY_MILLIS;

    private final FeatureSchema schema;
    private final FeatureSettings settings;
    private final Categorical[] categoricals;
    private final Numeric[] numerics;
    private final int freeMailIndex;
    private final int emailMissingIndex;
    private final int[] engagementIndex;
    private final Op[] engagementOp;
    private final ActivityType[] engagementType;
    private final int[] engagementDays;

    private FeatureExtractor(FeatureSchema schema, FeatureSettings settings) {
        this.schema = schema;
        this.settings = settings;
        Map<String, Categorical> categoricalBySource = new LinkedHashMap<>();
        Map<String, Numeric> numericBySource = new LinkedHashMap<>();
        int freeMail = -1;
        int emailMissing = -1;
        List<Integer> engIndex = new ArrayList<>();
        List<FeatureRole> engRoles = new ArrayList<>();
        Map<String, Boolean> customIsNumeric = customKinds(schema);

        for (int i = 0; i < schema.size(); i++) {
            FeatureDefinition d = schema.get(i);
            FeatureRole role = FeatureRole.parse(d);
            if (d.group() == FeatureGroup.ENGAGEMENT) {
                checkWindow(d, role);
                engIndex.add(i);
                engRoles.add(role);
                continue;
            }
            LeadField field = role.field();
            if (field == LeadField.EMAIL_DOMAIN) {
                if (role.op() == Op.FREE_MAIL) {
                    freeMail = i;
                } else {
                    emailMissing = i;
                }
                continue;
            }
            boolean numeric = field == LeadField.CUSTOM ? customIsNumeric.get(d.source()) : !field.categorical;
            if (numeric) {
                Numeric n = numericBySource.computeIfAbsent(d.source(), s -> new Numeric(field, role.customKey()));
                if (role.op() == Op.MISSING) {
                    n.missingIndex = i;
                } else {
                    n.valueIndex = i;
                    n.imputation = settings.imputation(d.name());
                }
            } else {
                Categorical c = categoricalBySource.computeIfAbsent(d.source(), s -> new Categorical(field, role.customKey()));
                switch (role.op()) {
                    case LEVEL -> c.addLevel(role.level(), i);
                    case OTHER -> c.otherIndex = i;
                    default -> c.missingIndex = i;
                }
            }
        }
        this.categoricals = categoricalBySource.values().toArray(Categorical[]::new);
        this.numerics = numericBySource.values().toArray(Numeric[]::new);
        this.freeMailIndex = freeMail;
        this.emailMissingIndex = emailMissing;
        this.engagementIndex = engIndex.stream().mapToInt(Integer::intValue).toArray();
        this.engagementOp = engRoles.stream().map(FeatureRole::op).toArray(Op[]::new);
        this.engagementType = engRoles.stream().map(FeatureRole::type).toArray(ActivityType[]::new);
        this.engagementDays = engRoles.stream().mapToInt(FeatureRole::days).toArray();
    }

    /**
     * The extractor for a schema.
     *
     * @throws IllegalArgumentException when a feature is not one this release computes, a numeric feature
     *                                  has no imputation in the settings, or a windowed count is longer than
     *                                  the settings' window
     */
    public static FeatureExtractor forSchema(FeatureSchema schema, FeatureSettings settings) {
        return new FeatureExtractor(Objects.requireNonNull(schema, "schema"), Objects.requireNonNull(settings, "settings"));
    }

    public FeatureSchema schema() {
        return schema;
    }

    public FeatureSettings settings() {
        return settings;
    }

    /** An engagement state without events, as of {@code asOf}, with this extractor's half-life and window. */
    public EngagementState newState(Instant asOf) {
        return settings.newState(asOf);
    }

    /** Empties a (reused) state and gives it this extractor's half-life and window, as of {@code asOfMillis}. */
    public void resetState(EngagementState state, long asOfMillis) {
        state.reset(settings.halfLifeDays(), settings.windowDays(), asOfMillis);
    }

    /**
     * The state of a lead's activities as of {@code asOf}: those that occurred strictly before it, in any
     * order; later ones are ignored.
     */
    public EngagementState stateOf(Iterable<Activity> activities, Instant asOf) {
        EngagementState state = newState(asOf);
        state.addAll(activities);
        return state;
    }

    /** Whether a stored state was built with this extractor's half-life and window (else rebuild it). */
    public boolean accepts(EngagementState state) {
        return settings.fits(state);
    }

    /** The vector of a lead from its raw activities as of {@code asOf} (only those strictly before it count). */
    public double[] extract(Lead lead, Iterable<Activity> activities, Instant asOf) {
        return extract(lead, stateOf(activities, asOf), asOf);
    }

    /** {@link #extractInto} into a new array. */
    public double[] extract(Lead lead, EngagementState state, Instant asOf) {
        double[] out = new double[schema.size()];
        extractInto(lead, state, asOf, out);
        return out;
    }

    /**
     * Writes the vector of a lead as of {@code asOf} into {@code out}, without allocating (but see the
     * class comment on custom attribute names).
     *
     * @param state the lead's engagement state, as of exactly {@code asOf}
     * @throws IllegalArgumentException when {@code out} is not of the schema's size, or the state is as of
     *                                  another time or was built with other settings
     */
    public void extractInto(Lead lead, EngagementState state, Instant asOf, double[] out) {
        extractInto(lead, state, asOf.toEpochMilli(), out);
    }

    /** {@link #extractInto(Lead, EngagementState, Instant, double[])} with the time in epoch milliseconds. */
    public void extractInto(Lead lead, EngagementState state, long asOfMillis, double[] out) {
        schema.checkVector(out);
        if (!settings.fits(state)) {
            throw new IllegalArgumentException("Engagement state built with half-life " + state.halfLifeDays()
                    + " d and window " + state.windowDays() + " d" + (state.totalsKnown() ? "" : " and no totals")
                    + ", expected " + settings.halfLifeDays() + " d and " + settings.windowDays()
                    + " d with totals: rebuild it from the lead's history");
        }
        if (state.asOfMillis() != asOfMillis) {
            throw new IllegalArgumentException("Engagement state is as of " + state.asOf() + ", expected "
                    + Instant.ofEpochMilli(asOfMillis) + ": roll it forward first");
        }
        Arrays.fill(out, 0.0);
        for (Categorical c : categoricals) {
            c.encode(lead, out);
        }
        for (Numeric n : numerics) {
            n.encode(lead, out);
        }
        if (freeMailIndex >= 0 || emailMissingIndex >= 0) {
            String email = lead.email();
            int domain = EmailDomains.domainStart(email);
            if (domain < 0) {
                setIfPresent(out, emailMissingIndex);
            } else if (freeMailIndex >= 0 && EmailDomains.isFreeMail(email, domain)) {
                out[freeMailIndex] = 1;
            }
        }
        double ageDays = Math.max(0, (asOfMillis - lead.createdAt().toEpochMilli()) / DAY);
        for (int k = 0; k < engagementIndex.length; k++) {
            out[engagementIndex[k]] = switch (engagementOp[k]) {
                case DECAYED -> state.decayedCount(engagementType[k]);
                case WINDOW -> state.windowCount(engagementType[k], engagementDays[k]);
                case SEEN -> state.seen(engagementType[k]) ? 1 : 0;
                case TOTAL -> state.total(engagementType[k]);
                case LAST_ACTIVITY_DAYS -> state.hasActivity() ? (asOfMillis - state.lastActivityMillis()) / DAY : ageDays;
                case NO_ACTIVITY -> state.hasActivity() ? 0 : 1;
                case ACTIVE_DAYS -> state.activeDays(engagementDays[k]);
                case LEAD_AGE -> ageDays;
                default -> throw new IllegalStateException("Not an engagement feature: " + engagementOp[k]);
            };
        }
    }

    @Override
    public String toString() {
        return "FeatureExtractor[" + schema + ", half-life " + settings.halfLifeDays() + " d]";
    }

    // ---- compilation helpers

    /** For each custom source: numeric when it has a value feature, categorical otherwise. */
    private static Map<String, Boolean> customKinds(FeatureSchema schema) {
        Map<String, Boolean> numeric = new LinkedHashMap<>();
        Map<String, Boolean> categorical = new LinkedHashMap<>();
        for (FeatureDefinition d : schema.features()) {
            if (d.group() != FeatureGroup.FIT || !d.source().startsWith(FeatureRole.CUSTOM_PREFIX)) {
                continue;
            }
            FeatureRole role = FeatureRole.parse(d);
            numeric.merge(d.source(), role.op() == Op.VALUE, Boolean::logicalOr);
            categorical.merge(d.source(), role.op() == Op.LEVEL || role.op() == Op.OTHER, Boolean::logicalOr);
        }
        numeric.forEach((source, isNumeric) -> {
            if (isNumeric && categorical.get(source)) {
                throw new IllegalArgumentException("Invalid schema: custom attribute " + source
                        + " has both a numeric value and one-hot levels");
            }
        });
        return numeric;
    }

    private void checkWindow(FeatureDefinition d, FeatureRole role) {
        if (role.op() == Op.WINDOW && role.days() > settings.windowDays()) {
            throw new IllegalArgumentException("Feature " + d.name() + " counts " + role.days()
                    + " days, but the engagement state keeps " + settings.windowDays());
        }
    }

    private static void setIfPresent(double[] out, int index) {
        if (index >= 0) {
            out[index] = 1;
        }
    }

    /**
     * Reads a custom attribute by its normalised name. When the lead's map holds it under another
     * spelling ("Budget Band"), a scan of the keys finds it; that scan costs one key iterator, the only
     * allocation of {@link #extractInto}, and only for a lead without the exact normalised key.
     */
    static String customValue(Lead lead, String normalisedKey) {
        Map<String, String> attributes = lead.customAttributes();
        String value = attributes.get(normalisedKey);
        if (value != null || attributes.isEmpty()) {
            return value;
        }
        for (String key : attributes.keySet()) {
            if (Text.normalisedEquals(key, normalisedKey)) {
                String candidate = attributes.get(key);
                if (!Text.isBlank(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static final class Categorical {
        final LeadField field;
        final String customKey;
        String[] levels = new String[0];
        int[] levelHash = new int[0];
        int[] levelIndex = new int[0];
        int otherIndex = -1;
        int missingIndex = -1;

        Categorical(LeadField field, String customKey) {
            this.field = field;
            this.customKey = customKey;
        }

        void addLevel(String level, int index) {
            levels = Arrays.copyOf(levels, levels.length + 1);
            levelHash = Arrays.copyOf(levelHash, levelHash.length + 1);
            levelIndex = Arrays.copyOf(levelIndex, levelIndex.length + 1);
            levels[levels.length - 1] = level;
            levelHash[levelHash.length - 1] = level.hashCode();
            levelIndex[levelIndex.length - 1] = index;
        }

        void encode(Lead lead, double[] out) {
            String raw = field == LeadField.CUSTOM ? customValue(lead, customKey) : field.text(lead);
            if (Text.isBlank(raw)) {
                setIfPresent(out, missingIndex);
                return;
            }
            int hash = Text.normalisedHash(raw);
            for (int l = 0; l < levels.length; l++) {
                if (levelHash[l] == hash && Text.normalisedEquals(raw, levels[l])) {
                    out[levelIndex[l]] = 1;
                    return;
                }
            }
            setIfPresent(out, otherIndex);
        }
    }

    private static final class Numeric {
        final LeadField field;
        final String customKey;
        int valueIndex = -1;
        int missingIndex = -1;
        double imputation;

        Numeric(LeadField field, String customKey) {
            this.field = field;
            this.customKey = customKey;
        }

        void encode(Lead lead, double[] out) {
            double value = field == LeadField.CUSTOM ? Text.parseNumber(customValue(lead, customKey)) : field.log1p(lead);
            if (Double.isNaN(value)) {
                setIfPresent(out, missingIndex);
                if (valueIndex >= 0) {
                    out[valueIndex] = imputation;
                }
            } else if (valueIndex >= 0) {
                out[valueIndex] = value;
            }
        }
    }
}
