package dev.migrateops.lint;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column type change that rewrites the table — all but widening a varchar, judged against the live column. */
final class AlterColumnTypeRule implements ActionRule {

    private static final Pattern VARCHAR_WAS = Pattern.compile("^character varying(?:\\((\\d+)\\))?$");
    private static final Pattern VARCHAR_NOW = Pattern.compile("^(?:varchar|character varying)\\s*\\((\\d+)\\)$");

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        if (action instanceof AlterAction.AlterColumnType change && !rewritesNothing(file.facts, table, change)) {
            file.add(RuleId.ALTER_COLUMN_TYPE, file.sized(table), where, "changing the column type rewrites "
                    + TableName.display(table) + " and its indexes under an ACCESS EXCLUSIVE lock", "add a new column, backfill it "
                    + "in batches, switch reads and writes, drop the old one");
        }
    }

    /** Type changes that PostgreSQL does without a rewrite: varchar(n) to text, to varchar, or to a longer varchar. */
    private static boolean rewritesNothing(TableFacts facts, String table, AlterAction.AlterColumnType change) {
        String column = change.column();
        String target = change.newType().toLowerCase(Locale.ROOT).replaceAll("\\s+using\\b.*$", "").strip();
        String current = facts.columnType(table, column.startsWith("\"") ? column.substring(1, column.length() - 1)
                : column.toLowerCase(Locale.ROOT)).orElse(null);
        if (current == null) {
            return false;
        }
        Matcher was = VARCHAR_WAS.matcher(current);
        if (!was.matches()) {
            return false;
        }
        if (target.equals("text") || target.equals("varchar") || target.equals("character varying")) {
            return true;
        }
        Matcher now = VARCHAR_NOW.matcher(target);
        return now.matches() && was.group(1) != null && Integer.parseInt(now.group(1)) >= Integer.parseInt(was.group(1));
    }
}
