package io.leadscore.data.synthetic;

/**
 * The accounts leads come from. Several people of one company become leads
 * (larger companies send more), so leads share firmographics, and a second
 * lead of an account sales is already working is a duplicate.
 */
final class CompanyPool {
    final String[] names;
    final String[] domains;
    final int[] industry;
    final int[] segment;
    final long[] employees;
    final double[] annualRevenue;
    final int[] country;
    final int[] offsetMinutes;
    final int[] techStack;
    final int[] websiteScore;
    /** Reps 0–9 work from Europe, 10–15 from the Americas (US, Canada, Brazil accounts). */
    static final int AMERICAS_FIRST_REP = 10;
    /** The sales rep who owns the account. */
    final int[] rep;
    /** The latest first follow-up of any of the company's leads so far (epoch millis), {@link Long#MIN_VALUE} if none. */
    final long[] lastWorkedAt;
    private final double[] leadWeightCumulative;

    CompanyPool(int size, Rng rng) {
        names = new String[size];
        domains = new String[size];
        industry = new int[size];
        segment = new int[size];
        employees = new long[size];
        annualRevenue = new double[size];
        country = new int[size];
        offsetMinutes = new int[size];
        techStack = new int[size];
        websiteScore = new int[size];
        rep = new int[size];
        lastWorkedAt = new long[size];
        leadWeightCumulative = new double[size];
        StringBuilder text = new StringBuilder(64);
        StringBuilder stem = new StringBuilder(32);
        double cumulative = 0;
        for (int c = 0; c < size; c++) {
            industry[c] = rng.pick(Catalog.INDUSTRY_CUMULATIVE);
            segment[c] = rng.pick(Catalog.SEGMENT_CUMULATIVE);
            employees[c] = drawEmployees(segment[c], rng);
            // Revenue follows size with a per-company productivity spread (lognormal, sd 0.5 in log units).
            double revenue = employees[c] * Catalog.INDUSTRY_REVENUE_PER_EMPLOYEE[industry[c]] * rng.logNormal(1, 0.5);
            annualRevenue[c] = revenue >= 10_000_000 ? Math.round(revenue / 100_000) * 100_000.0 : Math.round(revenue / 1_000) * 1_000.0;
            country[c] = rng.pick(Catalog.COUNTRY_CUMULATIVE);
            offsetMinutes[c] = country[c] == 0
                    ? Catalog.US_OFFSETS[rng.pick(Catalog.US_OFFSET_CUMULATIVE)]
                    : Catalog.COUNTRY_OFFSET_MINUTES[country[c]];
            // Larger companies run a real CRM; small ones more often spreadsheets.
            techStack[c] = segment[c] == Catalog.SMB && rng.chance(0.15) ? 5 : rng.pick(Catalog.TECH_CUMULATIVE);
            websiteScore[c] = (int) Math.max(0, Math.min(100, Math.round(rng.gaussian(48 + 9 * segment[c], 17))));
            boolean americas = country[c] == 0 || country[c] == 1 || country[c] == 13;
            rep[c] = americas ? AMERICAS_FIRST_REP + rng.nextInt(Catalog.REPS - AMERICAS_FIRST_REP) : rng.nextInt(AMERICAS_FIRST_REP);
            lastWorkedAt[c] = Long.MIN_VALUE;
            name(c, rng, text, stem);
            names[c] = text.toString();
            domains[c] = stem.append(".example").toString();
            cumulative += Catalog.SEGMENT_LEAD_WEIGHT[segment[c]] * rng.logNormal(1, 0.6);
            leadWeightCumulative[c] = cumulative;
        }
    }

    /** 0 for the European team, 1 for the Americas. */
    static int team(int rep) {
        return rep >= AMERICAS_FIRST_REP ? 1 : 0;
    }

    int size() {
        return names.length;
    }

    /** A company for a new lead, larger and more popular accounts more often. */
    int pickForLead(Rng rng) {
        return rng.pick(leadWeightCumulative);
    }

    private static long drawEmployees(int segment, Rng rng) {
        double e = switch (segment) {
            case Catalog.SMB -> StrictMath.exp(rng.uniform(StrictMath.log(2), StrictMath.log(200)));
            case Catalog.MID_MARKET -> StrictMath.exp(rng.uniform(StrictMath.log(200), StrictMath.log(2_000)));
            // Pareto tail (shape 1.1) above 2,000 people, capped at the size of the largest employers.
            default -> Math.min(400_000, 2_000 / StrictMath.pow(1 - rng.uniform(), 1 / 1.1));
        };
        long n = Math.min((long) e, segment == Catalog.SMB ? 199 : segment == Catalog.MID_MARKET ? 1_999 : 400_000);
        return Math.max(n, 1);
    }

    /** Writes the legal name into {@code name} and the ASCII domain stem (brand and industry word) into {@code stem}. */
    private void name(int c, Rng rng, StringBuilder name, StringBuilder stem) {
        name.setLength(0);
        stem.setLength(0);
        String[] word = Catalog.COMPANY_WORDS[rng.nextInt(Catalog.COMPANY_WORDS.length)];
        String[] nouns = Catalog.INDUSTRY_COMPANY_NOUNS[industry[c]];
        String noun = nouns[rng.nextInt(nouns.length)];
        String[] suffixes = Catalog.COMPANY_SUFFIXES[country[c]];
        String suffix = suffixes[rng.nextInt(suffixes.length)];
        double form = rng.uniform();
        if (form < 0.035) {
            String last = Catalog.LAST_NAMES[rng.nextInt(Catalog.LAST_NAMES.length)];
            name.append(Character.toUpperCase(last.charAt(0))).append(last, 1, last.length()).append(" & Sons, ").append(suffix);
            stem.append(last).append("-sons");
            return;
        }
        if (form < 0.05) {
            // Quoted brand inside the legal name, as in many European registers.
            name.append('"').append(word[0]).append("\" ").append(noun).append(' ').append(suffix);
        } else if (form < 0.30) {
            name.append(word[0]).append(' ').append(noun).append(", ").append(suffix);
        } else if (form < 0.70) {
            name.append(word[0]).append(' ').append(noun).append(' ').append(suffix);
        } else {
            name.append(word[0]).append(' ').append(noun);
        }
        stem.append(word[1]);
        if (rng.chance(0.5)) {
            stem.append('-');
            for (int i = 0; i < noun.length(); i++) {
                char ch = noun.charAt(i);
                if (ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z') {
                    stem.append(Character.toLowerCase(ch));
                }
            }
        }
    }
}
