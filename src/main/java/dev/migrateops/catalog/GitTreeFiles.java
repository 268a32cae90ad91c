package dev.migrateops.catalog;

import java.util.List;
import java.util.Map;

/**
 * The files of a folder of one git commit, read from the clone's object store — no checkout on disk. Only
 * {@code .sql} files are kept in memory (no layout reads others); every path is listed, for detection.
 */
record GitTreeFiles(String describe, List<String> list, Map<String, byte[]> sql) implements MigrationFiles {

    GitTreeFiles {
        list = list.stream().sorted().toList();
        sql = Map.copyOf(sql);
    }

    @Override
    public byte[] read(String path) {
        byte[] bytes = sql.get(path);
        if (bytes == null) {
            throw new CatalogException("cannot read " + path + ": not in " + describe);
        }
        return bytes.clone();
    }
}
