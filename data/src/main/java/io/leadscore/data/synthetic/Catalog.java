package io.leadscore.data.synthetic;

import io.leadscore.scoring.domain.Seniority;
import java.util.Locale;

/**
 * The fixed vocabulary of the synthetic world: industries, countries,
 * seniorities, departments, sources, the company's own fields, and the
 * names of pages, assets, webinars and events. The weights are the world's
 * design choices (documented in data/README.md), not measurements.
 *
 * <p>Everything here is built once; the generator only picks indices and
 * writes the prebuilt strings.
 */
final class Catalog {
    private Catalog() {
    }

    // ---- Industries: name, share of companies, fit, revenue per employee (currency units) ----
    static final String[] INDUSTRIES = {
        "Software", "Financial Services", "Telecommunications", "Manufacturing", "Professional Services",
        "Logistics", "Healthcare", "Retail", "Energy", "Media", "Education", "Government", "Non-profit",
        "Hospitality"};
    static final double[] INDUSTRY_CUMULATIVE = Rng.cumulative(
        0.16, 0.10, 0.04, 0.12, 0.10, 0.06, 0.08, 0.08, 0.03, 0.05, 0.07, 0.04, 0.03, 0.04);
    static final int EDUCATION = 10;
    static final double[] INDUSTRY_FIT = {
        0.9, 0.6, 0.3, 0.2, 0.3, 0.2, 0.0, -0.1, 0.1, -0.3, -0.8, -0.9, -1.0, -0.5};
    static final double[] INDUSTRY_REVENUE_PER_EMPLOYEE = {
        250_000, 400_000, 350_000, 300_000, 180_000, 250_000, 200_000, 220_000, 600_000, 200_000, 100_000,
        150_000, 90_000, 80_000};
    /** How each industry is spelled in the export: canonical, lower, upper, padded: the importer normalises case and spaces. */
    static final String[][] INDUSTRY_SPELLINGS = spellings(INDUSTRIES);
    static final double[] SPELLING_CUMULATIVE = Rng.cumulative(0.72, 0.10, 0.06, 0.05, 0.04, 0.03);

    // ---- Countries (ISO 3166-1 alpha-2): share, fit (served markets), UTC offset in minutes, company suffixes ----
    static final String[] COUNTRIES = {
        "US", "CA", "GB", "DE", "FR", "NL", "SE", "CH", "ES", "IT", "PL", "AU", "IN", "BR", "SG", "JP"};
    static final double[] COUNTRY_CUMULATIVE = Rng.cumulative(
        0.34, 0.05, 0.10, 0.11, 0.05, 0.04, 0.02, 0.02, 0.03, 0.03, 0.02, 0.04, 0.08, 0.03, 0.02, 0.02);
    static final double[] COUNTRY_FIT = {
        0.3, 0.2, 0.3, 0.3, 0.1, 0.3, 0.2, 0.2, 0.0, -0.1, -0.2, 0.1, -0.7, -0.6, 0.0, -0.5};
    /** Standard-time offsets; the US spreads over four zones (see {@link #US_OFFSETS}). */
    static final int[] COUNTRY_OFFSET_MINUTES = {
        -300, -300, 0, 60, 60, 60, 60, 60, 60, 60, 60, 600, 330, -180, 480, 540};
    static final int[] US_OFFSETS = {-300, -360, -420, -480};
    static final double[] US_OFFSET_CUMULATIVE = Rng.cumulative(0.47, 0.29, 0.07, 0.17);
    static final String[][] COMPANY_SUFFIXES = {
        {"Inc.", "LLC", "Corp.", "Co."}, {"Inc.", "Ltd."}, {"Ltd", "plc", "Limited"}, {"GmbH", "AG", "GmbH & Co. KG"},
        {"SA", "SAS"}, {"B.V.", "N.V."}, {"AB"}, {"AG", "GmbH", "SA"}, {"S.L.", "S.A."}, {"S.p.A.", "S.r.l."},
        {"sp. z o.o.", "S.A."}, {"Pty Ltd"}, {"Pvt. Ltd.", "Limited"}, {"Ltda.", "S.A."}, {"Pte. Ltd."},
        {"K.K.", "Co., Ltd."}};

    // ---- Segments by company size (employees) ----
    static final int SMB = 0;
    static final int MID_MARKET = 1;
    static final int ENTERPRISE = 2;
    static final String[] SEGMENT_NAMES = {"smb", "mid_market", "enterprise"};
    static final double[] SEGMENT_CUMULATIVE = Rng.cumulative(0.60, 0.28, 0.12);
    static final double[] SEGMENT_FIT = {-0.3, 0.35, 0.4};
    /** Companies of a larger segment send more leads (several people, several teams). */
    static final double[] SEGMENT_LEAD_WEIGHT = {1.0, 2.0, 3.5};

    // ---- Seniority (contract values), share, fit ----
    static final Seniority[] SENIORITIES = Seniority.values();
    static final double[] SENIORITY_CUMULATIVE = Rng.cumulative(0.07, 0.08, 0.14, 0.25, 0.33, 0.06, 0.07);
    static final double[] SENIORITY_FIT = {0.35, 0.55, 0.55, 0.3, -0.25, -2.0, -0.4};

    // ---- Departments: wire name, share, fit, title word ----
    static final String[] DEPARTMENTS = {
        "it", "marketing", "sales", "operations", "finance", "hr", "engineering", "procurement"};
    static final double[] DEPARTMENT_CUMULATIVE = Rng.cumulative(0.20, 0.22, 0.16, 0.14, 0.10, 0.06, 0.07, 0.05);
    static final double[] DEPARTMENT_FIT = {0.3, 0.4, 0.45, 0.2, 0.1, -0.6, 0.0, -0.2};
    static final String[] DEPARTMENT_TITLE_WORDS = {
        "IT", "Marketing", "Sales", "Operations", "Finance", "Human Resources", "Engineering", "Procurement"};
    static final String[][] DEPARTMENT_SPELLINGS = spellings(DEPARTMENTS);

    // ---- Sources (contract examples): share, intent shift, campaign tag ----
    static final String[] SOURCES = {
        "organic_search", "paid_search", "content", "webinar", "event", "referral", "partner", "outbound"};
    static final int ORGANIC = 0;
    static final int PAID = 1;
    static final int CONTENT = 2;
    static final int WEBINAR = 3;
    static final int EVENT = 4;
    static final int REFERRAL = 5;
    static final int PARTNER = 6;
    static final int OUTBOUND = 7;
    static final double[] SOURCE_CUMULATIVE = Rng.cumulative(0.23, 0.18, 0.14, 0.10, 0.08, 0.07, 0.06, 0.14);
    static final double[] SOURCE_INTENT = {0.1, -0.1, -0.25, 0.05, 0.0, 0.6, 0.35, -0.8};
    static final String[][] SOURCE_SPELLINGS = spellings(SOURCES);

    // ---- The company's own fields (custom columns of leads.csv) ----
    static final String[] BUDGET_BANDS = {"< 10k", "10k-50k", "50k-250k", "250k+"};
    static final double[][] BUDGET_CUMULATIVE_BY_SEGMENT = {
        Rng.cumulative(0.45, 0.40, 0.12, 0.03), Rng.cumulative(0.15, 0.40, 0.35, 0.10),
        Rng.cumulative(0.05, 0.20, 0.40, 0.35)};
    static final double[] BUDGET_FIT = {-0.7, 0.0, 0.45, 0.6};
    static final String[] TECH_STACKS = {
        "Salesforce", "HubSpot", "Microsoft Dynamics", "Pipedrive", "Zoho", "Spreadsheets", "Other"};
    static final double[] TECH_CUMULATIVE = Rng.cumulative(0.26, 0.22, 0.10, 0.09, 0.07, 0.16, 0.10);
    static final double[] TECH_FIT = {0.45, 0.35, 0.15, 0.0, -0.1, -0.5, -0.15};
    /** Filled by the rep after contact: it reflects how the lead went, so a model must not learn from it. */
    static final String VERDICT_HOT = "Hot";
    static final String VERDICT_WARM = "Warm";
    static final String VERDICT_COLD = "Cold";
    static final String VERDICT_UNQUALIFIED = "Unqualified";
    static final String VERDICT_NO_RESPONSE = "No response";

    // ---- People and companies ----
    static final String[] FIRST_NAMES = {
        "james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "david", "sarah", "daniel",
        "laura", "thomas", "anna", "lukas", "julia", "felix", "lea", "jonas", "sophie", "pierre", "camille",
        "louis", "chloe", "lars", "ingrid", "sven", "emma", "pedro", "lucia", "marco", "giulia", "piotr", "agnieszka",
        "priya", "rahul", "ananya", "arjun", "wei", "mei", "hiroshi", "yuki", "lucas", "mariana", "oliver",
        "amelia", "jack", "isla", "noah", "olivia", "liam", "ava", "ethan", "mia", "samuel", "grace", "daan",
        "sanne", "kevin", "nina"};
    static final String[] LAST_NAMES = {
        "smith", "johnson", "williams", "brown", "jones", "miller", "davis", "garcia", "wilson", "taylor", "anderson",
        "thomas", "moore", "martin", "lee", "clark", "lewis", "walker", "young", "king", "mueller", "schmidt",
        "schneider", "fischer", "weber", "meyer", "wagner", "becker", "dubois", "bernard", "moreau", "laurent",
        "jansen", "devries", "bakker", "andersson", "johansson", "nilsson", "rossi", "russo", "ferrari", "nowak",
        "kowalski", "fernandez", "lopez", "martinez", "sharma", "patel", "gupta", "singh", "kumar", "wang", "li",
        "chen", "tanaka", "suzuki", "silva", "santos", "oliveira", "obrien"};
    /** Free-mail domains on the reserved {@code .example} top-level domain: the addresses look real and reach no one. */
    static final String[] FREE_MAIL_DOMAINS = {"gmail.example", "outlook.example", "yahoo.example", "gmx.example", "icloud.example"};
    static final double[] FREE_MAIL_CUMULATIVE = Rng.cumulative(0.45, 0.22, 0.13, 0.10, 0.10);

    /** Company name words: display spelling and the ASCII form used in the domain. */
    static final String[][] COMPANY_WORDS = {
        {"Northwind", "northwind"}, {"Bluebird", "bluebird"}, {"Granite", "granite"}, {"Silverline", "silverline"},
        {"Crescent", "crescent"}, {"Summit", "summit"}, {"Harbor", "harbor"}, {"Redwood", "redwood"},
        {"Brightpath", "brightpath"}, {"Ironbridge", "ironbridge"}, {"Lakeside", "lakeside"}, {"Meridian", "meridian"},
        {"Nordlicht", "nordlicht"}, {"Alpenblick", "alpenblick"}, {"Müller", "mueller"}, {"Société Lumière", "lumiere"},
        {"Sørensen", "soerensen"}, {"Vista", "vista"}, {"Quantum", "quantum"}, {"Pioneer", "pioneer"},
        {"Atlas", "atlas"}, {"Evergreen", "evergreen"}, {"Falcon", "falcon"}, {"Helix", "helix"}, {"Keystone", "keystone"},
        {"Orion", "orion"}, {"Polaris", "polaris"}, {"Riverbend", "riverbend"}, {"Sterling", "sterling"},
        {"Tidewater", "tidewater"}, {"Vantage", "vantage"}, {"Westbrook", "westbrook"}, {"Zenith", "zenith"},
        {"Copperleaf", "copperleaf"}, {"Blackstone Mill", "blackstonemill"}, {"Oakridge", "oakridge"},
        {"Sunrise", "sunrise"}, {"Lumen", "lumen"}, {"Kite", "kite"}, {"Mosaic", "mosaic"}};
    static final String[][] INDUSTRY_COMPANY_NOUNS = {
        {"Software", "Labs", "Cloud", "Systems", "Data"},
        {"Capital", "Bank", "Insurance", "Finance", "Payments"},
        {"Telecom", "Networks", "Communications"},
        {"Manufacturing", "Industries", "Maschinenbau", "Components", "Tools"},
        {"Consulting", "Partners", "Advisory", "Associates"},
        {"Logistics", "Freight", "Transport", "Shipping"},
        {"Health", "Clinics", "Medical", "Care"},
        {"Retail", "Stores", "Outfitters", "Market"},
        {"Energy", "Power", "Renewables"},
        {"Media", "Studios", "Publishing"},
        {"Academy", "University", "Learning", "School"},
        {"County Services", "City Council", "Agency"},
        {"Foundation", "Trust", "Relief"},
        {"Hotels", "Hospitality", "Resorts"}};

    // ---- Job titles by seniority and department (quotes and commas on purpose: exports have them) ----
    /** Titles at {@link #index(Seniority, int)}. */
    static final String[][] TITLES = buildTitles();

    private static String[][] buildTitles() {
        String[][] table = new String[SENIORITIES.length * DEPARTMENTS.length][];
        String[] chiefs = {"CIO", "CMO", "Chief Revenue Officer", "COO", "CFO", "Chief People Officer", "CTO",
            "Chief Procurement Officer"};
        for (int d = 0; d < DEPARTMENTS.length; d++) {
            String word = DEPARTMENT_TITLE_WORDS[d];
            table[index(Seniority.C_LEVEL, d)] = new String[] {chiefs[d], "CEO", "Founder & CEO", "Co-Founder, CEO"};
            table[index(Seniority.VP, d)] = new String[] {"VP of " + word, "Vice President, " + word, "SVP " + word};
            table[index(Seniority.DIRECTOR, d)] = new String[] {"Director of " + word, word + " Director",
                "Head of " + word, "Head of \"" + word + " Excellence\""};
            table[index(Seniority.MANAGER, d)] = new String[] {word + " Manager", "Senior " + word + " Manager",
                "Team Lead, " + word};
            table[index(Seniority.INDIVIDUAL, d)] = new String[] {word + " Specialist", word + " Analyst",
                "Senior " + word + " Analyst", word + " Coordinator"};
            table[index(Seniority.STUDENT, d)] = new String[] {"Student", "MBA Candidate", "Research Assistant",
                "Intern, " + word};
            table[index(Seniority.UNKNOWN, d)] = new String[] {"Consultant", "Owner", "Self-employed",
                "\"Chief Happiness Officer\""};
        }
        return table;
    }

    static int index(Seniority seniority, int department) {
        return seniority.ordinal() * DEPARTMENTS.length + department;
    }

    // ---- Activity details ----
    static final String[] PAGES = {
        "/", "/product", "/product/lead-scoring", "/product/sla-tracking", "/product/forecasting", "/integrations",
        "/integrations/salesforce", "/integrations/hubspot", "/customers", "/customers/case-study-logistics",
        "/security", "/about", "/careers", "/blog/what-is-an-mql", "/blog/lead-response-time",
        "/blog/sales-marketing-sla", "/blog/reverse-funnel-math", "/docs/getting-started", "/docs/api",
        "/compare/spreadsheets", "/roi-calculator", "/events", "/partners", "/contact"};
    static final String[] PRICING_PAGES = {"/pricing", "/pricing/enterprise", "/pricing#faq"};
    static final String[] ASSETS = {
        "Ebook: The MQL Playbook", "Whitepaper: Lead Scoring, Explained", "Report: State of RevOps 2026",
        "Checklist: \"Speed to Lead\" in 10 Steps", "Template: Sales-Marketing SLA", "Guide: Reverse-Funnel Planning",
        "Case study: Northwind Logistics", "Infographic: Funnel Benchmarks"};
    static final String[] WEBINARS = {
        "Webinar: Pipeline Math for CFOs", "Webinar: \"Speed to Lead\", Live Teardown", "Webinar: Scoring Without a Data Team",
        "Webinar: From MQL to SQL in 24 Hours", "Webinar: Forecasting, Quota and Capacity", "Webinar: Product Tour"};
    static final String[] EVENTS = {
        "RevOps Summit, Berlin", "SaaS Growth Expo London", "Pipeline Days, Chicago", "B2B Marketing Forum Amsterdam",
        "\"Demand Gen\" Meetup NYC", "Sales Leaders Breakfast, Munich"};
    static final String[] FORMS = {"Contact us", "Newsletter signup", "Ebook form", "ROI calculator", "Partner inquiry"};
    /** Free-text form messages, some spanning lines: RFC 4180 quoting must carry them. */
    static final String[] FORM_MESSAGES = {
        "Contact us: \"We have 3 SDRs, how fast is setup?\"",
        "Contact us: Please call me back,\nbest after 3pm",
        "ROI calculator: 120 leads/week, 2 reps"};
    static final String[] DEMO_DETAILS = {"Book a demo", "/demo", "Demo request (pricing page)"};
    static final String[] CONTACT_DETAILS = {"Contact sales", "Chat: talk to sales"};
    static final String[] PRICING_QUESTION_DETAILS = {"Chat: pricing", "Email: \"What does it cost for 10 seats?\"",
        "Pricing question: annual vs monthly"};
    static final String[] TRIAL_DETAILS = {"14-day trial", "Sandbox signup"};
    static final String[] UNSUBSCRIBE_DETAILS = {"All marketing emails", "Newsletter"};
    static final String[] NURTURE_EMAILS = {"Nurture 1: Welcome", "Nurture 2: Case study", "Nurture 3: ROI", "Nurture 4: Demo invite"};

    // ---- Sales ----
    static final String[] LOST_REASONS = {"Price", "Lost to competitor", "No decision", "Timing", "Missing feature",
        "Budget cut", "Went dark"};
    static final double[] LOST_REASON_CUMULATIVE = Rng.cumulative(0.20, 0.22, 0.25, 0.12, 0.10, 0.06, 0.05);
    static final int REPS = 16;

    /** Canonical, lower, upper, leading space, trailing space, capitalised-with-space: case and spacing as exports vary them. */
    private static String[][] spellings(String[] names) {
        String[][] out = new String[names.length][];
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            out[i] = new String[] {name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT), " " + name,
                name + " ", name.equals(capitalised) ? " " + name.toLowerCase(Locale.ROOT) + " " : capitalised};
        }
        return out;
    }
}
