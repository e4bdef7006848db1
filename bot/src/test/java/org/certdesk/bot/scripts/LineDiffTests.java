package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LineDiffTests {

    @Test
    void showsTheChangedLinesBetweenTheSameOnes() {
        List<LineDiff.Line> diff = LineDiff.between("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assertThat(diff).extracting(l -> l.op() + " " + l.text())
                .containsExactly("SAME a", "REMOVED b", "ADDED B", "SAME c", "SAME d", "ADDED e");
        assertThat(diff.get(2).toLine()).isEqualTo(2);
        assertThat(diff.get(1).fromLine()).isEqualTo(2);
    }

    @Test
    void identicalAndEmptyTexts() {
        assertThat(LineDiff.between("x\ny", "x\ny")).allMatch(l -> l.op() == LineDiff.Op.SAME).hasSize(2);
        assertThat(LineDiff.between("", "x")).extracting(LineDiff.Line::op).containsExactly(LineDiff.Op.ADDED);
    }
}
