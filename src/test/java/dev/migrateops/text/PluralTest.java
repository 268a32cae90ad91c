package dev.migrateops.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Plural.of(1, "connection")).isEqualTo("1 connection");
        assertThat(Plural.of(0, "table")).isEqualTo("0 tables");
        assertThat(Plural.of(2, "table")).isEqualTo("2 tables");
        assertThat(Plural.of(3, "index")).isEqualTo("3 indexes");
        assertThat(Plural.of(2, "approval")).isEqualTo("2 approvals");
    }
}
