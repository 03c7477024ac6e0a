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
}
