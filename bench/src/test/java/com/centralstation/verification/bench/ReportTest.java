package com.centralstation.verification.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path repository;

    @Test
    void a_work_directory_inside_the_repository_is_shown_relative_to_it() {
        Path workDir = repository.resolve("bench/target/bench-work/20261127-133255");

        assertThat(Report.shown(repository, workDir)).isEqualTo("bench/target/bench-work/20261127-133255");
    }

    @Test
    void a_path_outside_the_repository_shows_only_its_name() {
        Path elsewhere = repository.getParent().resolve("elsewhere/bench-work/run-1");

        assertThat(Report.shown(repository, elsewhere)).isEqualTo("run-1");
    }

    @Test
    void the_generated_block_replaces_the_previous_run_and_keeps_the_text_around_it() throws Exception {
        Path results = repository.resolve("RESULTS.md");
        Files.writeString(results, "# Results\n\nHow to read it.\n\n" + Report.START + "\nold run\ncorrected by hand\n"
                + Report.END + "\n\nAfter the block.\n");

        Report.writeInto(results, "new run\n");

        assertThat(Files.readString(results)).isEqualTo("# Results\n\nHow to read it.\n\n" + Report.START
                + "\nnew run\n" + Report.END + "\n\nAfter the block.\n");
    }

    @Test
    void two_blocks_left_in_the_file_become_one() throws Exception {
        Path results = repository.resolve("RESULTS.md");
        Files.writeString(results, "intro\n" + Report.START + "\nrun 1\n" + Report.END + "\nbetween\n"
                + Report.START + "\nrun 2\n" + Report.END + "\n");

        Report.writeInto(results, "run 3\n");

        String text = Files.readString(results);
        assertThat(text).isEqualTo("intro\n" + Report.START + "\nrun 3\n" + Report.END + "\n");
    }

    @Test
    void a_file_without_a_block_gets_one_at_its_end() throws Exception {
        Path results = repository.resolve("RESULTS.md");
        Files.writeString(results, "# Results\n");

        Report.writeInto(results, "run\n");

        assertThat(Files.readString(results)).isEqualTo("# Results\n\n" + Report.START + "\nrun\n" + Report.END + "\n");
    }
}
