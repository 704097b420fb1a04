package com.centralstation.verification.app.storage;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Free space of the data directory's file system, and one alert per episode of low space. */
class DataDirectorySpaceTest {

    @TempDir
    Path dir;

    private final List<String> told = new ArrayList<>();

    @Test
    void unsetTheAlertLiesAtTheLargerOfOneGigabyteAndATenthOfTheFileSystem() throws Exception {
        DataDirectorySpace space = new DataDirectorySpace(dir, null, "node-1", this::tell);

        long total = Files.getFileStore(dir).getTotalSpace();
        // the file system's figures move a little between two reads
        assertThat(space.alertBelow()).isCloseTo(Math.max(DataSize.ofGigabytes(1).toBytes(), total / 10),
                Percentage.withPercentage(1));
        assertThat(space.free()).isPositive().isCloseTo(Files.getFileStore(dir).getUsableSpace(), Percentage.withPercentage(1));
    }

    @Test
    void aDataDirectoryTheDatabaseHasNotMadeYetIsMeasuredOnItsNearestParent() {
        DataDirectorySpace space = new DataDirectorySpace(dir.resolve("not/yet"), null, "node-1", this::tell);

        assertThat(space.measured()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void supervisorsAreToldOnceWhenSpaceFallsBelowTheAlertAndNotAgainWhileItStaysLow() {
        DataDirectorySpace space = new DataDirectorySpace(dir, DataSize.ofTerabytes(1000), "node-1", this::tell);

        space.check();
        space.check();
        space.check();

        assertThat(space.low()).isTrue();
        assertThat(told).singleElement().asString().startsWith("Disk space low on node node-1: ")
                .contains("MB free under " + dir.toAbsolutePath()).contains("complete this task");
    }

    @Test
    void aNoticeThatCouldNotBeGivenIsGivenAtTheNextCheck() {
        List<String> attempts = new ArrayList<>();
        DataDirectorySpace space = new DataDirectorySpace(dir, DataSize.ofTerabytes(1000), "node-1", (title, text) -> {
            attempts.add(title);
            return attempts.size() > 1;
        });

        space.check();
        space.check();
        space.check();

        assertThat(attempts).hasSize(2);
    }

    @Test
    void plentyOfSpaceTellsNobody() {
        DataDirectorySpace space = new DataDirectorySpace(dir, DataSize.ofMegabytes(1), "node-1", this::tell);

        space.check();

        assertThat(space.low()).isFalse();
        assertThat(told).isEmpty();
    }

    private boolean tell(String title, String description) {
        told.add(title + ": " + description);
        return true;
    }
}
