package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.testsupport.GitApply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The patches of a dry run's plan.patch are read by the real git apply: each case is checked, applied, and the file
 * compared byte for byte with the text the run would write.
 */
class UnifiedDiffGitPatchTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void git() {
        assumeTrue(GitApply.available(), "git is not installed");
    }

    private void roundTrip(String path, String before, String after) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-" + System.nanoTime()));
        Path file = home.resolve(path);
        Files.createDirectories(file.getParent());
        if (before != null) {
            Files.writeString(file, before);
        }
        String patch = UnifiedDiff.gitPatch(path, before, after);
        Path p = dir.resolve("p-" + System.nanoTime() + ".patch");
        Files.writeString(p, "# a header line, as plan.patch has\n" + patch);
        GitApply.Result check = GitApply.run(home, p, true);
        assertEquals(0, check.exit(), check.output() + "\n" + patch);
        assertTrue(check.output().contains("Checking patch " + path), "the file was not skipped: " + check.output());
        GitApply.Result apply = GitApply.run(home, p, false);
        assertEquals(0, apply.exit(), apply.output());
        if (after == null) {
            assertFalse(Files.exists(file), patch);
        } else {
            assertEquals(after, Files.readString(file), patch);
        }
    }

    @Test
    void aChangeInTheMiddleKeepsItsContext() throws Exception {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            before.append("line ").append(i).append('\n');
        }
        String after = before.toString().replace("line 5\n", "line five\n").replace("line 30\n", "")
                .replace("line 40\n", "line 40\nline 41\n");
        roundTrip("repository/conf/log4j2.properties", before.toString(), after);
    }

    @Test
    void aNewFileAndANewFileWithoutTheLastLineBreak() throws Exception {
        roundTrip("repository/conf/new.xml", null, "<a>\n  <b/>\n</a>\n");
        roundTrip("repository/conf/new-no-eol.xml", null, "<a>\n</a>");
        String patch = UnifiedDiff.gitPatch("x", null, "a");
        assertTrue(patch.contains("new file mode 100644\n--- /dev/null\n+++ b/x\n@@ -0,0 +1,1 @@\n+a\n\\ No newline at end of file\n"), patch);
    }

    @Test
    void aFileRewrittenEntirely() throws Exception {
        roundTrip("repository/conf/deployment.toml", "[server]\nhostname = \"old\"\noffset = 1\n",
                "[server]\nhostname = \"apim.example.com\"\n\n[database.apim_db]\ntype = \"postgre\"\n");
    }

    @Test
    void onlyTheFinalLineBreakOrTheLineEndingsChange() throws Exception {
        roundTrip("a.txt", "one\ntwo", "one\ntwo\n");
        roundTrip("b.txt", "one\ntwo\n", "one\ntwo");
        roundTrip("c.txt", "one\r\ntwo\r\n", "one\r\ntwo\r\nthree\r\n");
    }

    @Test
    void aFileRemovedAndAnEmptyFileCreated() throws Exception {
        roundTrip("gone.txt", "bye\n", null);
        roundTrip("empty.txt", null, "");
    }

    @Test
    void noChangeIsNoPatch() {
        assertEquals("", UnifiedDiff.gitPatch("x", "a\n", "a\n"));
        assertEquals("", UnifiedDiff.gitPatch("x", null, null));
    }
}
