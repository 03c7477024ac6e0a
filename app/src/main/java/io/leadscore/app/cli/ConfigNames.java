package io.leadscore.app.cli;

import io.leadscore.app.web.security.SignInSettings;
import io.leadscore.app.web.whatif.WhatIfLimits;
import io.leadscore.app.webhooks.WebhookSettings;
import io.leadscore.batch.rescoring.RemoteSettings;
import io.leadscore.batch.store.LeadscoreSettings;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a {@code --config} file may set under {@code leadscore.}: each section, and within a section of fixed
 * settings each setting, read from the records they bind to (one list, the code's own). A name that is none of
 * them is a typo whose value would be ignored without a word ({@code leadscore.polcy.mql-threshold} leaves the
 * threshold as it was), so it is refused, with the nearest name. Names compare as Spring binds them: case,
 * dashes and underscores aside ({@code slaHours}, {@code sla-hours}, {@code sla_hours}).
 */
final class ConfigNames {
    /** Each section with its settings; an empty set: a section whose entries are a list or free (users, webhooks). */
    private static final Map<String, Set<String>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("policy", components(LeadscoreSettings.PolicySettings.class));
        SECTIONS.put("features", components(LeadscoreSettings.Features.class));
        SECTIONS.put("training", components(LeadscoreSettings.Training.class));
        SECTIONS.put("rescore", components(LeadscoreSettings.Rescore.class));
        SECTIONS.put("remote", components(RemoteSettings.class));
        SECTIONS.put("schedule", components(io.leadscore.app.scheduler.ScheduleSettings.class));
        SECTIONS.put("scheduler", Set.of("enabled"));
        SECTIONS.put("sign-in", components(SignInSettings.class));
        SECTIONS.put("what-if", components(WhatIfLimits.class));
        SECTIONS.put("webhook-delivery", components(WebhookSettings.Delivery.class));
        SECTIONS.put("model-signing", Set.of("key-file"));
        SECTIONS.put("users", Set.of());
        SECTIONS.put("tokens", Set.of());
        SECTIONS.put("webhooks", Set.of());
        // set by the command line itself for its own output
        SECTIONS.put("logging", Set.of("exceptions", "pattern"));
    }

    private ConfigNames() {
    }

    /**
     * Why a name under {@code leadscore.} is not a setting, or empty when it is one.
     *
     * @param path the name's parts after {@code leadscore} ({@code ["polcy", "mql-threshold"]})
     */
    static Optional<String> unknown(List<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String section = path.get(0);
        Map.Entry<String, Set<String>> known = SECTIONS.entrySet().stream()
                .filter(e -> relaxed(e.getKey()).equals(relaxed(section))).findFirst().orElse(null);
        if (known == null) {
            return Optional.of("unknown setting leadscore." + section + nearest(section, SECTIONS.keySet(), "leadscore.")
                    + "; the sections are leadscore." + String.join(", leadscore.", SECTIONS.keySet().stream()
                    .filter(n -> !n.equals("logging")).toList()));
        }
        if (path.size() < 2 || known.getValue().isEmpty()) {
            return Optional.empty();
        }
        String setting = path.get(1);
        if (known.getValue().stream().noneMatch(s -> relaxed(s).equals(relaxed(setting)))) {
            String prefix = "leadscore." + known.getKey() + ".";
            return Optional.of("unknown setting " + prefix + setting + nearest(setting, known.getValue(), prefix)
                    + "; " + prefix + "* takes " + String.join(", ", known.getValue()));
        }
        return Optional.empty();
    }

    private static String nearest(String given, Set<String> names, String prefix) {
        return names.stream().min(Comparator.comparingInt(n -> distance(relaxed(n), relaxed(given))))
                .filter(n -> distance(relaxed(n), relaxed(given)) <= Math.max(2, relaxed(given).length() / 3))
                .map(n -> " (did you mean " + prefix + n + "?)").orElse("");
    }

    private static Set<String> components(Class<? extends Record> type) {
        Set<String> names = new TreeSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(dashed(c.getName()));
        }
        return names;
    }

    /** {@code maxSnapshotsPerLead} as a config file writes it: {@code max-snapshots-per-lead}. */
    private static String dashed(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String relaxed(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The edit distance (Levenshtein) between two names. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1,
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /** Every name a parsed YAML document or properties file sets, as its parts ({@code leadscore.policy.x}). */
    static List<List<String>> names(Object document) {
        List<List<String>> out = new ArrayList<>();
        collect(document, new ArrayList<>(), out);
        return out;
    }

    private static void collect(Object node, List<String> path, List<List<String>> out) {
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                List<String> next = new ArrayList<>(path);
                for (String part : String.valueOf(e.getKey()).split("\\.")) {
                    next.add(part);
                }
                collect(e.getValue(), next, out);
            }
        } else if (!path.isEmpty()) {
            out.add(path);
        }
    }
}
