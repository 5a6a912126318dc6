package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.SqlScript;

/**
 * Seed 004 step 3.1: the APILASTACCESSSUMMARY primary key gains APIVERSION, per dialect.
 *
 * <p>INTEGRATION POINT: the SQL catalog ({@code analytics-300-to-310}, wt/sql) is not on main yet. Until it is,
 * {@link #script(String)} holds the seed's text here (with the SQL Server typo {@code APILASTACCESSSUMMARYADD}
 * fixed); replace the body with the catalog loader, keeping the id, once it lands.
 */
public final class AnalyticsPrimaryKeyScript {
    public static final String ID = "analytics-300-to-310";
    public static final String TABLE = "APILASTACCESSSUMMARY";

    private AnalyticsPrimaryKeyScript() {
    }

    public static SqlScript script(String dialect) {
        String text = switch (dialect) {
            case "h2", "db2" -> """
                    ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY;
                    ALTER TABLE APILASTACCESSSUMMARY ALTER COLUMN APIVERSION VARCHAR(254) NOT NULL;
                    ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APIVERSION,APICREATOR,APICREATORTENANTDOMAIN);
                    """;
            case "mssql" -> """
                    DECLARE @con_com as VARCHAR(8000);
                    SET @con_com = (SELECT name from sys.objects where parent_object_id=object_id('APILASTACCESSSUMMARY') AND type='PK');
                    EXEC('ALTER TABLE APILASTACCESSSUMMARY DROP CONSTRAINT ' + @con_com);
                    ALTER TABLE APILASTACCESSSUMMARY ALTER COLUMN APIVERSION VARCHAR(254) NOT NULL;
                    ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN);
                    """;
            case "mysql", "mariadb", "oracle" -> """
                    ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY;
                    ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN);
                    """;
            case "postgresql" -> """
                    ALTER TABLE APILASTACCESSSUMMARY DROP CONSTRAINT APILASTACCESSSUMMARY_pkey;
                    ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN);
                    """;
            default -> throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                    "No " + ID + " script for the database type '" + dialect + "'.", "APIM_ANALYTICS_DB",
                    "Use one of the databases the seed lists: H2, DB2, SQL Server, MySQL, Oracle, PostgreSQL.");
        };
        return SqlScript.of(ID + "/" + dialect + ".sql", dialect, text);
    }
}
