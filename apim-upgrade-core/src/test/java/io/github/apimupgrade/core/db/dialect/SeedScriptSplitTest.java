package io.github.apimupgrade.core.db.dialect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped script (the seed texts and our runnable versions) for every dialect it exists in, split into its
 * exact statements: start lines (hence the count), first and last statement in full; the tricky statements
 * (PL/SQL and BEGIN ATOMIC triggers, DB2 ") /" endings, T-SQL IF NOT EXISTS and DECLARE batches) in full below.
 */
class SeedScriptSplitTest {

    record Expected(String id, String dialect, int[] lines, String first, String last) {
        @Override
        public String toString() {
            return id + "/" + dialect;
        }
    }

    private static final String MYSQL_WIDEN = """
            ALTER TABLE AM_CERTIFICATE_METADATA
            MODIFY ALIAS VARCHAR(255) NOT NULL,
            MODIFY END_POINT VARCHAR(255) NOT NULL""";

    static int[] lines(int... l) {
        return l;
    }

    static Arguments expect(String id, String dialect, int[] lines, String first, String last) {
        return Arguments.of(new Expected(id, dialect, lines, first, last));
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                expect("registry-versioning-cleanup-seed", "h2", lines(2, 4, 6, 8, 11, 13, 15, 17, 19, 21, 23, 25, 28, 30, 32, 34),
                        "UPDATE REG_RESOURCE_TAG SET REG_PATH_ID=(SELECT REG_PATH_ID FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_TAG.REG_VERSION)",
                        "UPDATE REG_RESOURCE_RATING SET REG_RESOURCE_NAME=(SELECT REG_NAME FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_RATING.REG_VERSION)"),
                expect("registry-versioning-cleanup-seed", "mariadb", lines(3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 26, 28, 32, 34, 36, 38),
                        "UPDATE REG_RESOURCE_TAG SET REG_RESOURCE_TAG.REG_PATH_ID=(SELECT REG_RESOURCE.REG_PATH_ID FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_TAG.REG_VERSION)",
                        "UPDATE REG_RESOURCE_RATING SET REG_RESOURCE_RATING.REG_RESOURCE_NAME=(SELECT REG_RESOURCE.REG_NAME FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_RATING.REG_VERSION)"),
                expect("registry-versioning-cleanup-seed", "mysql", lines(3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 26, 28, 32, 34, 36, 38),
                        "UPDATE REG_RESOURCE_TAG SET REG_RESOURCE_TAG.REG_PATH_ID=(SELECT REG_RESOURCE.REG_PATH_ID FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_TAG.REG_VERSION)",
                        "UPDATE REG_RESOURCE_RATING SET REG_RESOURCE_RATING.REG_RESOURCE_NAME=(SELECT REG_RESOURCE.REG_NAME FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_RATING.REG_VERSION)"),
                expect("registry-versioning-cleanup-seed", "postgresql", lines(2, 4, 6, 8, 11, 13, 15, 17, 19, 21, 23, 25, 28, 30, 32, 34),
                        "UPDATE REG_RESOURCE_TAG SET REG_PATH_ID=(SELECT REG_PATH_ID FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_TAG.REG_VERSION)",
                        "UPDATE REG_RESOURCE_RATING SET REG_RESOURCE_NAME=(SELECT REG_NAME FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_RATING.REG_VERSION)"),
                expect("registry-versioning-cleanup-seed", "oracle", lines(2, 4, 6, 8, 12, 14, 16, 18, 20, 22, 24, 26, 30, 32, 34, 36, 38),
                        "UPDATE REG_RESOURCE_TAG SET REG_RESOURCE_TAG.REG_PATH_ID=(SELECT REG_RESOURCE.REG_PATH_ID FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_TAG.REG_VERSION)",
                        "COMMIT"),
                expect("registry-versioning-cleanup-seed", "mssql", lines(2, 4, 6, 8, 11, 13, 15, 17, 19, 21, 23, 25, 28, 30, 32, 34),
                        "UPDATE REG_RESOURCE_TAG SET REG_PATH_ID=(SELECT REG_PATH_ID FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_TAG.REG_VERSION)",
                        "UPDATE REG_RESOURCE_RATING SET REG_RESOURCE_NAME=(SELECT REG_NAME FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_RATING.REG_VERSION)"),
                expect("registry-versioning-cleanup-seed", "db2", lines(3, 5, 8, 10, 15, 17, 19, 21, 23, 25, 27, 29, 34, 36, 38, 40),
                        "UPDATE REG_RESOURCE_TAG SET REG_RESOURCE_TAG.REG_PATH_ID=(SELECT REG_RESOURCE.REG_PATH_ID FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_TAG.REG_VERSION)",
                        "UPDATE REG_RESOURCE_RATING SET REG_RESOURCE_RATING.REG_RESOURCE_NAME=(SELECT REG_RESOURCE.REG_NAME FROM REG_RESOURCE WHERE REG_RESOURCE.REG_VERSION=REG_RESOURCE_RATING.REG_VERSION)"),
                expect("identity-uma-ddl", "h2", lines(2, 14, 16, 18, 27, 35, 37, 47, 49, 58),
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_RESOURCE (
                    ID                  INTEGER AUTO_INCREMENT NOT NULL,
                    RESOURCE_ID         VARCHAR(255),
                    RESOURCE_NAME       VARCHAR(255),
                    TIME_CREATED        TIMESTAMP              NOT NULL,
                    RESOURCE_OWNER_NAME VARCHAR(255),
                    CLIENT_ID           VARCHAR(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_PT_RESOURCE_SCOPE (
                    ID             INTEGER AUTO_INCREMENT NOT NULL,
                    PT_RESOURCE_ID INTEGER                NOT NULL,
                    PT_SCOPE_ID    INTEGER                NOT NULL,
                    PRIMARY KEY (ID),
                    FOREIGN KEY (PT_RESOURCE_ID) REFERENCES IDN_UMA_PT_RESOURCE (ID) ON DELETE CASCADE,
                    FOREIGN KEY (PT_SCOPE_ID) REFERENCES IDN_UMA_RESOURCE_SCOPE (ID) ON DELETE CASCADE
                    )"""),
                expect("identity-uma-ddl", "mariadb", lines(9, 21, 23, 25, 27, 36, 44, 46, 56, 60, 62, 71),
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_RESOURCE (
                    ID                  INTEGER AUTO_INCREMENT NOT NULL,
                    RESOURCE_ID         VARCHAR(255),
                    RESOURCE_NAME       VARCHAR(255),
                    TIME_CREATED        TIMESTAMP              NOT NULL DEFAULT CURRENT_TIMESTAMP,
                    RESOURCE_OWNER_NAME VARCHAR(255),
                    CLIENT_ID           VARCHAR(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_PT_RESOURCE_SCOPE (
                    ID             INTEGER AUTO_INCREMENT NOT NULL,
                    PT_RESOURCE_ID INTEGER                NOT NULL,
                    PT_SCOPE_ID    INTEGER                NOT NULL,
                    PRIMARY KEY (ID),
                    FOREIGN KEY (PT_RESOURCE_ID) REFERENCES IDN_UMA_PT_RESOURCE (ID) ON DELETE CASCADE,
                    FOREIGN KEY (PT_SCOPE_ID) REFERENCES IDN_UMA_RESOURCE_SCOPE (ID) ON DELETE CASCADE
                    )"""),
                expect("identity-uma-ddl", "mysql", lines(9, 21, 23, 25, 27, 36, 44, 46, 56, 60, 62, 71),
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_RESOURCE (
                    ID                  INTEGER AUTO_INCREMENT NOT NULL,
                    RESOURCE_ID         VARCHAR(255),
                    RESOURCE_NAME       VARCHAR(255),
                    TIME_CREATED        TIMESTAMP              NOT NULL DEFAULT CURRENT_TIMESTAMP,
                    RESOURCE_OWNER_NAME VARCHAR(255),
                    CLIENT_ID           VARCHAR(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_PT_RESOURCE_SCOPE (
                    ID             INTEGER AUTO_INCREMENT NOT NULL,
                    PT_RESOURCE_ID INTEGER                NOT NULL,
                    PT_SCOPE_ID    INTEGER                NOT NULL,
                    PRIMARY KEY (ID),
                    FOREIGN KEY (PT_RESOURCE_ID) REFERENCES IDN_UMA_PT_RESOURCE (ID) ON DELETE CASCADE,
                    FOREIGN KEY (PT_SCOPE_ID) REFERENCES IDN_UMA_RESOURCE_SCOPE (ID) ON DELETE CASCADE
                    )"""),
                expect("identity-uma-ddl", "postgresql", lines(3, 4, 16, 18, 20, 21, 30, 31, 39, 41, 42, 52, 54, 55, 64, 65),
                        "CREATE SEQUENCE IF NOT EXISTS IDN_UMA_RESOURCE_SEQ",
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_PT_RESOURCE_SCOPE (
                    ID             INTEGER DEFAULT NEXTVAL ('IDN_UMA_PT_RESOURCE_SCOPE_SEQ') NOT NULL,
                    PT_RESOURCE_ID INTEGER                NOT NULL,
                    PT_SCOPE_ID    INTEGER                NOT NULL,
                    PRIMARY KEY (ID),
                    FOREIGN KEY (PT_RESOURCE_ID) REFERENCES IDN_UMA_PT_RESOURCE (ID) ON DELETE CASCADE,
                    FOREIGN KEY (PT_SCOPE_ID) REFERENCES IDN_UMA_RESOURCE_SCOPE (ID) ON DELETE CASCADE
                    )"""),
                expect("identity-uma-ddl", "oracle", lines(1, 14, 17, 27, 30, 33, 43, 46, 56, 65, 68, 78, 81, 92, 95, 105, 108, 118, 121, 131, 141, 144),
                        """
                    CREATE TABLE IDN_UMA_RESOURCE (
                    ID                  INTEGER,
                    RESOURCE_ID         VARCHAR2(255),
                    RESOURCE_NAME       VARCHAR2(255),
                    TIME_CREATED        TIMESTAMP              NOT NULL,
                    RESOURCE_OWNER_NAME VARCHAR2(255),
                    CLIENT_ID           VARCHAR2(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR2(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    CREATE OR REPLACE TRIGGER IDN_UMA_PT_RESOURCE_SCOPE_TRIG
                    BEFORE INSERT
                    ON IDN_UMA_PT_RESOURCE_SCOPE
                    REFERENCING NEW AS NEW
                    FOR EACH ROW
                    BEGIN
                    SELECT IDN_UMA_PT_RESOURCE_SCOPE_SEQ.nextval INTO :NEW.ID FROM dual;
                    END;"""),
                expect("identity-uma-ddl", "mssql", lines(2, 15, 18, 21, 31, 40, 43, 54, 57, 67),
                        """
                    IF NOT  EXISTS (SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[IDN_UMA_RESOURCE]') AND TYPE IN (N'U'))
                    CREATE TABLE IDN_UMA_RESOURCE (
                    ID                  INTEGER IDENTITY NOT NULL,
                    RESOURCE_ID         VARCHAR(255),
                    RESOURCE_NAME       VARCHAR(255),
                    TIME_CREATED        DATETIME         NOT NULL,
                    RESOURCE_OWNER_NAME VARCHAR(255),
                    CLIENT_ID           VARCHAR(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    IF NOT EXISTS ( SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[IDN_UMA_PT_RESOURCE_SCOPE]') AND TYPE IN (N'U'))
                    CREATE TABLE IDN_UMA_PT_RESOURCE_SCOPE (
                    ID             INTEGER IDENTITY NOT NULL,
                    PT_RESOURCE_ID INTEGER                NOT NULL,
                    PT_SCOPE_ID    INTEGER                NOT NULL,
                    PRIMARY KEY (ID),
                    FOREIGN KEY (PT_RESOURCE_ID) REFERENCES IDN_UMA_PT_RESOURCE (ID) ON DELETE CASCADE,
                    FOREIGN KEY (PT_SCOPE_ID) REFERENCES IDN_UMA_RESOURCE_SCOPE (ID)
                    )"""),
                expect("identity-uma-ddl", "db2", lines(1, 14, 17, 27, 30, 33, 43, 46, 56, 65, 68, 78, 81, 92, 95, 105, 108, 118, 121, 131, 141, 144),
                        """
                    CREATE TABLE IDN_UMA_RESOURCE (
                    ID                  INTEGER   NOT NULL,
                    RESOURCE_ID         VARCHAR(255),
                    RESOURCE_NAME       VARCHAR(255),
                    TIME_CREATED        TIMESTAMP NOT NULL,
                    RESOURCE_OWNER_NAME VARCHAR(255),
                    CLIENT_ID           VARCHAR(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    CREATE TRIGGER IDN_UMA_PT_RESOURCE_SCOPE_TRIG NO CASCADE
                    BEFORE INSERT
                    ON IDN_UMA_PT_RESOURCE_SCOPE
                    REFERENCING NEW AS NEW
                    FOR EACH ROW MODE DB2SQL
                    BEGIN ATOMIC
                    SET (NEW.ID) = (NEXTVAL FOR IDN_UMA_PT_RESOURCE_SCOPE_SEQ);
                    END"""),
                expect("identity-uma-ddl-seed", "mariadb", lines(1, 13, 15, 17, 26, 34, 36, 46, 48, 57),
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_RESOURCE (
                    ID                  INTEGER AUTO_INCREMENT NOT NULL,
                    RESOURCE_ID         VARCHAR(255),
                    RESOURCE_NAME       VARCHAR(255),
                    TIME_CREATED        TIMESTAMP              NOT NULL,
                    RESOURCE_OWNER_NAME VARCHAR(255),
                    CLIENT_ID           VARCHAR(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_PT_RESOURCE_SCOPE (
                    ID             INTEGER AUTO_INCREMENT NOT NULL,
                    PT_RESOURCE_ID INTEGER                NOT NULL,
                    PT_SCOPE_ID    INTEGER                NOT NULL,
                    PRIMARY KEY (ID),
                    FOREIGN KEY (PT_RESOURCE_ID) REFERENCES IDN_UMA_PT_RESOURCE (ID) ON DELETE CASCADE,
                    FOREIGN KEY (PT_SCOPE_ID) REFERENCES IDN_UMA_RESOURCE_SCOPE (ID) ON DELETE CASCADE
                    )"""),
                expect("identity-uma-ddl-seed", "mysql", lines(1, 13, 15, 17, 26, 34, 36, 46, 48, 57),
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_RESOURCE (
                    ID                  INTEGER AUTO_INCREMENT NOT NULL,
                    RESOURCE_ID         VARCHAR(255),
                    RESOURCE_NAME       VARCHAR(255),
                    TIME_CREATED        TIMESTAMP              NOT NULL,
                    RESOURCE_OWNER_NAME VARCHAR(255),
                    CLIENT_ID           VARCHAR(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    CREATE TABLE IF NOT EXISTS IDN_UMA_PT_RESOURCE_SCOPE (
                    ID             INTEGER AUTO_INCREMENT NOT NULL,
                    PT_RESOURCE_ID INTEGER                NOT NULL,
                    PT_SCOPE_ID    INTEGER                NOT NULL,
                    PRIMARY KEY (ID),
                    FOREIGN KEY (PT_RESOURCE_ID) REFERENCES IDN_UMA_PT_RESOURCE (ID) ON DELETE CASCADE,
                    FOREIGN KEY (PT_SCOPE_ID) REFERENCES IDN_UMA_RESOURCE_SCOPE (ID) ON DELETE CASCADE
                    )"""),
                expect("identity-uma-ddl-seed", "postgresql", lines(1, 2, 3, 4, 16, 18, 20, 22, 24, 25, 26, 27, 36, 37, 38, 39, 47, 49, 51, 52, 53, 54, 64, 66, 68, 69, 70, 71, 80, 81, 82, 83),
                        "DROP TABLE IF EXISTS IDN_UMA_RESOURCE",
                        """
                    CREATE TABLE IDN_UMA_PT_RESOURCE_SCOPE (
                    ID             INTEGER DEFAULT NEXTVAL ('IDN_UMA_PT_RESOURCE_SCOPE_SEQ') NOT NULL,
                    PT_RESOURCE_ID INTEGER                NOT NULL,
                    PT_SCOPE_ID    INTEGER                NOT NULL,
                    PRIMARY KEY (ID),
                    FOREIGN KEY (PT_RESOURCE_ID) REFERENCES IDN_UMA_PT_RESOURCE (ID) ON DELETE CASCADE,
                    FOREIGN KEY (PT_SCOPE_ID) REFERENCES IDN_UMA_RESOURCE_SCOPE (ID) ON DELETE CASCADE
                    )"""),
                expect("identity-uma-ddl-seed", "oracle", lines(1, 14, 17, 27, 30, 33, 43, 46, 56, 65, 68, 78, 81, 92, 95, 105, 108, 118, 121, 131, 141, 144),
                        """
                    CREATE TABLE IDN_UMA_RESOURCE (
                    ID                  INTEGER,
                    RESOURCE_ID         VARCHAR2(255),
                    RESOURCE_NAME       VARCHAR2(255),
                    TIME_CREATED        TIMESTAMP              NOT NULL,
                    RESOURCE_OWNER_NAME VARCHAR2(255),
                    CLIENT_ID           VARCHAR2(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR2(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    CREATE OR REPLACE TRIGGER IDN_UMA_PT_RESOURCE_SCOPE_TRIG
                    BEFORE INSERT
                    ON IDN_UMA_PT_RESOURCE_SCOPE
                    REFERENCING NEW AS NEW
                    FOR EACH ROW
                    BEGIN
                    SELECT IDN_UMA_PT_RESOURCE_SCOPE_SEQ.nextval INTO :NEW.ID FROM dual;
                    END;"""),
                expect("identity-uma-ddl-seed", "mssql", lines(1, 14, 16, 18, 28, 37, 39, 50, 52, 62),
                        """
                    IF NOT  EXISTS (SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[IDN_UMA_RESOURCE]') AND TYPE IN (N'U'))
                    CREATE TABLE IDN_UMA_RESOURCE (
                    ID                  INTEGER IDENTITY NOT NULL,
                    RESOURCE_ID         VARCHAR(255),
                    RESOURCE_NAME       VARCHAR(255),
                    TIME_CREATED        DATETIME         NOT NULL,
                    RESOURCE_OWNER_NAME VARCHAR(255),
                    CLIENT_ID           VARCHAR(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    IF NOT EXISTS ( SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[IDN_UMA_PT_RESOURCE_SCOPE]') AND TYPE IN (N'U'))
                    CREATE TABLE IDN_UMA_PT_RESOURCE_SCOPE (
                    ID             INTEGER IDENTITY NOT NULL,
                    PT_RESOURCE_ID INTEGER                NOT NULL,
                    PT_SCOPE_ID    INTEGER                NOT NULL,
                    PRIMARY KEY (ID),
                    FOREIGN KEY (PT_RESOURCE_ID) REFERENCES IDN_UMA_PT_RESOURCE (ID) ON DELETE CASCADE,
                    FOREIGN KEY (PT_SCOPE_ID) REFERENCES IDN_UMA_RESOURCE_SCOPE (ID)
                    )"""),
                expect("identity-uma-ddl-seed", "db2", lines(1, 14, 17, 27, 30, 33, 43, 46, 56, 65, 68, 78, 81, 92, 95, 105, 108, 118, 121, 131, 141, 144),
                        """
                    CREATE TABLE IDN_UMA_RESOURCE (
                    ID                  INTEGER   NOT NULL,
                    RESOURCE_ID         VARCHAR(255),
                    RESOURCE_NAME       VARCHAR(255),
                    TIME_CREATED        TIMESTAMP NOT NULL,
                    RESOURCE_OWNER_NAME VARCHAR(255),
                    CLIENT_ID           VARCHAR(255),
                    TENANT_ID           INTEGER DEFAULT -1234,
                    USER_DOMAIN         VARCHAR(50),
                    PRIMARY KEY (ID)
                    )""",
                        """
                    CREATE TRIGGER IDN_UMA_PT_RESOURCE_SCOPE_TRIG NO CASCADE
                    BEFORE INSERT
                    ON IDN_UMA_PT_RESOURCE_SCOPE
                    REFERENCING NEW AS NEW
                    FOR EACH ROW MODE DB2SQL
                    BEGIN ATOMIC
                    SET (NEW.ID) = (NEXTVAL FOR IDN_UMA_PT_RESOURCE_SCOPE_SEQ);
                    END"""),
                expect("am-db-300-to-310", "h2", lines(2, 11, 14, 20),
                        """
                    CREATE TABLE IF NOT EXISTS AM_API_CATEGORIES (
                        UUID VARCHAR(50),
                        NAME VARCHAR(255),
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    )""",
                        """
                    CREATE TABLE IF NOT EXISTS AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-300-to-310", "mariadb", lines(2, 11, 14, 17, 23),
                        """
                    CREATE TABLE IF NOT EXISTS AM_API_CATEGORIES (
                        UUID VARCHAR(50),
                        NAME VARCHAR(255),
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    ) ENGINE=InnoDB""",
                        """
                    CREATE TABLE IF NOT EXISTS AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    ) ENGINE INNODB"""),
                expect("am-db-300-to-310", "mysql", lines(1, 10, 13, 16, 22),
                        """
                    CREATE TABLE IF NOT EXISTS AM_API_CATEGORIES (
                        UUID VARCHAR(50),
                        NAME VARCHAR(255),
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    ) ENGINE=InnoDB""",
                        """
                    CREATE TABLE IF NOT EXISTS AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    ) ENGINE INNODB"""),
                expect("am-db-300-to-310", "postgresql", lines(3, 12, 15, 18, 24),
                        """
                    CREATE TABLE IF NOT EXISTS AM_API_CATEGORIES (
                        UUID VARCHAR(50),
                        NAME VARCHAR(255),
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    )""",
                        """
                    CREATE TABLE IF NOT EXISTS AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-300-to-310", "oracle", lines(1, 11, 15, 19, 26),
                        """
                    CREATE TABLE AM_API_CATEGORIES (
                        UUID VARCHAR2(50),
                        NAME VARCHAR2(255) NOT NULL,
                        DESCRIPTION VARCHAR2(1024),
                        TENANT_ID INTEGER DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    )""",
                        """
                    CREATE TABLE AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-300-to-310", "mssql", lines(2, 12, 16, 23),
                        """
                    IF NOT  EXISTS (SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[AM_API_CATEGORIES]') AND TYPE IN (N'U'))
                    CREATE TABLE AM_API_CATEGORIES (
                        UUID VARCHAR(50),
                        NAME VARCHAR(255),
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    )""",
                        """
                    IF NOT  EXISTS (SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[AM_SECURITY_AUDIT_UUID_MAPPING]') AND TYPE IN (N'U'))
                    CREATE TABLE AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-300-to-310", "db2", lines(1, 10, 14, 20),
                        """
                    CREATE TABLE AM_API_CATEGORIES (
                        UUID VARCHAR(50) NOT NULL,
                        NAME VARCHAR(255) NOT NULL,
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER NOT NULL DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    )""",
                        """
                    CREATE TABLE AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-300-to-310-seed", "h2", lines(1, 10, 13, 19),
                        """
                    CREATE TABLE IF NOT EXISTS AM_API_CATEGORIES (
                        UUID VARCHAR(50),
                        NAME VARCHAR(255),
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    )""",
                        """
                    CREATE TABLE IF NOT EXISTS AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-300-to-310-seed", "mariadb", lines(1, 10, 13, 16, 22),
                        """
                    CREATE TABLE IF NOT EXISTS AM_API_CATEGORIES (
                        UUID VARCHAR(50),
                        NAME VARCHAR(255),
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    ) ENGINE=InnoDB""",
                        """
                    CREATE TABLE IF NOT EXISTS AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    ) ENGINE INNODB"""),
                expect("am-db-300-to-310-seed", "mysql", lines(1, 10, 13, 16, 22),
                        """
                    CREATE TABLE IF NOT EXISTS AM_API_CATEGORIES (
                        UUID VARCHAR(50),
                        NAME VARCHAR(255),
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    ) ENGINE=InnoDB""",
                        """
                    CREATE TABLE IF NOT EXISTS AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    ) ENGINE INNODB"""),
                expect("am-db-300-to-310-seed", "postgresql", lines(1, 2, 11, 14, 17, 18, 24, 25),
                        "DROP TABLE IF EXISTS AM_API_CATEGORIES",
                        """
                    CREATE TABLE IF NOT EXISTS AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-300-to-310-seed", "oracle", lines(1, 11, 15, 19, 26),
                        """
                    CREATE TABLE AM_API_CATEGORIES (
                        UUID VARCHAR2(50),
                        NAME VARCHAR2(255) NOT NULL,
                        DESCRIPTION VARCHAR2(1024),
                        TENANT_ID INTEGER DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    )""",
                        """
                    CREATE TABLE AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-300-to-310-seed", "mssql", lines(1, 11, 14, 21),
                        """
                    IF NOT  EXISTS (SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[AM_API_CATEGORIES]') AND TYPE IN (N'U'))
                    CREATE TABLE AM_API_CATEGORIES (
                        UUID VARCHAR(50),
                        NAME VARCHAR(255),
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    )""",
                        """
                    IF NOT  EXISTS (SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[AM_SECURITY_AUDIT_UUID_MAPPING]') AND TYPE IN (N'U'))
                    CREATE TABLE AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-300-to-310-seed", "db2", lines(1, 10, 14, 20),
                        """
                    CREATE TABLE AM_API_CATEGORIES (
                        UUID VARCHAR(50) NOT NULL,
                        NAME VARCHAR(255) NOT NULL,
                        DESCRIPTION VARCHAR(1024),
                        TENANT_ID INTEGER NOT NULL DEFAULT -1,
                        UNIQUE (NAME,TENANT_ID),
                        PRIMARY KEY (UUID)
                    )""",
                        """
                    CREATE TABLE AM_SECURITY_AUDIT_UUID_MAPPING (
                        API_ID INTEGER NOT NULL,
                        AUDIT_UUID VARCHAR(255) NOT NULL,
                        PRIMARY KEY (API_ID),
                        FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID)
                    )"""),
                expect("am-db-310-schema", "h2", lines(4, 6, 12, 16),
                        "ALTER TABLE AM_CERTIFICATE_METADATA ALTER COLUMN ALIAS SET DATA TYPE VARCHAR(255)",
                        "ALTER TABLE AM_API_CATEGORIES ALTER COLUMN TENANT_ID SET DEFAULT -1"),
                expect("am-db-310-schema", "mariadb", lines(5), MYSQL_WIDEN, MYSQL_WIDEN),
                expect("am-db-310-schema", "mysql", lines(5), MYSQL_WIDEN, MYSQL_WIDEN),
                expect("am-db-310-schema", "postgresql", lines(4), """
                    ALTER TABLE AM_CERTIFICATE_METADATA
                    ALTER COLUMN ALIAS TYPE VARCHAR(255),
                    ALTER COLUMN END_POINT TYPE VARCHAR(255)""", """
                    ALTER TABLE AM_CERTIFICATE_METADATA
                    ALTER COLUMN ALIAS TYPE VARCHAR(255),
                    ALTER COLUMN END_POINT TYPE VARCHAR(255)"""),
                expect("am-db-310-schema", "oracle", lines(5),
                        "ALTER TABLE AM_CERTIFICATE_METADATA MODIFY (ALIAS VARCHAR2(255), END_POINT VARCHAR2(255))",
                        "ALTER TABLE AM_CERTIFICATE_METADATA MODIFY (ALIAS VARCHAR2(255), END_POINT VARCHAR2(255))"),
                expect("am-db-310-schema", "mssql", lines(6, 15, 27), """
                    IF EXISTS (SELECT * FROM SYS.COLUMNS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[AM_CERTIFICATE_METADATA]') AND NAME = 'ALIAS' AND MAX_LENGTH BETWEEN 1 AND 254)
                    BEGIN
                        DECLARE @PK NVARCHAR(128);
                        SELECT @PK = NAME FROM SYS.KEY_CONSTRAINTS WHERE PARENT_OBJECT_ID = OBJECT_ID(N'[DBO].[AM_CERTIFICATE_METADATA]') AND TYPE = 'PK';
                        IF @PK IS NOT NULL EXEC('ALTER TABLE AM_CERTIFICATE_METADATA DROP CONSTRAINT [' + @PK + ']');
                        ALTER TABLE AM_CERTIFICATE_METADATA ALTER COLUMN ALIAS VARCHAR(255) NOT NULL;
                        EXEC('ALTER TABLE AM_CERTIFICATE_METADATA ADD CONSTRAINT [' + ISNULL(@PK, 'PK_ALIAS') + '] PRIMARY KEY (ALIAS)');
                    END""", """
                    BEGIN
                        DECLARE @NAME_KEY NVARCHAR(128);
                        SELECT @NAME_KEY = KC.NAME FROM SYS.KEY_CONSTRAINTS KC
                        WHERE KC.PARENT_OBJECT_ID = OBJECT_ID(N'[DBO].[AM_SYSTEM_APPS]') AND KC.TYPE = 'UQ'
                          AND (SELECT COUNT(*) FROM SYS.INDEX_COLUMNS IC WHERE IC.OBJECT_ID = KC.PARENT_OBJECT_ID AND IC.INDEX_ID = KC.UNIQUE_INDEX_ID) = 1
                          AND EXISTS (SELECT * FROM SYS.INDEX_COLUMNS IC JOIN SYS.COLUMNS C ON C.OBJECT_ID = IC.OBJECT_ID AND C.COLUMN_ID = IC.COLUMN_ID
                                      WHERE IC.OBJECT_ID = KC.PARENT_OBJECT_ID AND IC.INDEX_ID = KC.UNIQUE_INDEX_ID AND C.NAME = 'NAME');
                        IF @NAME_KEY IS NOT NULL EXEC('ALTER TABLE AM_SYSTEM_APPS DROP CONSTRAINT [' + @NAME_KEY + ']');
                    END"""),
                expect("am-db-310-schema", "db2", lines(5, 13), """
                    ALTER TABLE AM_CERTIFICATE_METADATA
                    ALTER COLUMN ALIAS SET DATA TYPE VARCHAR(255)
                    ALTER COLUMN END_POINT SET DATA TYPE VARCHAR(255)""", """
                    BEGIN
                        FOR K AS SELECT T.CONSTNAME FROM SYSCAT.TABCONST T
                            WHERE T.TABSCHEMA = CURRENT SCHEMA AND T.TABNAME = 'AM_SYSTEM_APPS' AND T.TYPE = 'U'
                              AND (SELECT COUNT(*) FROM SYSCAT.KEYCOLUSE U WHERE U.TABSCHEMA = T.TABSCHEMA AND U.TABNAME = T.TABNAME AND U.CONSTNAME = T.CONSTNAME) = 1
                              AND EXISTS (SELECT 1 FROM SYSCAT.KEYCOLUSE U WHERE U.TABSCHEMA = T.TABSCHEMA AND U.TABNAME = T.TABNAME AND U.CONSTNAME = T.CONSTNAME AND U.COLNAME = 'NAME')
                        DO
                            EXECUTE IMMEDIATE 'ALTER TABLE AM_SYSTEM_APPS DROP CONSTRAINT "' || K.CONSTNAME || '"';
                        END FOR;
                    END"""),
                expect("analytics-300-to-310", "h2", lines(1, 2, 3),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APIVERSION,APICREATOR,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310", "mariadb", lines(1, 2),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310", "mysql", lines(1, 2),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310", "postgresql", lines(1, 2),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP CONSTRAINT IF EXISTS APILASTACCESSSUMMARY_pkey",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310", "oracle", lines(1, 2),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310", "mssql", lines(3, 6, 7),
                        """
                    DECLARE @con_com as VARCHAR(8000);
                    SET @con_com = (SELECT name from sys.objects where parent_object_id=object_id('APILASTACCESSSUMMARY') AND type='PK');
                    IF @con_com IS NOT NULL EXEC('ALTER TABLE APILASTACCESSSUMMARY DROP CONSTRAINT ' + @con_com)""",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310", "db2", lines(3, 4, 5, 6, 7),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APIVERSION,APICREATOR,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310-seed", "h2", lines(1, 2, 3),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APIVERSION,APICREATOR,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310-seed", "mariadb", lines(1, 2),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310-seed", "mysql", lines(1, 2),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310-seed", "postgresql", lines(1, 2),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP CONSTRAINT APILASTACCESSSUMMARY_pkey",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310-seed", "oracle", lines(1, 2),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310-seed", "mssql", lines(1, 4, 5),
                        """
                    DECLARE @con_com as VARCHAR(8000);
                    SET @con_com = (SELECT name from sys.objects where parent_object_id=object_id('APILASTACCESSSUMMARY') AND type='PK');
                    EXEC('ALTER TABLE APILASTACCESSSUMMARY DROP CONSTRAINT ' + @con_com)""",
                        "ALTER TABLE APILASTACCESSSUMMARYADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)"),
                expect("analytics-300-to-310-seed", "db2", lines(1, 2, 3),
                        "ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                        "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APIVERSION,APICREATOR,APICREATORTENANTDOMAIN)"),
                // 4.0.0 -> 4.1.0 step 1.5 (registry indexes): the guide's text, and the runnable forms
                expect("registry-indexes-400-to-410-seed", "db2", lines(1, 4),
                        "CREATE INDEX REG_TAG_IND_BY_TG1\nON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)",
                        "CREATE INDEX REG_RESC_PROP_BY_3\nON REG_RESOURCE_PROPERTY(REG_TENANT_ID,REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410-seed", "mssql", lines(1, 5),
                        "IF EXISTS (SELECT NAME FROM SYSINDEXES WHERE NAME = 'REG_RESOURCE_TAG_IND_BY_REG_TAG_ID')\n"
                                + "DROP INDEX REG_RESOURCE_TAG.REG_RESOURCE_TAG_IND_BY_REG_TAG_ID\n" + "CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)",
                        "IF EXISTS (SELECT NAME FROM SYSINDEXES WHERE NAME = 'REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID')\n"
                                + "DROP INDEX REG_RESOURCE_PROPERTY.REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID\n" + "CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410-seed", "mysql", lines(1, 3), "CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID USING HASH ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)", "CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410-seed", "mariadb", lines(1, 3), "CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID USING HASH ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)", "CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410-seed", "oracle", lines(1, 4),
                        "CREATE INDEX REG_TAG_IND_BY_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)",
                        "CREATE INDEX REG_RESC_PROP_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID,REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410-seed", "postgresql", lines(1, 2), "CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)", "CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410", "h2", lines(3, 4),
                        "CREATE INDEX IF NOT EXISTS REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)",
                        "CREATE INDEX IF NOT EXISTS REG_RESOURCE_PROPERTY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410", "mssql", lines(4, 6), "CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)", "CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410", "mysql", lines(3, 5), "CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)", "CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410", "mariadb", lines(3, 5), "CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)", "CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410", "oracle", lines(1, 4),
                        "CREATE INDEX REG_TAG_IND_BY_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)",
                        "CREATE INDEX REG_RESC_PROP_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID,REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410", "postgresql", lines(1, 2), "CREATE INDEX REG_RESOURCE_TAG_IND_BY_REG_TAG_ID ON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)", "CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID ON REG_RESOURCE_PROPERTY(REG_TENANT_ID, REG_PROPERTY_ID)"),
                expect("registry-indexes-400-to-410", "db2", lines(1, 4),
                        "CREATE INDEX REG_TAG_IND_BY_TG1\nON REG_RESOURCE_TAG(REG_TAG_ID, REG_TENANT_ID)",
                        "CREATE INDEX REG_RESC_PROP_BY_3\nON REG_RESOURCE_PROPERTY(REG_TENANT_ID,REG_PROPERTY_ID)")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void splitsExactly(Expected e) {
        SqlScripts.Script script = SqlScripts.load(e.id(), e.dialect());
        List<SqlStatement> statements = script.statements();

        assertEquals(Arrays.toString(e.lines()), Arrays.toString(statements.stream().mapToInt(SqlStatement::line).toArray()),
                "start lines of " + script.name());
        assertEquals(e.first(), statements.get(0).text());
        assertEquals(e.last(), statements.get(statements.size() - 1).text());

        assertVerbatimAndComplete(script, statements);
        assertFalse(script.sha256().isBlank());
    }

    /** Each statement is the script's own text at its start line, and none carries a terminator, command or neighbour. */
    static void assertVerbatimAndComplete(SqlScripts.Script script, List<SqlStatement> statements) {
        String dialect = script.dialect().id();
        List<String> scriptLines = script.text().lines().toList();
        assertFalse(statements.isEmpty(), script.name());
        for (SqlStatement s : statements) {
            String firstLine = s.text().lines().findFirst().orElseThrow();
            assertTrue(scriptLines.get(s.line() - 1).strip().startsWith(firstLine.strip()),
                    script.name() + ":" + s.line() + " does not start with " + firstLine);
            assertTrue(script.text().contains(s.text()), "statement text is verbatim script text: " + s.text());
            assertFalse(s.text().endsWith("/"), s.text());
            assertFalse(s.text().strip().startsWith("--"), s.text());
            boolean plsqlBlock = dialect.equals("oracle") && (s.text().startsWith("CREATE OR REPLACE TRIGGER")
                    || s.text().startsWith("BEGIN") || s.text().startsWith("DECLARE"));
            boolean tsqlBatch = dialect.equals("mssql") && (s.text().startsWith("DECLARE") || s.text().matches("(?s)(IF .*?\\R)?BEGIN\\R.*\\REND"));
            boolean compound = dialect.equals("db2") && s.text().matches("(?s)BEGIN\\R.*\\REND");
            assertEquals(plsqlBlock, s.text().endsWith(";"), "only PL/SQL keeps its END;: " + s.text());
            if (!plsqlBlock && !tsqlBatch && !compound && !s.text().startsWith("CREATE TRIGGER")) {
                assertFalse(s.text().contains(";"), "no statement swallowed its neighbour: " + s.text());
            }
        }
    }

    /**
     * Statement terminators of a script: a '/' line (or a line ending in " /"), or a line ending in ';' outside an
     * anonymous PL/SQL block (BEGIN/DECLARE ... '/'), whose inner ';' do not end statements.
     */
    private static long terminators(String text) {
        long count = 0;
        boolean inBlock = false;
        for (String line : text.lines().toList()) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("--")) {
                continue;
            }
            if (l.equals("/") || l.endsWith(" /")) {
                count++;
                inBlock = false;
            } else if (!inBlock && (l.equals("BEGIN") || l.startsWith("DECLARE"))) {
                inBlock = true;
            } else if (!inBlock && l.endsWith(";")) {
                count++;
            }
        }
        return count;
    }

    /** Scripts other steps own (the set-based registry clean-up): split without losing or merging anything. */
    @Test
    void other_shipped_scripts_split_verbatim_and_completely() {
        for (Dialect d : Dialects.all()) {
            SqlScripts.Script script = SqlScripts.load(SqlScripts.REGISTRY_VERSIONING_CLEANUP, d);
            List<SqlStatement> statements = script.statements();
            assertVerbatimAndComplete(script, statements);
            assertEquals(terminators(script.text()), statements.size(), script.name() + ": one statement per terminator");
        }
    }

    @Test
    void every_script_of_the_catalog_is_covered() {
        long files = SqlScripts.IDS.stream().filter(id -> !id.equals(SqlScripts.REGISTRY_VERSIONING_CLEANUP)).mapToLong(id -> Dialects.all().stream().filter(d -> SqlScripts.exists(id, d)).count()).sum();
        assertEquals(files, scripts().count());
    }

    @Test
    void oracle_trigger_keeps_its_plsql_body_and_end_semicolon() {
        List<SqlStatement> s = SqlScripts.load("identity-uma-ddl-seed", "oracle").statements();
        assertEquals(22, s.size());
        assertEquals(new SqlStatement("""
                CREATE OR REPLACE TRIGGER IDN_UMA_RESOURCE_TRIG
                BEFORE INSERT
                ON IDN_UMA_RESOURCE
                REFERENCING NEW AS NEW
                FOR EACH ROW
                BEGIN
                SELECT IDN_UMA_RESOURCE_SEQ.nextval INTO :NEW.ID FROM dual;
                END;""", 17), s.get(2));
        assertEquals(new SqlStatement("""
                CREATE OR REPLACE TRIGGER IDN_UMA_PT_RESOURCE_SCOPE_TRIG
                BEFORE INSERT
                ON IDN_UMA_PT_RESOURCE_SCOPE
                REFERENCING NEW AS NEW
                FOR EACH ROW
                BEGIN
                SELECT IDN_UMA_PT_RESOURCE_SCOPE_SEQ.nextval INTO :NEW.ID FROM dual;
                END;""", 144), s.get(21));
        assertEquals(new SqlStatement("CREATE INDEX IDX_RID ON IDN_UMA_RESOURCE (RESOURCE_ID)", 27), s.get(3));
        assertEquals(6, s.stream().filter(x -> x.text().startsWith("CREATE TABLE")).count());
        assertEquals(6, s.stream().filter(x -> x.text().startsWith("CREATE SEQUENCE")).count());
        assertEquals(6, s.stream().filter(x -> x.text().startsWith("CREATE OR REPLACE TRIGGER")).count());
        assertEquals(4, s.stream().filter(x -> x.text().startsWith("CREATE INDEX")).count());
    }

    @Test
    void oracle_registry_cleanup_keeps_commit_and_drops_the_trailing_slash() {
        List<SqlStatement> s = SqlScripts.load("registry-versioning-cleanup-seed", "oracle").statements();
        assertEquals(17, s.size());
        assertEquals(new SqlStatement("COMMIT", 38), s.get(16));
        assertEquals("delete from REG_RATING where REG_ID NOT IN (select REG_RATING_ID from REG_RESOURCE_RATING)", s.get(11).text());
    }

    @Test
    void db2_begin_atomic_trigger_is_one_statement() {
        List<SqlStatement> s = SqlScripts.load("identity-uma-ddl-seed", "db2").statements();
        assertEquals(22, s.size());
        assertEquals(new SqlStatement("""
                CREATE TRIGGER IDN_UMA_RESOURCE_TRIG NO CASCADE
                BEFORE INSERT
                ON IDN_UMA_RESOURCE
                REFERENCING NEW AS NEW
                FOR EACH ROW MODE DB2SQL
                BEGIN ATOMIC
                SET (NEW.ID) = (NEXTVAL FOR IDN_UMA_RESOURCE_SEQ);
                END""", 17), s.get(2));
        assertEquals(new SqlStatement("""
                CREATE TRIGGER IDN_UMA_RESOURCE_SCOPE_TRIG  NO CASCADE
                BEFORE INSERT
                ON IDN_UMA_RESOURCE_SCOPE
                REFERENCING NEW AS NEW
                FOR EACH ROW MODE DB2SQL
                BEGIN ATOMIC
                SET (NEW.ID) = (NEXTVAL FOR IDN_UMA_RESOURCE_SCOPE_SEQ);
                END""", 68), s.get(10));
        assertEquals(new SqlStatement("CREATE SEQUENCE IDN_UMA_RESOURCE_SEQ START WITH 1 INCREMENT BY 1 NOCACHE", 14), s.get(1));
    }

    @Test
    void db2_slash_at_the_end_of_a_line_ends_the_statement() {
        List<SqlStatement> s = SqlScripts.load("am-db-300-to-310-seed", "db2").statements();
        assertEquals(4, s.size());
        assertEquals(new SqlStatement("""
                CREATE TABLE AM_API_CATEGORIES (
                    UUID VARCHAR(50) NOT NULL,
                    NAME VARCHAR(255) NOT NULL,
                    DESCRIPTION VARCHAR(1024),
                    TENANT_ID INTEGER NOT NULL DEFAULT -1,
                    UNIQUE (NAME,TENANT_ID),
                    PRIMARY KEY (UUID)
                )""", 1), s.get(0));
        assertEquals(new SqlStatement("""
                ALTER TABLE AM_SYSTEM_APPS
                ADD TENANT_DOMAIN VARCHAR(255) DEFAULT 'carbon.super'""", 10), s.get(1));
        assertEquals(new SqlStatement("""
                CREATE TABLE AM_USER (
                    USER_ID VARCHAR(255) NOT NULL,
                    USER_NAME VARCHAR(255) NOT NULL,
                    PRIMARY KEY(USER_ID)
                )""", 14), s.get(2));
    }

    @Test
    void db2_semicolon_script_splits_at_semicolons() {
        List<SqlStatement> s = SqlScripts.load("analytics-300-to-310-seed", "db2").statements();
        assertEquals(List.of(
                new SqlStatement("ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY", 1),
                new SqlStatement("ALTER TABLE APILASTACCESSSUMMARY ALTER COLUMN APIVERSION VARCHAR(254) NOT NULL", 2),
                new SqlStatement("ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APIVERSION,APICREATOR,APICREATORTENANTDOMAIN)", 3)), s);
    }

    @Test
    void mssql_if_not_exists_create_table_is_one_statement() {
        List<SqlStatement> s = SqlScripts.load("identity-uma-ddl-seed", "mssql").statements();
        assertEquals(10, s.size());
        assertEquals(new SqlStatement("""
                IF NOT  EXISTS (SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[IDN_UMA_RESOURCE]') AND TYPE IN (N'U'))
                CREATE TABLE IDN_UMA_RESOURCE (
                ID                  INTEGER IDENTITY NOT NULL,
                RESOURCE_ID         VARCHAR(255),
                RESOURCE_NAME       VARCHAR(255),
                TIME_CREATED        DATETIME         NOT NULL,
                RESOURCE_OWNER_NAME VARCHAR(255),
                CLIENT_ID           VARCHAR(255),
                TENANT_ID           INTEGER DEFAULT -1234,
                USER_DOMAIN         VARCHAR(50),
                PRIMARY KEY (ID)
                )""", 1), s.get(0));
        assertEquals(new SqlStatement("CREATE INDEX IDX_RID ON IDN_UMA_RESOURCE (RESOURCE_ID)", 14), s.get(1));
    }

    @Test
    void mssql_declare_batch_is_one_unit_and_the_rest_splits() {
        List<SqlStatement> s = SqlScripts.load("analytics-300-to-310-seed", "mssql").statements();
        assertEquals(List.of(
                new SqlStatement("""
                        DECLARE @con_com as VARCHAR(8000);
                        SET @con_com = (SELECT name from sys.objects where parent_object_id=object_id('APILASTACCESSSUMMARY') AND type='PK');
                        EXEC('ALTER TABLE APILASTACCESSSUMMARY DROP CONSTRAINT ' + @con_com)""", 1),
                new SqlStatement("ALTER TABLE APILASTACCESSSUMMARY ALTER COLUMN APIVERSION VARCHAR(254) NOT NULL", 4),
                new SqlStatement("ALTER TABLE APILASTACCESSSUMMARYADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)", 5)), s);
    }

    @Test
    void mssql_runnable_analytics_fixes_the_seed_typo() {
        List<SqlStatement> s = SqlScripts.load("analytics-300-to-310", "mssql").statements();
        assertEquals(3, s.size());
        assertTrue(s.get(0).text().endsWith("IF @con_com IS NOT NULL EXEC('ALTER TABLE APILASTACCESSSUMMARY DROP CONSTRAINT ' + @con_com)"));
        assertEquals("ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN)", s.get(2).text());
        assertTrue(s.stream().noneMatch(x -> x.text().contains("SUMMARYADD")));
    }

    @Test
    void registry_cleanup_is_the_same_sixteen_statements_in_every_dialect() {
        List<String> reference = null;
        for (Dialect d : Dialects.all()) {
            List<String> shape = SqlScripts.load(SqlScripts.REGISTRY_VERSIONING_CLEANUP_SEED, d).statements().stream()
                    .map(st -> st.text().split("\\s+"))
                    .filter(w -> !w[0].equals("COMMIT"))
                    .map(w -> (w[0] + " " + (w[0].equalsIgnoreCase("delete") ? w[2] : w[1])).toUpperCase())
                    .toList();
            assertEquals(16, shape.size(), d.id());
            if (reference == null) {
                reference = shape;
            }
            assertEquals(reference, shape, d.id());
        }
    }

    @Test
    void runnable_scripts_create_the_same_objects_in_every_dialect() {
        for (Dialect d : Dialects.all()) {
            List<String> uma = created(SqlScripts.IDENTITY_UMA_DDL, d, ObjectKind.TABLE, ObjectKind.INDEX);
            assertEquals(List.of("IDN_UMA_RESOURCE", "IDX_RID", "IDX_USER", "IDN_UMA_RESOURCE_META_DATA", "IDN_UMA_RESOURCE_SCOPE",
                    "IDX_RS", "IDN_UMA_PERMISSION_TICKET", "IDX_PT", "IDN_UMA_PT_RESOURCE", "IDN_UMA_PT_RESOURCE_SCOPE"), uma, d.id());
            assertEquals(List.of("AM_API_CATEGORIES", "TENANT_DOMAIN", "AM_USER", "AM_SECURITY_AUDIT_UUID_MAPPING"),
                    created(SqlScripts.AM_DB_300_TO_310, d, ObjectKind.TABLE, ObjectKind.COLUMN), d.id());
        }
    }

    private static List<String> created(String id, Dialect d, ObjectKind... kinds) {
        List<ObjectKind> wanted = List.of(kinds);
        return SqlScripts.load(id, d).statements().stream()
                .flatMap(st -> d.target(st).stream())
                .filter(t -> t.operation() == StatementTarget.Operation.CREATE && wanted.contains(t.kind()))
                .map(StatementTarget::name)
                .toList();
    }
}
