package dev.aioskill.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitReportTest {

    @TempDir
    Path dir;

    @Test
    void anExternalEntityIsNeverResolved() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
        Path xml = Files.writeString(dir.resolve("junit.xml"), "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + secret + "\">]>\n"
                + "<testsuites><testsuite><testcase classname=\"t\" name=\"&x;\" time=\"0\"/></testsuite></testsuites>");

        assertThat(JUnitReport.read(xml)).isEmpty();
    }

    @Test
    void outcomesComeFromTheChildElements() throws Exception {
        Path xml = Files.writeString(dir.resolve("junit.xml"), "<testsuites><testsuite>"
                + "<testcase classname=\"test_a\" name=\"test_ok\" time=\"0.5\"/>"
                + "<testcase classname=\"test_a\" name=\"test_bad\" time=\"0.1\"><failure message=\"assert 1 == 2\">tb</failure></testcase>"
                + "<testcase classname=\"test_a.TestC\" name=\"test_skip\" time=\"0\"><skipped message=\"later\"/></testcase>"
                + "</testsuite></testsuites>");

        JUnitReport report = JUnitReport.read(xml).orElseThrow();

        assertThat(report.cases()).extracting(TestCaseResult::name, TestCaseResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("test_a::test_ok", "passed"),
                org.assertj.core.groups.Tuple.tuple("test_a::test_bad", "failed"),
                org.assertj.core.groups.Tuple.tuple("test_a.TestC::test_skip", "skipped"));
        assertThat(report.cases().get(1).message()).contains("assert 1 == 2").contains("tb");
        assertThat(report.collectionFailure()).isEmpty();
    }

    @Test
    void anEmptyOrMissingFileIsNoReport() throws Exception {
        assertThat(JUnitReport.read(dir.resolve("missing.xml"))).isEmpty();
        assertThat(JUnitReport.read(Files.createFile(dir.resolve("empty.xml")))).isEmpty();
    }
}
