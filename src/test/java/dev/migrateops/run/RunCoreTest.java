package dev.migrateops.run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test of the run core without Slack: a fresh {@link RunCore} (store, staging, production) for each test. */
abstract class RunCoreTest {

    RunCore core;

    @BeforeEach
    void aRunCoreWithStagingAndProduction() {
        core = new RunCore(getClass().getSimpleName().replace("Test", "").toLowerCase());
    }

    @AfterEach
    void dropItsDatabases() {
        core.close();
    }
}
