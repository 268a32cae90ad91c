package dev.migrateops.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Per-table numbers ({@code schema.table → count}) as the JSON they are stored in. */
public final class TableCounts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> TYPE = new TypeReference<>() { };

    private TableCounts() {
    }

    public static String toJson(Map<String, Long> counts) {
        try {
            return JSON.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Long> fromJson(String json) {
        try {
            return JSON.readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored table counts are not readable: " + e.getMessage(), e);
        }
    }
}
