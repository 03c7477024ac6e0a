package io.leadscore.benchmarks;

import io.leadscore.batch.leadimport.ImportFileKind;
import io.leadscore.batch.leadimport.ImportPreflight;
import io.leadscore.data.synthetic.GeneratorOptions;
import io.leadscore.data.synthetic.ProgressListener;
import io.leadscore.data.synthetic.SyntheticCrmGenerator;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the import's largest file, the activities of a generated CRM
 * history ({@code leads} leads, seed 7): the import's own parser (the
 * preflight pass, which reads every record as the import does) against
 * Apache Commons CSV reading the same bytes through the same strict UTF-8
 * decoder, materialising every field and the line each record ends on. The
 * library stands in for the parser only if it is at least as fast; the
 * outcome is recorded in docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CsvReadBenchmark {

    @State(Scope.Benchmark)
    public static class Files10k {
        @Param({"10000"})
        int leads;

        Path dir;
        Path activities;

        @Setup(Level.Trial)
        public void generate() throws IOException {
            dir = Files.createTempDirectory("leadscore-csv-bench");
            new SyntheticCrmGenerator().generate(dir, GeneratorOptions.defaults().withLeads(leads).withSeed(7),
                    ProgressListener.NONE);
            activities = dir.resolve("activities.csv");
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public long importParser(Files10k files) throws Exception {
        return ImportPreflight.check(Map.of(ImportFileKind.ACTIVITIES, files.activities.toString()))
                .get(ImportFileKind.ACTIVITIES).rows();
    }

    @Benchmark
    public long commonsCsv(Files10k files) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        try (Reader in = new InputStreamReader(Files.newInputStream(files.activities), decoder);
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            long rows = -1;
            long chars = 0;
            for (CSVRecord record : parser) {
                for (int i = 0; i < record.size(); i++) {
                    chars += record.get(i).length();
                }
                chars += parser.getCurrentLineNumber();
                rows++;
            }
            return rows + (chars == 0 ? 1 : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
