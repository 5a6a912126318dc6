package io.github.apimupgrade.core.event;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What the redactor hides (secrets, under every key shape) and what it leaves readable (names, stock defaults). */
class RedactorTest {

    @Test
    void secretsUnderEveryKeyShapeAreMasked() {
        Redactor r = new Redactor();
        List<String[]> cases = List.of(
                new String[] {"client_secret = \"s3cr3tA\"", "client_secret = \"****\""},
                new String[] {"\"api_key\": \"s3cr3tB\"", "\"api_key\": \"****\""},
                new String[] {"token: s3cr3tC", "token: ****"},
                new String[] {"admin.password=s3cr3tD", "admin.password=****"},
                new String[] {"amqp://admin:s3cr3tE@clientid/carbon", "amqp://admin:****@clientid/carbon"},
                new String[] {"jdbc:mysql://h/db?user=u&password=s3cr3tF&useSSL=false", "jdbc:mysql://h/db?user=u&password=****&useSSL=false"},
                new String[] {"jdbc:sqlserver://h;databaseName=am;password=s3cr3tG;", "jdbc:sqlserver://h;databaseName=am;password=****;"},
                new String[] {"<Password>s3cr3tH</Password>", "<Password>****</Password>"},
                new String[] {"<Property name=\"ConnectionPassword\">s3cr3tI</Property>", "<Property name=\"ConnectionPassword\">****</Property>"},
                new String[] {"keystorePass=\"s3cr3tJ\"", "keystorePass=\"****\""},
                new String[] {"{\"line\":\"key_password = \\\"s3cr3tK\\\"\"}", "{\"line\":\"key_password = \\\"****\\\"\"}"},
                new String[] {"secret = &quot;s3cr3tL&quot;", "secret = &quot;****&quot;"});
        for (String[] c : cases) {
            assertEquals(c[1], r.redact(c[0]), c[0]);
        }
    }

    @Test
    void namesStockDefaultsAndReferencesStayReadable() {
        Redactor r = new Redactor();
        r.register("wso2carbon");
        r.register("admin");
        r.register("root");
        r.register("Real-Secret-1");
        for (String shown : List.of("copy repository/resources/security/wso2carbon.jks", "alias digicertglobalrootca",
                "/root/.m2/repository", "password = \"wso2carbon\"", "password = \"$secret{admin_password}\"",
                "password = \"${admin.password}\"", "admin_password = \"[CHANGE_ME]\"", "token_endpoint = \"https://km/oauth2/token\"",
                "enable_token_revocation = true", "[password_recovery]")) {
            assertEquals(shown, r.redact(shown), shown);
        }
        assertFalse(r.redact("the password is Real-Secret-1 here").contains("Real-Secret-1"));
    }
}
