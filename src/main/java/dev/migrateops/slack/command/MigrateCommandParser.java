package dev.migrateops.slack.command;

import dev.migrateops.catalog.MigrationVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parses the text after {@code /migrate}, strictly. */
public final class MigrateCommandParser {

    private static final Pattern RUN_ID = Pattern.compile("#?(\\d{1,18})");
    private static final Pattern GIT_REF = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}");

    private final Set<String> targets;

    public MigrateCommandParser(Set<String> targets) {
        this.targets = targets;
    }

    public MigrateCommand parse(String text) {
        refuseControlCharacters(text);
        List<String> words = new ArrayList<>();
        for (String word : (text == null ? "" : text).strip().split("\\s+")) {
            // --to=V is --to V, as command lines have it
            if (word.startsWith("--to=") || word.startsWith("--ref=")) {
                words.add(word.substring(0, word.indexOf('=')));
                words.add(word.substring(word.indexOf('=') + 1));
            } else {
                words.add(word);
            }
        }
        words.removeIf(String::isEmpty);
        if (words.isEmpty()) {
            return command(MigrateCommand.Verb.HELP);
        }
        MigrateCommand.Verb verb = verb(words.remove(0));
        return switch (verb) {
            case HELP, TARGETS -> noMore(verb, words);
            case PLAN -> {
                String target = target(verb, words);
                Optional<String> to = toVersion(words);
                Optional<String> ref = ref(words);
                to = to.isPresent() ? to : toVersion(words);
                yield new MigrateCommand(verb, Optional.of(target), Optional.empty(), to, noMoreOrEmpty(verb, words), false, ref);
            }
            case APPLY -> {
                String target = target(verb, words);
                Optional<String> to = toVersion(words);
                Optional<String> ref = ref(words);
                to = to.isPresent() ? to : toVersion(words);
                yield new MigrateCommand(verb, Optional.of(target), Optional.empty(), to, rest(words), false, ref);
            }
            case STATUS, AUDIT, CANCEL, CLOSE, REPORT -> {
                Optional<Long> run = words.isEmpty() && verb == MigrateCommand.Verb.STATUS ? Optional.empty()
                        : Optional.of(runId(verb, words));
                yield new MigrateCommand(verb, Optional.empty(), run, Optional.empty(), noMoreOrEmpty(verb, words));
            }
            case OVERRIDE -> {
                long run = runId(verb, words);
                Optional<String> reason = rest(words);
                if (reason.isEmpty()) {
                    throw new CommandSyntaxException("`override` needs a reason: `/migrate override " + run + " <why these lint errors are acceptable>`");
                }
                yield new MigrateCommand(verb, Optional.empty(), Optional.of(run), Optional.empty(), reason);
            }
            case ROLLBACK -> {
                long run = runId(verb, words);
                boolean restore = !words.isEmpty() && words.get(0).equals("--restore");
                if (restore) {
                    words.remove(0);
                }
                yield new MigrateCommand(verb, Optional.empty(), Optional.of(run), Optional.empty(), rest(words), restore);
            }
            case BACKUP, BACKUPS, POLICY -> {
                String target = target(verb, words);
                noMoreOrEmpty(verb, words);
                yield new MigrateCommand(verb, Optional.of(target), Optional.empty(), Optional.empty(), Optional.empty());
            }
            case HISTORY -> {
                Optional<String> target = words.isEmpty() ? Optional.empty() : Optional.of(target(verb, words));
                noMoreOrEmpty(verb, words);
                yield new MigrateCommand(verb, target, Optional.empty(), Optional.empty(), Optional.empty());
            }
        };
    }

    private static MigrateCommand command(MigrateCommand.Verb verb) {
        return new MigrateCommand(verb, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static MigrateCommand.Verb verb(String word) {
        try {
            return MigrateCommand.Verb.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandSyntaxException("I don't know `" + clip(word) + "`. Commands: " + Arrays.stream(MigrateCommand.Verb.values())
                    .map(v -> "`" + v.name().toLowerCase(Locale.ROOT) + "`").collect(Collectors.joining(", "))
                    + ". Try `/migrate help`.");
        }
    }

    private String target(MigrateCommand.Verb verb, List<String> words) {
        if (words.isEmpty()) {
            throw new CommandSyntaxException("`" + verb.name().toLowerCase(Locale.ROOT) + "` needs a target. Targets: " + known());
        }
        String target = words.remove(0);
        if (!targets.contains(target)) {
            throw new CommandSyntaxException("I don't know the target `" + clip(target) + "`. Targets: " + known());
        }
        return target;
    }

    private static long runId(MigrateCommand.Verb verb, List<String> words) {
        if (words.isEmpty()) {
            throw new CommandSyntaxException("`" + verb.name().toLowerCase(Locale.ROOT) + "` needs a run number, e.g. `/migrate "
                    + verb.name().toLowerCase(Locale.ROOT) + " 42`. `/migrate status` lists recent runs.");
        }
        String word = words.remove(0);
        var m = RUN_ID.matcher(word);
        if (!m.matches()) {
            throw new CommandSyntaxException("`" + clip(word) + "` is not a run number; runs are numbered like `42` or `#42`.");
        }
        return Long.parseLong(m.group(1));
    }

    private static Optional<String> ref(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("--ref")) {
            return Optional.empty();
        }
        words.remove(0);
        if (words.isEmpty()) {
            throw new CommandSyntaxException("`--ref` needs a branch, tag or commit, e.g. `--ref main` or `--ref 3f2c1ab`.");
        }
        String ref = words.remove(0);
        if (!GIT_REF.matcher(ref).matches() || ref.contains("..")) {
            throw new CommandSyntaxException("`" + clip(ref) + "` is not a branch, tag or commit name.");
        }
        return Optional.of(ref);
    }

    private static Optional<String> toVersion(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("--to")) {
            return Optional.empty();
        }
        words.remove(0);
        if (words.isEmpty()) {
            throw new CommandSyntaxException("`--to` needs a version, e.g. `--to 20251206091000`.");
        }
        String version = words.remove(0);
        try {
            return Optional.of(MigrationVersion.parse(version).canonical());
        } catch (IllegalArgumentException e) {
            throw new CommandSyntaxException("`" + clip(version) + "` is not a version: use its digits, e.g. `20251206091000`.");
        }
    }

    /**
     * Control characters and bidirectional overrides have no place in a command: they hide what a reason says
     * from whoever reads it in the card, the audit trail or a terminal.
     */
    private static void refuseControlCharacters(String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) && c != '\n' && c != '\t';
            boolean bidi = c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
            if (control || bidi) {
                throw new CommandSyntaxException("the command holds a control character (U+" + String.format("%04X", (int) c)
                        + "); type it again without it.");
            }
        }
    }

    /** The free text at the end (a reason); an option there is a mistake, never part of the reason. */
    private static Optional<String> rest(List<String> words) {
        words.stream().filter(word -> word.startsWith("--")).findFirst().ifPresent(option -> {
            throw new CommandSyntaxException("I don't know the option `" + clip(option) + "` here: options come right after the "
                    + "target or run (`--to <version>`, `--ref <branch|tag|sha>`, `--restore`), before the reason. See `/migrate help`.");
        });
        String reason = String.join(" ", words).strip();
        words.clear();
        return reason.isEmpty() ? Optional.empty() : Optional.of(reason.length() > 500 ? reason.substring(0, 500) : reason);
    }

    private static MigrateCommand noMore(MigrateCommand.Verb verb, List<String> words) {
        noMoreOrEmpty(verb, words);
        return command(verb);
    }

    private static Optional<String> noMoreOrEmpty(MigrateCommand.Verb verb, List<String> words) {
        if (!words.isEmpty()) {
            throw new CommandSyntaxException("`" + verb.name().toLowerCase(Locale.ROOT) + "` does not take `" + clip(String.join(" ", words))
                    + "`. See `/migrate help`.");
        }
        return Optional.empty();
    }

    private String known() {
        return targets.isEmpty() ? "none configured" : targets.stream().sorted().map(t -> "`" + t + "`").collect(Collectors.joining(", "));
    }

    /** Echoing input back is fine; echoing a whole paste of SQL is not. */
    private static String clip(String word) {
        String safe = word.replace("`", "'");
        return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
    }
}
