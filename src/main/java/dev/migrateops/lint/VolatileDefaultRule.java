package dev.migrateops.lint;

import java.util.regex.Pattern;

/** A column added with a volatile default, or as generated, identity or serial: the table is rewritten. */
final class VolatileDefaultRule implements ActionRule {

    private static final Pattern DEFAULT = StatementParser.p("\\bDEFAULT\\b");
    private static final Pattern VOLATILE = StatementParser.p("\\b(random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp"
            + "|timeofday|nextval|txid_current)\\s*\\(");
    private static final Pattern FILLED_BY_SERVER = StatementParser.p("\\b(BIG|SMALL)?SERIAL\\b|\\bSTORED\\b|\\bGENERATED\\b.*\\bIDENTITY\\b");

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        if (!(action instanceof AlterAction.AddColumn column)) {
            return;
        }
        String definition = column.definition();
        if (DEFAULT.matcher(definition).find() && VOLATILE.matcher(definition).find() || FILLED_BY_SERVER.matcher(definition).find()) {
            file.add(RuleId.ADD_COLUMN_VOLATILE_DEFAULT, file.sized(table), where, "a volatile default (or a generated/serial "
                    + "column) rewrites all of " + TableName.display(table) + " under an ACCESS EXCLUSIVE lock", "add the column "
                    + "without a default (or with a constant one), then backfill in batches");
        }
    }
}
