package com.centralstation.verification.app.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's docs/ pages as the tests read them: found from wherever the build runs the tests. */
final class RepositoryDocs {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private RepositoryDocs() {
    }

    /** A page of docs/, such as {@code architecture.md} or {@code adr/README.md}. */
    static String read(String page) {
        try {
            return Files.readString(dir().resolve(page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's docs/ directory, the nearest above the directory the tests run in. */
    static Path dir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs").resolve("architecture.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/architecture.md above " + Path.of("").toAbsolutePath());
    }

    /** The text in backticks, in order. */
    static List<String> code(String text) {
        List<String> spans = new ArrayList<>();
        Matcher matcher = CODE.matcher(text);
        while (matcher.find()) {
            spans.add(matcher.group(1));
        }
        return spans;
    }
}
