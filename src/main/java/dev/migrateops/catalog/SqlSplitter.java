package dev.migrateops.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a script into statements the way psql does: semicolons end statements except inside quotes,
 * {@code E''} strings, quoted identifiers, dollar quotes, comments, parentheses and
 * {@code BEGIN ATOMIC … END} bodies. psql-only input ({@code COPY … FROM stdin}, meta-commands such as
 * {@code \i} or {@code \set}) is refused, because MigrateOps sends plain SQL over JDBC.
 */
public final class SqlSplitter {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_\\u0080-\\uffff][A-Za-z0-9_\\u0080-\\uffff]*)?\\$");
    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)^COPY\\b.*\\bFROM\\s+STDIN\\b.*");

    public List<SqlStatement> split(String script) {
        return new Scan(script).run();
    }

    /** One pass over one script; holds the lexer state, so it is never shared. */
    private static final class Scan {
        private final String s;
        private final List<SqlStatement> statements = new ArrayList<>();
        private final StringBuilder normalized = new StringBuilder();
        private int pos;
        private int line = 1;
        private int statementStart = -1;
        private int statementLine;
        private int statementEnd;
        private int parenDepth;
        private int beginDepth;
        private int identifierCount;

        Scan(String script) {
            this.s = script;
        }

        List<SqlStatement> run() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '-' && peek(1) == '-') {
                    skipLineComment();
                } else if (c == '/' && peek(1) == '*') {
                    skipBlockComment();
                } else if (Character.isWhitespace(c)) {
                    if (c == '\n') {
                        line++;
                    }
                    pos++;
                    space();
                } else if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                    finishStatement();
                    pos++;
                } else {
                    markStart();
                    token(c);
                    statementEnd = pos;
                }
            }
            finishStatement();
            return statements;
        }

        private void token(char c) {
            if (c == '\'') {
                readQuoted('\'', false);
                normalized.append("''");
            } else if (c == '"') {
                int from = pos;
                readQuoted('"', false);
                normalized.append(s, from, pos);
            } else if (c == '$' && dollarTagAt(pos) != null) {
                readDollarQuoted(dollarTagAt(pos));
                normalized.append("$$ $$");
            } else if (c == '\\') {
                Matcher m = Pattern.compile("\\\\[A-Za-z!?]*").matcher(s).region(pos, s.length());
                String command = m.lookingAt() ? m.group() : "\\";
                throw new SqlSplitException(line, "psql meta-command " + command
                        + " is not supported: a migration must be plain SQL (inline what it includes or sets)");
            } else if (isIdentifierStart(c)) {
                readWord();
            } else {
                if (c == '(') {
                    parenDepth++;
                } else if (c == ')' && parenDepth > 0) {
                    parenDepth--;
                }
                normalized.append(c);
                pos++;
            }
        }

        private void readWord() {
            int from = pos;
            while (pos < s.length() && isIdentifierPart(s.charAt(pos))) {
                pos++;
            }
            String word = s.substring(from, pos);
            normalized.append(word);
            identifierCount++;
            // Same rule as psql: BEGIN or CASE after the first word opens a body that END closes.
            if (word.equalsIgnoreCase("begin") || word.equalsIgnoreCase("case")) {
                if (identifierCount > 1) {
                    beginDepth++;
                }
            } else if (word.equalsIgnoreCase("end") && beginDepth > 0) {
                beginDepth--;
            }
            if (word.equalsIgnoreCase("e") && peek(0) == '\'') {
                readQuoted('\'', true);
                normalized.append("''");
            }
        }

        private void readQuoted(char quote, boolean backslashEscapes) {
            int startLine = line;
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    line++;
                }
                if (backslashEscapes && c == '\\' && pos + 1 < s.length()) {
                    if (s.charAt(pos + 1) == '\n') {
                        line++;
                    }
                    pos += 2;
                    continue;
                }
                pos++;
                if (c == quote) {
                    if (peek(0) == quote) {
                        pos++;
                        continue;
                    }
                    return;
                }
            }
            throw new SqlSplitException(startLine, quote == '"'
                    ? "quoted identifier is never closed (missing \")"
                    : "string literal is never closed (missing ')");
        }

        private void readDollarQuoted(String tag) {
            int startLine = line;
            int close = s.indexOf(tag, pos + tag.length());
            if (close < 0) {
                throw new SqlSplitException(startLine, "dollar-quoted string " + tag + " is never closed");
            }
            int end = close + tag.length();
            line += count(s, pos, end);
            pos = end;
        }

        private String dollarTagAt(int at) {
            Matcher m = DOLLAR_TAG.matcher(s).region(at, s.length());
            return m.lookingAt() ? m.group() : null;
        }

        private void skipLineComment() {
            while (pos < s.length() && s.charAt(pos) != '\n') {
                pos++;
            }
            space();
        }

        private void skipBlockComment() {
            int startLine = line;
            int depth = 0;
            while (pos < s.length()) {
                if (s.startsWith("/*", pos)) {
                    depth++;
                    pos += 2;
                } else if (s.startsWith("*/", pos)) {
                    depth--;
                    pos += 2;
                    if (depth == 0) {
                        space();
                        return;
                    }
                } else {
                    if (s.charAt(pos) == '\n') {
                        line++;
                    }
                    pos++;
                }
            }
            throw new SqlSplitException(startLine, "block comment is never closed (missing */)");
        }

        private void markStart() {
            if (statementStart < 0) {
                statementStart = pos;
                statementLine = line;
                normalized.setLength(0);
            }
        }

        private void space() {
            if (statementStart >= 0 && normalized.length() > 0 && normalized.charAt(normalized.length() - 1) != ' ') {
                normalized.append(' ');
            }
        }

        private void finishStatement() {
            if (statementStart >= 0) {
                String sql = s.substring(statementStart, statementEnd);
                String norm = normalized.toString().strip();
                if (COPY_FROM_STDIN.matcher(norm).matches()) {
                    throw new SqlSplitException(statementLine, "COPY … FROM stdin needs psql to stream its data: "
                            + "load the rows with INSERT … SELECT or VALUES instead");
                }
                statements.add(new SqlStatement(sql, statementLine, norm));
            }
            statementStart = -1;
            parenDepth = 0;
            beginDepth = 0;
            identifierCount = 0;
            normalized.setLength(0);
        }

        private char peek(int ahead) {
            int at = pos + ahead;
            return at < s.length() ? s.charAt(at) : '\0';
        }

        private static boolean isIdentifierStart(char c) {
            return Character.isLetter(c) || c == '_' || c >= 0x80;
        }

        private static boolean isIdentifierPart(char c) {
            return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
        }

        private static int count(String text, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                if (text.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }
    }
}
