package dev.migrateops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreCheckTest {

    @Test
    void aDifferenceNamesTheObjectAndWhereItPartsButNeverTheOptionsOfAUserMapping() {
        Map<String, String> backup = RestoreCheck.objects("""
                -- Name: sales; Type: TABLE; Schema: public; Owner: -
                CREATE TABLE public.sales (id integer);

                SET default_tablespace = '';
                -- Name: USER MAPPING postgres SERVER billing; Type: USER MAPPING; Schema: -; Owner: -
                CREATE USER MAPPING FOR postgres SERVER billing OPTIONS (password 'old-secret');
                """);
        Map<String, String> now = RestoreCheck.objects("""
                -- Name: sales; Type: TABLE; Schema: public; Owner: -
                CREATE TABLE public.sales (id bigint);
                -- Name: USER MAPPING postgres SERVER billing; Type: USER MAPPING; Schema: -; Owner: -
                CREATE USER MAPPING FOR postgres SERVER billing OPTIONS (password 'new-secret');
                -- Name: refunds; Type: TABLE; Schema: public; Owner: -
                CREATE TABLE public.refunds (id integer);
                """);

        assertThat(RestoreCheck.compare(backup, now)).containsExactly(
                "table public.sales differs from the backup (the backup: CREATE TABLE public.sales (id integer);;"
                        + " now: CREATE TABLE public.sales (id bigint);)",
                "user mapping USER MAPPING postgres SERVER billing differs from the backup",
                "table public.refunds is not in the backup");
    }
}
