package io.github.apimupgrade.core.steps.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Row counts read back from dump text in the shapes pg_dump 15, MariaDB 10.11's mariadb-dump and MySQL 8's mysqldump write. */
class DumpReadBackTest {
    @TempDir
    Path dir;

    @Test
    void pgDumpCountsTheLinesOfEachCopySectionAndEmptyTables() throws IOException {
        Path f = dir.resolve("d.sql");
        Files.writeString(f, """
                CREATE TABLE public.am_api (
                    api_id integer NOT NULL
                );
                CREATE TABLE public.am_revision (
                    id integer NOT NULL
                );
                COPY public.am_api (api_id, api_provider, description) FROM stdin;
                1\tadmin\tline one\\nline two
                2\talice@tenant.example\t\\N
                \\.
                COPY public.am_revision (id) FROM stdin;
                \\.
                """);
        assertEquals(Map.of("am_api", 2L, "am_revision", 0L), DumpReadBack.pgDump(f));
    }

    @Test
    void aTruncatedPgDumpIsRefused() throws IOException {
        Path f = dir.resolve("d.sql");
        Files.writeString(f, "COPY public.am_api (api_id) FROM stdin;\n1\n2\n");
        assertThrows(IOException.class, () -> DumpReadBack.pgDump(f));
    }

    @Test
    void mysqlDumpCountsTuplesOnOneLineAndOnePerLineWithQuotesParensAndEscapes() throws IOException {
        Path f = dir.resolve("d.sql");
        Files.writeString(f, """
                CREATE TABLE `AM_API` (
                  `API_ID` int(11) NOT NULL AUTO_INCREMENT,
                CREATE TABLE `AM_EMPTY` (
                  `ID` int(11) NOT NULL,
                INSERT INTO `AM_API` VALUES (1,'admin','it\\'s (not) a tuple; really'),(2,'b\\\\','(x)');
                INSERT INTO `UM_USER` VALUES
                (1,'admin','a;b'),
                (2,'bob','c),(d'),
                (3,'alice',NULL);
                -- Dump completed on 2026-12-02  1:01:30
                """);
        assertEquals(Map.of("am_api", 2L, "am_empty", 0L, "um_user", 3L), DumpReadBack.mysqlDump(f));
    }

    @Test
    void aMysqlDumpWithoutItsTrailerIsRefused() throws IOException {
        Path f = dir.resolve("d.sql");
        Files.writeString(f, "INSERT INTO `AM_API` VALUES (1,'a');\n");
        assertThrows(IOException.class, () -> DumpReadBack.mysqlDump(f));
    }
}
