package io.github.apimupgrade.core.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 18: report.html looked at in a real browser. Headless Chromium renders a long run and a failure; the
 * screenshots are left in target/report-screenshots/ for a person to look at (docs/reports.md: the manual check), and
 * a copy of each page with a probe script tells where things landed: nothing wider than the window (a long diff line
 * scrolls inside its cell), and the outcome, the error and the open manual actions on the first screen.
 * Skipped when Chromium is not installed (Debian: apt-get install chromium); APIM_UPGRADE_CHROMIUM names another binary.
 */
class ReportScreenshotTest {
    private static final Path OUT = Path.of("target", "report-screenshots");
    private static Path chromium;

    @BeforeAll
    static void findChromium() {
        String named = System.getenv("APIM_UPGRADE_CHROMIUM");
        List<String> candidates = new ArrayList<>();
        if (named != null && !named.isBlank()) {
            candidates.add(named);
        }
        candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        chromium = candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium): the screenshot check is skipped");
    }

    private static Path write(String name, RunReport r) throws IOException {
        Path dir = OUT.resolve(name);
        if (Files.isDirectory(dir)) { // the reports of an earlier test run would be kept (never overwritten) beside these
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        java.util.TimeZone was = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Amsterdam")); // an operator's zone: the offset shows
            return ReportWriter.write(r, dir, List.of(), Clock.fixed(ReportFixtures.START, ZoneOffset.UTC), s -> s).html();
        } finally {
            java.util.TimeZone.setDefault(was);
        }
    }

    private static String run(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory("apim-upgrade-chromium")));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish");
        }
        return out;
    }

    /** Where the page put things, measured by a probe script in a copy of the page, at {@code width}x900. */
    private static Map<String, String> layout(Path html, int width) throws Exception {
        Path probe = html.resolveSibling("probe-" + width + ".html");
        String script = "<script>window.addEventListener('load',function(){"
                + "function top(s){var e=document.querySelector(s);return e?Math.round(e.getBoundingClientRect().top):-1;}"
                + "var p=document.createElement('pre');p.id='probe';p.textContent="
                + "'overflow='+(document.documentElement.scrollWidth>window.innerWidth)"
                + "+' banner='+top('header.banner')+' error='+top('.box.error')+' manual='+top('.box.manual')"
                + "+' steps='+top('table.steps')+' height='+window.innerHeight;document.body.appendChild(p);});</script>";
        Files.writeString(probe, Files.readString(html).replace("</body>", script + "</body>"));
        String dom = run(List.of("--window-size=" + width + ",900", "--virtual-time-budget=5000", "--dump-dom", probe.toUri().toString()));
        Matcher m = Pattern.compile("<pre id=\"probe\">([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the probe ran: " + dom.substring(0, Math.min(300, dom.length())));
        Map<String, String> values = new java.util.HashMap<>();
        for (String kv : m.group(1).split(" ")) {
            String[] p = kv.split("=", 2);
            values.put(p[0], p[1]);
        }
        return values;
    }

    private static void screenshot(Path html, String name) throws Exception {
        Path png = OUT.resolve(name + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        run(List.of("--window-size=1280,900", "--screenshot=" + png, html.toUri().toString()));
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 10_000, "a screenshot of " + html);
        Path full = OUT.resolve(name + "-full.png").toAbsolutePath();
        run(List.of("--window-size=1280,4000", "--screenshot=" + full, html.toUri().toString()));
    }

    @Test
    void aLongRunFitsTheWindowWithItsSummaryAndManualActionsOnTheFirstScreen() throws Exception {
        Path html = write("long-run", ReportFixtures.longRun());
        screenshot(html, "long-run");
        for (int width : new int[] {1280, 800}) {
            Map<String, String> l = layout(html, width);
            assertEquals("false", l.get("overflow"), "a 600-character diff line scrolls inside its cell at " + width + ": " + l);
            int height = Integer.parseInt(l.get("height"));
            assertTrue(Integer.parseInt(l.get("banner")) >= 0 && Integer.parseInt(l.get("manual")) < height - 100,
                    "the open manual action is on the first screen at " + width + ": " + l);
        }
    }

    @Test
    void aFailureShowsTheErrorOnTheFirstScreen() throws Exception {
        Path html = write("failure", ReportFixtures.failure());
        screenshot(html, "failure");
        Map<String, String> l = layout(html, 1280);
        assertEquals("false", l.get("overflow"), l.toString());
        assertTrue(Integer.parseInt(l.get("error")) >= 0 && Integer.parseInt(l.get("error")) < Integer.parseInt(l.get("height")) - 200,
                "the error and its fix start on the first screen: " + l);
        try (Stream<Path> s = Files.list(OUT)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().equals("failure.png")));
        }
    }
}
