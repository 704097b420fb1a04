package com.centralstation.verification.app.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every decision record says its status and date, and the index lists every record with them. */
class DecisionRecordsTest {

    @Test
    void everyRecordStartsWithItsStatusAndDateAndIsInTheIndex() throws IOException {
        List<Path> records;
        try (Stream<Path> files = Files.list(RepositoryDocs.dir().resolve("adr"))) {
            records = files.filter(file -> file.getFileName().toString().matches("\\d{4}-.*\\.md")).sorted().toList();
        }
        String index = RepositoryDocs.read("adr/README.md");

        assertThat(records).isNotEmpty();
        for (Path record : records) {
            List<String> head = Files.readAllLines(record).stream().limit(4).toList();
            String file = record.getFileName().toString();
            assertThat(head.get(0)).as("%s: title", file).startsWith("# " + file.substring(0, 4) + " ");
            assertThat(head.get(2)).as("%s: status", file).matches("- \\*\\*Status:\\*\\* (Accepted|Proposed|Superseded|Deprecated).*");
            assertThat(head.get(3)).as("%s: date", file).matches("- \\*\\*Date:\\*\\* \\d{4}-\\d{2}-\\d{2}");
            assertThat(index).as("the index lists %s", file)
                    .containsPattern("\\| \\[" + file.substring(0, 4) + "\\]\\(" + file.replace(".", "\\.") + "\\) \\|.*\\| \\d{4}-\\d{2}-\\d{2} \\|");
        }
    }
}
