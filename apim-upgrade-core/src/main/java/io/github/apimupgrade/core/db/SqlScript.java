package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.files.SafeFiles;

import java.util.Objects;

/**
 * One SQL script for one dialect, as the history table records it.
 *
 * @param id      catalog id with the file, e.g. {@code registry-versioning-cleanup/postgresql.sql}
 * @param dialect dialect id (h2, mysql, mariadb, postgresql, oracle, mssql, db2)
 * @param text    the script text as shipped
 * @param sha256  hex SHA-256 of the UTF-8 text: a script that changed after it ran is refused
 */
public record SqlScript(String id, String dialect, String text, String sha256) {

    public SqlScript {
        Objects.requireNonNull(id);
        Objects.requireNonNull(dialect);
        Objects.requireNonNull(text);
        Objects.requireNonNull(sha256);
    }

    public static SqlScript of(String id, String dialect, String text) {
        return new SqlScript(id, dialect, text, SafeFiles.sha256(text));
    }

    /** A catalog script ({@link SqlScripts#load}), named "script-id/dialect.sql". */
    public static SqlScript of(SqlScripts.Script catalog) {
        return new SqlScript(catalog.name(), catalog.dialect().id(), catalog.text(), catalog.sha256());
    }

    /** Loads {@code sql/<scriptId>/<dialect>.sql} from the catalog. */
    public static SqlScript load(String scriptId, String dialect) {
        return of(SqlScripts.load(scriptId, dialect));
    }
}
