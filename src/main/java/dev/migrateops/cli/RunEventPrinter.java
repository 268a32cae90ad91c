package dev.migrateops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.migrateops.audit.Audited;
import dev.migrateops.run.RunEvent;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Prints a run's events as they happen: as text lines, or as one JSON object per line for scripts. */
final class RunEventPrinter implements Consumer<RunEvent> {

    /** How apply and rollback print what happens. */
    enum Format { TEXT, JSON }

    private final Format format;
    private final PrintStream out;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    RunEventPrinter(Format format, PrintStream out) {
        this.format = format;
        this.out = out;
    }

    @Override
    public void accept(RunEvent event) {
        List<String> lines = RunEventLines.of(event);
        if (format == Format.TEXT) {
            lines.forEach(out::println);
            return;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("event", event.getClass().getSimpleName());
        object.put("run", event.run().id());
        object.put("target", event.run().target());
        object.put("state", event.run().state());
        object.put("text", lines);
        if (event instanceof Audited audited) {
            object.put("action", audited.auditEntry().action());
            object.put("details", audited.auditEntry().details());
        }
        try {
            out.println(json.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
