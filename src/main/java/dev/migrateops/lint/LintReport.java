package dev.migrateops.lint;

import java.util.List;

/** The findings of one or more migrations, in file order. */
public record LintReport(List<Finding> findings) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    public List<Finding> blocking() {
        return findings.stream().filter(Finding::blocking).toList();
    }

    public long errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    }

    public long warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    }
}
