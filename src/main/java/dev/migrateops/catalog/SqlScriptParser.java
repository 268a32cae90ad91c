package dev.migrateops.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a file's text into a {@link SqlScript}: split, unwrap a BEGIN … COMMIT that wraps the whole
 * file (MigrateOps opens the transaction itself), refuse transaction control anywhere else, and decide
 * the transaction mode.
 */
final class SqlScriptParser {

    private static final Pattern OPENS = Pattern.compile("(?i)^(BEGIN|START TRANSACTION)\\b.*");
    private static final Pattern CLOSES = Pattern.compile("(?i)^(COMMIT|END)\\b.*");
    private static final Pattern CONTROLS = Pattern.compile(
            "(?i)^(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|ABORT|PREPARE TRANSACTION)\\b.*");

    private final SqlSplitter splitter = new SqlSplitter();
    private final TransactionModeDetector detector = new TransactionModeDetector();

    public SqlScript parse(Path file, String text) {
        List<SqlStatement> statements;
        try {
            statements = new ArrayList<>(splitter.split(text));
        } catch (SqlSplitException e) {
            throw new CatalogException(file.getFileName() + ": " + e.getMessage(), e);
        }
        TransactionMode mode = detector.detect(text, statements);
        if (mode.transactional() && wrapped(statements)) {
            statements.remove(statements.size() - 1);
            statements.remove(0);
        }
        for (SqlStatement statement : statements) {
            if (CONTROLS.matcher(statement.normalized()).matches()) {
                throw new CatalogException(file.getFileName() + ":" + statement.line() + ": '"
                        + firstWords(statement) + "' controls the transaction, which MigrateOps owns: "
                        + (mode.transactional()
                            ? "each migration already runs in one transaction, so remove it"
                            : "this file runs statement by statement (" + mode.reason() + "), so remove it"));
            }
        }
        return new SqlScript(file, statements, mode);
    }

    private static boolean wrapped(List<SqlStatement> statements) {
        return statements.size() >= 2
                && OPENS.matcher(statements.get(0).normalized()).matches()
                && CLOSES.matcher(statements.get(statements.size() - 1).normalized()).matches();
    }

    private static String firstWords(SqlStatement statement) {
        String n = statement.normalized();
        return n.length() <= 30 ? n : n.substring(0, 30) + "…";
    }
}
