package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Seniority;
import io.leadscore.scoring.features.FeatureRole.Op;

import java.util.Locale;

/**
 * Plain-language phrases for the sources of a schema built by {@link FeatureSpace#learn}, in the words
 * sales uses: "3 pricing-page views in the last 7 days, 12 in all", "requested a demo", "last activity 45 days
 * ago", "lead 200 days old", "VP seniority", "industry: software", "company of 1,200 employees", "source: webinar",
 * "budget_band: high". A phrase states the value and nothing else: whether it raised or lowered the score is the
 * sign of its contribution, which the reader is shown beside it (a long silence can raise the score of a lead the
 * model knows to come back). A windowed count is an exact count, a decayed count only "about N recent" events.
 * Numbers are formatted with {@link Locale#ROOT}.
 *
 * <p>Stateless and thread-safe.
 */
public final class FeaturePhrases implements ReasonPhraser {

    /**
     * @throws IllegalArgumentException when the schema has no feature of that source, or {@code x} is not
     *                                  a vector of the schema
     */
    @Override
    public String phrase(String source, FeatureSchema schema, double[] x) {
        schema.checkVector(x);
        Features f = Features.of(source, schema, x);
        if (f.count == 0) {
            throw new IllegalArgumentException("No feature of source " + source + " in schema " + schema.fingerprint());
        }
        return switch (source) {
            case FeatureRole.LAST_ACTIVITY -> lastActivity(f);
            case FeatureRole.ACTIVE_DAYS -> activeDays(f);
            case FeatureRole.LEAD_AGE -> leadAge(f);
            default -> {
                ActivityType type = activityType(source);
                yield type != null ? activity(type, f) : fit(source, f);
            }
        };
    }

    // ---- engagement

    private static String activity(ActivityType type, Features f) {
        String recent = recentActivity(type, f);
        if (!f.has(Op.TOTAL) || f.has(Op.SEEN)) {
            return recent;
        }
        long total = Math.round(f.get(Op.TOTAL));
        if (total == 0) {
            return recent;
        }
        long recentCount = f.has(Op.WINDOW) ? Math.round(f.get(Op.WINDOW)) : aboutRecent(f.get(Op.DECAYED));
        if (f.has(Op.WINDOW) && recentCount == 0) {
            return "no " + noun(type).plural + " " + window(f.days(Op.WINDOW)) + ", " + count(total) + " before";
        }
        if (recentCount == 0) {
            return "no recent " + noun(type).plural + ", " + count(total) + " before";
        }
        return total > recentCount ? recent + ", " + count(total) + " in all" : recent;
    }

    /**
     * A decayed count as "about N recent" events: below one whole event it is what is left of older ones (one open
     * 45 days ago weighs 0.6), which "about 1 recent" would misstate, so it counts none.
     */
    private static long aboutRecent(double decayed) {
        return decayed < 1 ? 0 : Math.round(decayed);
    }

    private static String window(int days) {
        return days == 1 ? "today" : "in the last " + days + " days";
    }

    private static String recentActivity(ActivityType type, Features f) {
        Noun noun = noun(type);
        if (f.has(Op.SEEN)) {
            return f.get(Op.SEEN) >= 0.5 ? signalSeen(type) : "no " + noun.singular;
        }
        if (f.has(Op.WINDOW)) {
            int days = f.days(Op.WINDOW);
            long count = Math.round(f.get(Op.WINDOW));
            String window = window(days);
            if (count > 0) {
                return count(count) + " " + noun.of(count) + " " + window;
            }
            if (f.has(Op.DECAYED) && f.get(Op.DECAYED) > 0) {
                return "no " + noun.plural + " " + window + ", some earlier";
            }
            return "no " + noun.plural + " " + window;
        }
        double decayed = f.get(Op.DECAYED);
        long about = aboutRecent(decayed);
        if (about >= 1) {
            return "about " + count(about) + " recent " + noun.of(about);
        }
        return decayed > 0 ? "only older " + noun.plural : "no " + noun.plural;
    }

    private static String signalSeen(ActivityType type) {
        return switch (type) {
            case DEMO_REQUEST -> "requested a demo";
            case CONTACT_REQUEST -> "asked to be contacted";
            case PRICING_QUESTION -> "asked about pricing";
            case TRIAL_SIGNUP -> "signed up for a trial";
            case UNSUBSCRIBE -> "unsubscribed from emails";
            case WEBINAR_ATTENDED -> "attended a webinar";
            case WEBINAR_REGISTERED -> "registered for a webinar";
            case EVENT_ATTENDED -> "attended an event";
            case FORM_SUBMIT -> "submitted a form";
            case CONTENT_DOWNLOAD -> "downloaded content";
            case PRICING_VIEW -> "viewed the pricing page";
            case EMAIL_CLICK -> "clicked an email";
            case EMAIL_OPEN -> "opened an email";
            case PAGE_VIEW -> "viewed the website";
        };
    }

    private static String lastActivity(Features f) {
        boolean none = f.has(Op.NO_ACTIVITY) && f.get(Op.NO_ACTIVITY) >= 0.5;
        if (!f.has(Op.LAST_ACTIVITY_DAYS)) {
            return none ? "no activity yet" : "has been active";
        }
        long days = (long) Math.floor(f.get(Op.LAST_ACTIVITY_DAYS));
        if (none) {
            return days < 1 ? "no activity since it arrived today" : "no activity since it arrived " + days(days) + " ago";
        }
        if (days < 1) {
            return "last activity in the last 24 hours";
        }
        return "last activity " + days(days) + " ago";
    }

    private static String activeDays(Features f) {
        int window = f.days(Op.ACTIVE_DAYS);
        long active = Math.round(f.get(Op.ACTIVE_DAYS));
        if (active == 0) {
            return "no active days in the last " + window;
        }
        return "active on " + count(active) + " of the last " + window + " days";
    }

    private static String leadAge(Features f) {
        long days = (long) Math.floor(f.get(Op.LEAD_AGE));
        return days < 1 ? "lead less than a day old" : "lead " + days(days) + " old";
    }

    // ---- fit

    private static String fit(String source, Features f) {
        boolean missing = f.has(Op.MISSING) && f.get(Op.MISSING) >= 0.5;
        String label = label(source);
        if (source.equals(FeatureRole.LeadField.EMAIL_DOMAIN.source)) {
            if (missing) {
                return "no email address";
            }
            return f.has(Op.FREE_MAIL) && f.get(Op.FREE_MAIL) >= 0.5 ? "free-mail address" : "company email address";
        }
        if (f.has(Op.LOG1P)) {
            if (missing) {
                return label + " not given";
            }
            long value = Math.round(Math.expm1(f.get(Op.LOG1P)));
            return source.equals(FeatureRole.LeadField.EMPLOYEES.source)
                    ? "company of " + count(value) + (value == 1 ? " employee" : " employees")
                    : "annual revenue of " + count(value);
        }
        if (f.has(Op.VALUE)) {
            return missing ? label + " not given" : label + ": " + number(f.get(Op.VALUE));
        }
        if (missing) {
            return label + " not given";
        }
        String level = f.levelSet();
        if (level == null) {
            return "less common " + label;
        }
        if (source.equals(FeatureRole.LeadField.SENIORITY.source)) {
            return seniority(level);
        }
        if (source.equals(FeatureRole.LeadField.COUNTRY.source)) {
            return "country: " + level.toUpperCase(Locale.ROOT);
        }
        return label + ": " + level;
    }

    private static String seniority(String level) {
        return Seniority.fromWire(level).map(s -> switch (s) {
            case C_LEVEL -> "C-level seniority";
            case VP -> "VP seniority";
            case DIRECTOR -> "director seniority";
            case MANAGER -> "manager seniority";
            case INDIVIDUAL -> "individual-contributor seniority";
            case STUDENT -> "student";
            case UNKNOWN -> "seniority unknown";
        }).orElse("seniority: " + level);
    }

    private static String label(String source) {
        if (source.startsWith(FeatureRole.CUSTOM_PREFIX)) {
            return source.substring(FeatureRole.CUSTOM_PREFIX.length());
        }
        return source.equals(FeatureRole.LeadField.ANNUAL_REVENUE.source) ? "annual revenue"
                : source.equals(FeatureRole.LeadField.EMPLOYEES.source) ? "company size" : source;
    }

    // ---- words and numbers

    private record Noun(String singular, String plural) {
        String of(long n) {
            return n == 1 ? singular : plural;
        }
    }

    private static Noun noun(ActivityType type) {
        return switch (type) {
            case PAGE_VIEW -> new Noun("page view", "page views");
            case PRICING_VIEW -> new Noun("pricing-page view", "pricing-page views");
            case CONTENT_DOWNLOAD -> new Noun("content download", "content downloads");
            case WEBINAR_REGISTERED -> new Noun("webinar registration", "webinar registrations");
            case WEBINAR_ATTENDED -> new Noun("webinar attended", "webinars attended");
            case EMAIL_OPEN -> new Noun("email open", "email opens");
            case EMAIL_CLICK -> new Noun("email click", "email clicks");
            case FORM_SUBMIT -> new Noun("form submission", "form submissions");
            case DEMO_REQUEST -> new Noun("demo request", "demo requests");
            case CONTACT_REQUEST -> new Noun("contact request", "contact requests");
            case PRICING_QUESTION -> new Noun("pricing question", "pricing questions");
            case TRIAL_SIGNUP -> new Noun("trial signup", "trial signups");
            case EVENT_ATTENDED -> new Noun("event attended", "events attended");
            case UNSUBSCRIBE -> new Noun("unsubscribe", "unsubscribes");
        };
    }

    private static ActivityType activityType(String source) {
        for (ActivityType type : ActivityType.values()) {
            if (type.wireName().equals(source)) {
                return type;
            }
        }
        return null;
    }

    /**
     * {@code n} with a comma between groups of three digits, as {@code String.format(Locale.ROOT, "%,d", n)} writes
     * it, without a Formatter: live answers phrase every touched lead's reasons, and the Formatter was a fifth of
     * the phrasing's cost.
     */
    static String count(long n) {
        String digits = Long.toString(n);
        if (n > -1000 && n < 1000) {
            return digits;
        }
        int sign = n < 0 ? 1 : 0;
        int length = digits.length() - sign;
        StringBuilder b = new StringBuilder(digits.length() + length / 3);
        b.append(digits, 0, sign);
        for (int i = 0; i < length; i++) {
            if (i > 0 && (length - i) % 3 == 0) {
                b.append(',');
            }
            b.append(digits.charAt(sign + i));
        }
        return b.toString();
    }

    private static String days(long n) {
        return count(n) + (n == 1 ? " day" : " days");
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return count((long) value);
        }
        String text = String.format(Locale.ROOT, "%,.2f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** The features of one source, their roles and values. */
    private static final class Features {
        final FeatureRole[] roles;
        final double[] values;
        int count;

        private Features(int capacity) {
            roles = new FeatureRole[capacity];
            values = new double[capacity];
        }

        static Features of(String source, FeatureSchema schema, double[] x) {
            Features f = new Features(schema.size());
            for (int i = 0; i < schema.size(); i++) {
                FeatureDefinition d = schema.get(i);
                if (d.source().equals(source)) {
                    f.roles[f.count] = FeatureRole.parse(d);
                    f.values[f.count] = x[i];
                    f.count++;
                }
            }
            return f;
        }

        boolean has(Op op) {
            return find(op) >= 0;
        }

        double get(Op op) {
            int k = find(op);
            if (k < 0) {
                throw new IllegalStateException("No " + op + " feature");
            }
            return values[k];
        }

        int days(Op op) {
            return roles[find(op)].days();
        }

        /** The one-hot level that is set, or {@code null}. */
        String levelSet() {
            for (int k = 0; k < count; k++) {
                if (roles[k].op() == Op.LEVEL && values[k] >= 0.5) {
                    return roles[k].level();
                }
            }
            return null;
        }

        private int find(Op op) {
            for (int k = 0; k < count; k++) {
                if (roles[k].op() == op) {
                    return k;
                }
            }
            return -1;
        }
    }
}
