package dev.migrateops.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private final SqlSplitter splitter = new SqlSplitter();

    private List<String> sqls(String script) {
        return splitter.split(script).stream().map(SqlStatement::sql).toList();
    }

    @Test
    void semicolonsInsideQuotesIdentifiersAndCommentsDoNotEndAStatement() {
        String script = """
                INSERT INTO t VALUES ('a;b', 'it''s; fine');
                SELECT "odd;name" FROM t; -- trailing; comment
                /* block; /* nested; */ still comment; */ SELECT 2;
                """;
        assertThat(sqls(script)).containsExactly(
                "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
                "SELECT \"odd;name\" FROM t",
                "SELECT 2");
    }

    @Test
    void escapeStringsHonourBackslashQuotes() {
        assertThat(sqls("SELECT E'it\\'s; escaped'; SELECT 'plain\\'; SELECT 3;"))
                .containsExactly("SELECT E'it\\'s; escaped'", "SELECT 'plain\\'", "SELECT 3");
    }

    @Test
    void dollarQuotesWithAndWithoutTagsKeepFunctionBodiesWhole() {
        String script = """
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$
                BEGIN
                  PERFORM 1; RETURN $$inner; text$$::text::int;
                END;
                $fn$;
                DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;
                SELECT $1;
                """;
        List<SqlStatement> statements = splitter.split(script);
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).sql()).startsWith("CREATE FUNCTION").endsWith("$fn$");
        assertThat(statements.get(1).line()).isEqualTo(6);
        assertThat(statements.get(2).sql()).isEqualTo("SELECT $1");
    }

    @Test
    void beginAtomicBodiesAreOneStatementIncludingCaseExpressions() {
        String script = """
                CREATE FUNCTION grade(score int) RETURNS text LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN score > 50 THEN 'pass' ELSE 'fail' END;
                  SELECT 'second; statement';
                END;
                BEGIN;
                SELECT 1;
                COMMIT;
                """;
        List<SqlStatement> statements = splitter.split(script);
        assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 6, 7, 8);
        assertThat(statements.get(0).sql()).endsWith("END");
    }

    @Test
    void lineNumbersPointAtTheFirstTokenOfEachStatement() {
        String script = "-- header\n\n/* multi\nline */\nCREATE TABLE a (id int);\n\n  ALTER TABLE a\n    ADD COLUMN b text;\n";
        assertThat(splitter.split(script)).extracting(SqlStatement::line).containsExactly(5, 7);
    }

    @Test
    void normalizedTextHidesLiteralsAndCommentsSoKeywordsInsideThemAreNotSeen() {
        SqlStatement statement = splitter.split("SELECT /* CREATE INDEX CONCURRENTLY */ 'VACUUM'  ,\n $$DROP TABLE x$$;").get(0);
        assertThat(statement.normalized()).isEqualTo("SELECT '' , $$ $$");
    }

    @Test
    void parenthesesKeepRuleBodiesTogether() {
        assertThat(sqls("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2)); SELECT 1;"))
                .hasSize(2);
    }

    @Test
    void aLastStatementWithoutSemicolonIsKept() {
        assertThat(sqls("SELECT 1;\nSELECT 2\n-- done\n")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void copyFromStdinIsRefusedWithItsLine() {
        assertThatThrownBy(() -> splitter.split("SELECT 1;\nCOPY t (a) FROM stdin;\n1\n\\.\n"))
                .isInstanceOf(SqlSplitException.class)
                .hasMessageContaining("line 2").hasMessageContaining("COPY … FROM stdin");
    }

    @Test
    void psqlMetaCommandsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> splitter.split("SELECT 1;\n\\i other.sql\n"))
                .isInstanceOf(SqlSplitException.class).hasMessageContaining("line 2").hasMessageContaining("\\i");
        assertThatThrownBy(() -> splitter.split("\\set ON_ERROR_STOP on\nSELECT 1;"))
                .hasMessageContaining("\\set");
    }

    @Test
    void unterminatedQuotesAndCommentsAreReportedWhereTheyStart() {
        assertThatThrownBy(() -> splitter.split("SELECT 1;\nSELECT 'oops;\n"))
                .hasMessageContaining("line 2").hasMessageContaining("never closed");
        assertThatThrownBy(() -> splitter.split("/* /* */ SELECT 1;")).hasMessageContaining("*/");
        assertThatThrownBy(() -> splitter.split("DO $body$ BEGIN END $$;")).hasMessageContaining("$body$");
    }
}
