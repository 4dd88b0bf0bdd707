package org.selfcare.conformance.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.run.RunReport;

/**
 * Writes {@code junit.xml} for CI servers: FAIL is a failure, INCONCLUSIVE and REVIEW are skipped with their
 * reason, PASS is a passed test.
 */
public final class JunitReport {

    public static final String FILE = "junit.xml";

    private JunitReport() {
    }

    public static Path write(RunReport report, Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "x1470 " + report.target());
            xml.writeAttribute("tests", String.valueOf(report.results().size()));
            xml.writeAttribute("failures", String.valueOf(report.counts().get(Verdict.FAIL)));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", String.valueOf(report.counts().get(Verdict.INCONCLUSIVE)
                    + report.counts().get(Verdict.REVIEW)));
            xml.writeAttribute("timestamp", report.started().toString());
            for (CaseResult result : report.results()) {
                writeCase(xml, result);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        }
        catch (XMLStreamException ex) {
            throw new IOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        return file;
    }

    private static void writeCase(XMLStreamWriter xml, CaseResult result) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "x1470.clause" + result.description().clause());
        xml.writeAttribute("name", result.id() + " " + result.description().title());
        xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", result.elapsed().toMillis() / 1000.0));
        switch (result.verdict()) {
            case FAIL -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", result.reason());
                xml.writeCharacters(String.join("\n", result.findings()));
                xml.writeEndElement();
            }
            case INCONCLUSIVE, REVIEW -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", result.verdict() + ": " + result.reason());
                xml.writeEndElement();
            }
            case PASS -> {
            }
        }
        xml.writeEndElement();
    }
}
