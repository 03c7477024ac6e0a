package io.leadscore.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The {@code --config} file, checked before Spring reads it: a file that
 * cannot be parsed is one line naming the file, the line and column and what
 * the parser expected (Spring would fail before its logging is set up, with
 * the parser's whole report). A name under {@code leadscore.} that is no setting
 * ({@link ConfigNames}) is refused as well: Spring would ignore it, and with it
 * the value the file meant to set.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** @throws UsageException when the file is missing, unreadable, or not valid YAML or properties */
    static Path check(String option) {
        Path config = Path.of(option);
        if (!Files.isRegularFile(config)) {
            throw new UsageException("--config " + option + ": no such file");
        }
        String name = config.getFileName().toString().toLowerCase(Locale.ROOT);
        List<List<String>> names = new ArrayList<>();
        try {
            if (name.endsWith(".properties")) {
                try (InputStream in = Files.newInputStream(config)) {
                    Properties properties = new Properties();
                    properties.load(in);
                    names.addAll(ConfigNames.names(new java.util.TreeMap<>(properties)));
                }
            } else {
                try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                    LoaderOptions options = new LoaderOptions();
                    options.setAllowDuplicateKeys(false);
                    for (Object document : new Yaml(options).loadAll(in)) {
                        names.addAll(ConfigNames.names(document));
                    }
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new UsageException("--config " + option + ": not valid YAML" + (mark == null ? ""
                    : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)) + ": "
                    + Failures.oneLine(e.getProblem() != null ? e.getProblem() : e.getContext()));
        } catch (YAMLException | IllegalArgumentException e) {
            throw new UsageException("--config " + option + ": cannot be read as YAML or properties: "
                    + Failures.oneLine(e.getMessage()));
        } catch (IOException e) {
            throw new UsageException("--config " + option + ": cannot be read: " + Failures.oneLine(e.getMessage()));
        }
        for (List<String> setting : names) {
            if (setting.size() > 1 && setting.get(0).equals("leadscore")) {
                ConfigNames.unknown(setting.subList(1, setting.size())).ifPresent(why -> {
                    throw new UsageException("--config " + option + ": " + why);
                });
            }
        }
        return config;
    }

    /**
     * The policy the file sets over the built-in one, for a command that reads no store (a simulation over the
     * built-in defaults): the file checked as {@link #check} does, its settings bound as a store session binds
     * them (a value of the wrong kind named with its line and column), the policy's own ranges applied.
     *
     * @return the configured policy, or {@code null} when there is no file or it sets no policy value
     * @throws UsageException for anything wrong with the file or its values
     */
    static io.leadscore.scoring.policy.Policy policy(GlobalOptions globals) {
        if (globals.config() == null) {
            return null;
        }
        Path config = check(globals.config());
        io.leadscore.batch.store.LeadscoreSettings settings;
        try {
            settings = new org.springframework.boot.context.properties.bind.Binder(sources(config))
                    .bind("leadscore", io.leadscore.batch.store.LeadscoreSettings.class).orElse(null);
        } catch (RuntimeException e) {
            throw StoreErrors.translate(e, globals);
        }
        if (settings == null || !settings.policy().any()) {
            return null;
        }
        try {
            return settings.policy().apply(io.leadscore.scoring.policy.Policy.defaults());
        } catch (IllegalArgumentException e) {
            throw outOfRange(globals, e);
        }
    }

    private static Iterable<org.springframework.boot.context.properties.source.ConfigurationPropertySource> sources(
            Path config) {
        org.springframework.core.io.FileSystemResource resource = new org.springframework.core.io.FileSystemResource(config);
        try {
            List<org.springframework.core.env.PropertySource<?>> sources = config.getFileName().toString()
                    .toLowerCase(Locale.ROOT).endsWith(".properties")
                    ? new org.springframework.boot.env.PropertiesPropertySourceLoader().load("config", resource)
                    : new org.springframework.boot.env.YamlPropertySourceLoader().load("config", resource);
            return org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(sources);
        } catch (IOException e) {
            throw new UsageException("--config " + config + ": cannot be read: " + Failures.oneLine(e.getMessage()));
        }
    }

    /** Where the file sets {@code setting} (" (line 3, column 20)"), or nothing when it does not or cannot tell. */
    static String where(GlobalOptions globals, String setting) {
        return property(globals, setting).map(StoreErrors::where).orElse("");
    }

    /** The setting as the file sets it, with its origin; empty when it does not, or the file cannot be read again. */
    private static java.util.Optional<org.springframework.boot.context.properties.source.ConfigurationProperty> property(
            GlobalOptions globals, String setting) {
        try {
            for (var source : sources(Path.of(globals.config()))) {
                var property = source.getConfigurationProperty(
                        org.springframework.boot.context.properties.source.ConfigurationPropertyName.of(setting));
                if (property != null) {
                    return java.util.Optional.of(property);
                }
            }
        } catch (RuntimeException unreadable) {
            // the file was read a moment ago; without it the refusal alone is said
        }
        return java.util.Optional.empty();
    }

    /**
     * A policy value of the file that the policy refuses, as one line naming the setting, its value, and its line
     * and column in the file, then the policy's reason. (An SLA longer than the recycling time names the one of the
     * two the file sets, the SLA when it sets both.)
     */
    static UsageException outOfRange(GlobalOptions globals, IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        List<String> candidates = m.startsWith("Invalid MQL threshold") ? List.of("mql-threshold")
                : m.startsWith("Invalid SLA hours") ? List.of("sla-hours")
                : m.startsWith("Invalid recycle-after days") && m.contains("shorter than the SLA")
                ? List.of("sla-hours", "recycle-after-days")
                : m.startsWith("Invalid recycle-after days") ? List.of("recycle-after-days")
                : m.startsWith("Invalid label horizon") ? List.of("label-horizon-days")
                : m.startsWith("Invalid engagement") ? List.of("engagement-half-life-days") : List.of();
        for (String name : candidates) {
            var property = property(globals, "leadscore.policy." + name);
            if (property.isPresent()) {
                // as every setting out of range is said: the setting, where the file sets it, the value and the range
                // (the policy's own "Invalid MQL threshold:" named it a second time)
                String rule = (m.contains("shorter than the SLA") ? "recycling after " : "")
                        + m.replaceFirst("^Invalid [^:]*: ", "");
                return new UsageException("--config " + globals.config() + ": Invalid leadscore.policy." + name
                        + StoreErrors.where(property.get()) + ": " + rule);
            }
        }
        return new UsageException("--config " + globals.config() + ": " + m);
    }
}
