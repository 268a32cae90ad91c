package dev.migrateops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.engine.PreCheck;
import dev.migrateops.lint.Finding;
import dev.migrateops.lint.LintReport;
import dev.migrateops.lint.Severity;
import dev.migrateops.text.Plural;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What {@code lint} prints, one pure function per format: text for people, JSON for scripts, SARIF 2.1.0 for
 * GitHub code scanning, and GitHub Actions workflow commands, which annotate the pull request's files.
 */
final class LintOutput {

    /** How lint prints its findings. */
    enum Format { TEXT, JSON, SARIF, GITHUB }

    /**
     * @param dir        the migrations directory as given, which file locations are relative to
     * @param migrations how many migrations were read
     * @param trace      the trace's outcome, when a target was given
     */
    record Input(Path dir, LintReport report, int migrations, Optional<PreCheck> trace, String version) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LintOutput() {
    }

    static String render(Format format, Input input) {
        return switch (format) {
            case TEXT -> text(input);
            case JSON -> json(input);
            case SARIF -> sarif(input);
            case GITHUB -> github(input);
        };
    }

    static String text(Input in) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : in.report().findings()) {
            out.append(finding.severity()).append(' ').append(finding.rule()).append(" at ").append(finding.location())
                    .append(finding.acknowledged() == null ? "" : " (allowed: " + finding.acknowledged() + ")").append('\n')
                    .append("    ").append(finding.why()).append('\n')
                    .append("    Instead: ").append(finding.fix()).append('\n');
        }
        in.trace().ifPresent(t -> out.append("trace ").append(t.status()).append(": ").append(t.detail()).append('\n'));
        out.append(Plural.of(in.migrations(), "migration")).append(": ").append(Plural.of(in.report().errors(), "error")).append(", ")
                .append(Plural.of(in.report().warnings(), "warning")).append(", ").append(in.report().blocking().size()).append(" blocking");
        return out.toString();
    }

    static String json(Input in) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("findings", in.report().findings());
        json.put("errors", in.report().errors());
        json.put("warnings", in.report().warnings());
        json.put("blocking", in.report().blocking().size());
        in.trace().ifPresent(t -> json.put("trace", Map.of("status", t.status(), "detail", t.detail())));
        return write(json, true);
    }

    /** SARIF 2.1.0: a finding allowed in the file or accepted is reported as suppressed, with its reason. */
    static String sarif(Input in) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String rule : new TreeSet<>(in.report().findings().stream().map(Finding::rule).toList())) {
            rules.add(Map.of("id", rule, "shortDescription", Map.of("text", rule),
                    "helpUri", "https://github.com/migrateops/migrateops#lint-and-pre-checks"));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding finding : in.report().findings()) {
            Location where = Location.of(in.dir(), finding);
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", where.file()));
            where.line().ifPresent(line -> physical.put("region", Map.of("startLine", line)));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", finding.rule());
            result.put("level", finding.severity() == Severity.ERROR ? "error" : "warning");
            result.put("message", Map.of("text", finding.why() + " Instead: " + finding.fix()));
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
            if (finding.acknowledged() != null) {
                result.put("suppressions", List.of(Map.of("kind", "inSource", "justification", finding.acknowledged())));
            }
            results.add(result);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "MigrateOps");
        driver.put("version", in.version());
        driver.put("informationUri", "https://github.com/migrateops/migrateops");
        driver.put("rules", rules);
        Map<String, Object> sarif = new LinkedHashMap<>();
        sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        sarif.put("version", "2.1.0");
        sarif.put("runs", List.of(Map.of("tool", Map.of("driver", driver), "results", results)));
        return write(sarif, true);
    }

    /** GitHub Actions workflow commands: {@code ::error file=…,line=…,title=…::message}; allowed findings as notices. */
    static String github(Input in) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : in.report().findings()) {
            Location where = Location.of(in.dir(), finding);
            String level = finding.acknowledged() != null ? "notice" : finding.severity() == Severity.ERROR ? "error" : "warning";
            out.append("::").append(level).append(" file=").append(property(where.file()))
                    .append(where.line().map(line -> ",line=" + line).orElse(""))
                    .append(",title=").append(property("MigrateOps " + finding.rule())).append("::")
                    .append(data(finding.why() + " Instead: " + finding.fix()
                            + (finding.acknowledged() == null ? "" : " (allowed: " + finding.acknowledged() + ")")))
                    .append('\n');
        }
        in.trace().filter(t -> t.status() != PreCheck.Status.PASS).ifPresent(t -> out.append("::warning title=MigrateOps trace::")
                .append(data(t.detail())).append('\n'));
        return out.append(Plural.of(in.migrations(), "migration")).append(": ").append(Plural.of(in.report().errors(), "error"))
                .append(", ").append(Plural.of(in.report().warnings(), "warning")).append(", ").append(in.report().blocking().size())
                .append(" blocking").toString();
    }

    /** Where a finding is: a file under the directory and its line, or the directory itself. */
    record Location(String file, Optional<Integer> line) {

        static Location of(Path dir, Finding finding) {
            String location = finding.location();
            int colon = location.lastIndexOf(':');
            boolean hasLine = colon > 0 && location.substring(colon + 1).matches("\\d+");
            String file = hasLine ? location.substring(0, colon) : location;
            String path = file.endsWith(".sql") ? dir.resolve(file).toString() : dir.toString();
            return new Location(path.replace('\\', '/'), hasLine ? Optional.of(Integer.parseInt(location.substring(colon + 1)))
                    : Optional.empty());
        }
    }

    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    private static String write(Object value, boolean pretty) {
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
