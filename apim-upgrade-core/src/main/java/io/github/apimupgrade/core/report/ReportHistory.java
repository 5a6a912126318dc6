package io.github.apimupgrade.core.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dated reports of earlier runs, from the report directory and the new home's {@code .apim-upgrade/reports/},
 * newest first: what the status goal lists. A run kept in both places is one line naming both. Only the head of each
 * JSON file is read (goal, outcome and times come before the steps), so a history of big runs lists fast.
 */
public final class ReportHistory {
    private static final Pattern NAME = Pattern.compile("report-(.+)-(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.json");

    private ReportHistory() {
    }

    /** The reports found in {@code directories} (missing ones are skipped), newest first. */
    public static List<RunReport.HistoryLine> list(List<Path> directories) {
        Map<String, RunReport.HistoryLine> byName = new LinkedHashMap<>();
        Map<String, String> sortKey = new LinkedHashMap<>();
        for (Path dir : directories) {
            if (dir == null || !Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "report-*.json")) {
                for (Path f : files) {
                    Matcher m = NAME.matcher(f.getFileName().toString());
                    if (!m.matches()) {
                        continue;
                    }
                    String base = f.getFileName().toString().replaceFirst("\\.json$", "");
                    Path html = f.resolveSibling(base + ".html");
                    String where = (Files.exists(html) ? html : f).toAbsolutePath().normalize().toString();
                    RunReport.HistoryLine known = byName.get(base);
                    if (known != null) {
                        List<String> both = new ArrayList<>(known.where());
                        both.add(where);
                        byName.put(base, new RunReport.HistoryLine(known.file(), known.goal(), known.dryRun(), known.outcome(),
                                known.started(), known.finished(), both));
                        continue;
                    }
                    RunReport.HistoryLine line = head(f, base, m.group(1), where);
                    byName.put(base, line);
                    sortKey.put(base, m.group(2) + String.format("%06d", m.group(3) == null ? 1 : Integer.parseInt(m.group(3))));
                }
            } catch (IOException e) {
                // an unreadable directory lists nothing: status must still show the journal
            }
        }
        List<String> names = new ArrayList<>(byName.keySet());
        // newest first: by the start the report records, then by the name's stamp and number
        names.sort(Comparator.comparing((String n) -> byName.get(n).started(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(sortKey::get).reversed());
        return names.stream().map(byName::get).toList();
    }

    /** The fields before "steps" of one report; a file that cannot be read is listed with outcome "unreadable". */
    private static RunReport.HistoryLine head(Path f, String base, String goal, String where) {
        String outcome = null;
        boolean dryRun = false;
        Instant started = null;
        Instant finished = null;
        try (JsonParser p = ReportWriter.JSON.getFactory().createParser(f.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a report");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "goal" -> goal = p.getValueAsString(goal);
                    case "dryRun" -> dryRun = t == JsonToken.VALUE_TRUE;
                    case "started" -> started = instant(p.getValueAsString());
                    case "finished" -> finished = instant(p.getValueAsString());
                    case "outcome" -> outcome = p.getValueAsString();
                    default -> p.skipChildren();
                }
                if (outcome != null && finished != null) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            outcome = outcome == null ? "unreadable" : outcome;
        }
        return new RunReport.HistoryLine(base, goal, dryRun, outcome == null ? "unknown" : outcome, started, finished,
                List.of(where));
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** One line for the console: "2026-12-02 05:15:00 +01:00  migrate  SUCCEEDED  2 min 13 s  <file>". */
    public static String describe(RunReport.HistoryLine l) {
        return String.format("%-26s %-28s %-13s %-11s %s", Times.local(l.started()),
                l.goal() + (l.dryRun() ? " (dry run)" : ""), l.outcome(), Times.between(l.started(), l.finished()),
                String.join("  and  ", l.where()));
    }
}
