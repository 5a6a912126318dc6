package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.files.SafeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyFileActionTest {

    @TempDir
    Path dir;

    private StepContext context() {
        return new StepContext(UpgradeRequest.builder().build(), null, null, null, new Workspace(), null, EventSink.discard(),
                new Redactor(), null, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), null);
    }

    @Test
    void plansSizeAndChecksumThenCopiesWithPermissionsIntoNewDirectories() throws Exception {
        Path src = Files.writeString(dir.resolve("a.sh"), "#!/bin/sh\necho hi\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rwxr-x---"));
        Path target = dir.resolve("new/deep/a.sh");

        CopyFileAction a = CopyFileAction.unlessIdentical(src, target, "[old] a.sh", "[new] deep/a.sh", "test").orElseThrow();

        assertEquals(PlannedAction.Kind.FILE_COPY, a.kind());
        assertEquals("copy [old] a.sh -> [new] deep/a.sh (18 bytes)", a.summary());
        assertTrue(a.details().contains("sha-256: " + SafeFiles.sha256(src)), a.details());
        assertFalse(Files.exists(target), "planning writes nothing");

        ActionResult r = a.apply(context());

        assertEquals("copied [old] a.sh -> [new] deep/a.sh", r.summary());
        assertEquals("#!/bin/sh\necho hi\n", Files.readString(target));
        assertEquals("rwxr-x---", CopyFileAction.permissions(target));
        assertTrue(CopyFileAction.unlessIdentical(src, target, "s", "t", null).isEmpty(), "identical now: nothing to plan");
    }

    @Test
    void differingTargetIsBackedUp() throws Exception {
        Path src = Files.writeString(dir.resolve("x.xml"), "<new/>");
        Path target = Files.writeString(dir.resolve("t.xml"), "<old/>");

        CopyFileAction a = CopyFileAction.unlessIdentical(src, target, "s", "t", null).orElseThrow();
        assertTrue(a.details().contains("replaces target with sha-256 " + SafeFiles.sha256("<old/>")), a.details());
        a.apply(context());

        assertEquals("<new/>", Files.readString(target));
        assertEquals("<old/>", Files.readString(dir.resolve("t.xml.apim-upgrade-20260102T030405Z.bak")));
    }

    @Test
    void sourceChangedAfterPlanningIsRefusedAndNothingIsWritten() throws Exception {
        Path src = Files.writeString(dir.resolve("x.xml"), "<v1/>");
        Path target = dir.resolve("t.xml");
        CopyFileAction a = CopyFileAction.unlessIdentical(src, target, "s", "t", null).orElseThrow();
        Files.writeString(src, "<v2/>");

        UpgradeException e = assertThrows(UpgradeException.class, () -> a.apply(context()));

        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertFalse(Files.exists(target));
    }

    @Test
    void targetAlreadyIdenticalAtApplyIsSkippedWithoutBackup() throws Exception {
        Path src = Files.writeString(dir.resolve("x.xml"), "<same/>");
        Path target = dir.resolve("t.xml");
        CopyFileAction a = CopyFileAction.unlessIdentical(src, target, "s", "t", null).orElseThrow();
        Files.writeString(target, "<same/>");

        ActionResult r = a.apply(context());

        assertEquals("t already identical to s: skipped", r.summary());
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no backup written");
        }
    }

    @Test
    void simulateMakesTheCopyVisibleToLaterPlans() throws Exception {
        Path src = Files.writeString(dir.resolve("x.xml"), "<x/>");
        Path target = dir.resolve("t.xml");
        Workspace ws = new Workspace();

        CopyFileAction.unlessIdentical(src, target, "s", "t", null).orElseThrow().simulate(ws);

        assertEquals("<x/>", ws.read(target).orElseThrow());
        assertFalse(Files.exists(target));
    }

    @Test
    void planningAgainThroughAFreshWorkspaceHashesNoUnchangedFileTwice() throws Exception {
        Path src = Files.writeString(dir.resolve("api.xml"), "<api/>");
        Path other = Files.writeString(dir.resolve("seq.xml"), "<sequence/>");
        Workspace session = new Workspace();
        CopyFileAction.unlessIdentical(session, src, dir.resolve("t/api.xml"), "s", "t", null, null).orElseThrow();
        CopyFileAction.unlessIdentical(session, other, dir.resolve("t/seq.xml"), "s", "t", null, null).orElseThrow();
        assertEquals(2, session.filesHashed());

        Workspace ahead = session.fresh(); // the engine's plan-ahead pass, then the real plan
        CopyFileAction.unlessIdentical(ahead, src, dir.resolve("t/api.xml"), "s", "t", null, null).orElseThrow();
        CopyFileAction again = CopyFileAction.unlessIdentical(session, other, dir.resolve("t/seq.xml"), "s", "t", null, null)
                .orElseThrow();
        assertEquals(2, session.filesHashed(), "unchanged files are not read again");

        Files.writeString(other, "<sequence name='changed'/>");
        assertTrue(CopyFileAction.unlessIdentical(ahead, other, dir.resolve("t/seq.xml"), "s", "t", null, null).isPresent());
        assertEquals(3, session.filesHashed(), "a changed file is hashed again");
        assertFalse(again.sha256().equals(ahead.sha256(other).orElseThrow()));
    }

    @Test
    void theCopyHashesWhatItCopiesSoAChangeTheAttributesHideIsStillRefused() throws Exception {
        Path src = Files.writeString(dir.resolve("api.xml"), "<api v='1'/>");
        var mtime = Files.getLastModifiedTime(src);
        Workspace ws = new Workspace();
        StepContext ctx = new StepContext(UpgradeRequest.builder().build(), null, null, null, ws, null, EventSink.discard(),
                new Redactor(), null, Clock.systemUTC(), null);
        Path target = dir.resolve("new/api.xml");
        CopyFileAction a = CopyFileAction.unlessIdentical(ws, src, target, "s", "t", null, null).orElseThrow();
        // same size, same modification time: the hash cache cannot see this change, the copy must
        Files.writeString(src, "<api v='2'/>");
        Files.setLastModifiedTime(src, mtime);

        UpgradeException e = assertThrows(UpgradeException.class, () -> a.apply(ctx));

        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertTrue(e.getMessage().contains("changed after it was planned"), e.getMessage());
        assertFalse(Files.exists(target), "nothing moved into place");
        try (var s = Files.list(dir.resolve("new"))) {
            assertEquals(0, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void aSimulatedCopyIsAReferenceThatLaterPlansReadAndHash() throws Exception {
        Path src = Files.writeString(dir.resolve("x.xml"), "<x/>");
        Path target = dir.resolve("t.xml");
        Workspace ws = new Workspace();
        CopyFileAction a = CopyFileAction.unlessIdentical(ws, src, target, "s", "[new] t/t.xml", null, "[new] t").orElseThrow();
        assertEquals("[new] t", a.countedUnder(), "a copy to a new target is counted under its tree");

        a.simulate(ws);

        assertTrue(ws.exists(target));
        assertEquals(ws.sha256(src), ws.sha256(target));
        assertTrue(CopyFileAction.unlessIdentical(ws, src, target, "s", "t", null, null).isEmpty(),
                "a later step sees the planned copy as identical");
        Files.writeString(target, "<other/>");
        assertEquals(null, CopyFileAction.unlessIdentical(new Workspace(), src, target, "s", "[new] t/t.xml", null, "[new] t")
                .orElseThrow().countedUnder(), "replacing a differing file is listed with its details");
    }
}
