package dev.migrateops.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code <command> <target> [positional…] [--option value…]}. Spring property arguments
 * ({@code --migrateops.x=y}) are left to Spring and ignored here.
 */
record CommandLineArguments(String command, List<String> positional, Map<String, String> options) {

    static CommandLineArguments parse(String[] args, Set<String> knownOptions) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.contains("=")) {
                continue;
            }
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (!knownOptions.contains(name)) {
                    throw new UsageException("unknown option " + arg);
                }
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(arg + " needs a value");
                }
                options.put(name, args[++i]);
            } else {
                positional.add(arg);
            }
        }
        if (positional.isEmpty()) {
            throw new UsageException("no command given");
        }
        return new CommandLineArguments(positional.get(0), positional.subList(1, positional.size()), options);
    }

    String target() {
        if (positional.isEmpty()) {
            throw new UsageException(command + " needs a target");
        }
        return positional.get(0);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }
}
