package dev.migrateops.run;

/**
 * One step of an approved run. The {@link RunPipeline} enters the step, then runs it; a step that ends the
 * run (failed, or sent back for approval) says so by returning false.
 */
interface RunStep {

    Step step();

    /** Does the step's work on the run as it entered the step; false when the run ends here. */
    boolean run(MigrationRun run, StepContext context);
}
