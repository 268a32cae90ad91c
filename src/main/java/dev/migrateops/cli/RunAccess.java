package dev.migrateops.cli;

import dev.migrateops.run.ExecutingRuns;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunPlanner;
import dev.migrateops.run.RunRequests;
import dev.migrateops.run.RunRollbacks;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * What apply and rollback need of the run core, which lives in the bot's database: asking for runs, waiting
 * for them in this process, and hearing their events.
 *
 * @param listen adds a listener to every run event from now on
 */
record RunAccess(RunRequests requests, RunRollbacks rollbacks, RunPlanner planner, ExecutingRuns executing,
                        LongFunction<MigrationRun> find, Consumer<Consumer<RunEvent>> listen) {
}
