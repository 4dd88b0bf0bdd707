package org.selfcare.conformance.host.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentLoaderTests {

    @TempDir
    Path folder;

    @Test
    void exampleLoads() throws Exception {
        SecurityConfiguration document = new DocumentLoader().load(write(example()));

        assertThat(document.domains()).extracting(SecurityConfiguration.Domain::name).containsExactly("dmz",
                "application", "database", "management", "internet", "external");
        assertThat(document.host("portal").orElseThrow().services()).hasSize(2);
        assertThat(document.firewall().rules().get(5).to()).containsExactly("dmz", "application", "database");
        assertThat(document.logging().database()).containsEntry("log_statement", "ddl")
                .containsEntry("log_connections", "on");
        assertThat(document.logging().auditSchedule().get(1).every()).isEqualTo(Duration.ofDays(7));
        assertThat(document.accounts().portalDatabaseRole()).contains("selfcare_app");
        assertThat(document.antivirus().orElseThrow().updateInterval()).contains(Duration.ofHours(1));
        assertThat(document.sbom()).contains("portal/target/bom.json");
    }

    @Test
    void missingFileNamesIt() {
        Path missing = folder.resolve("nowhere.yaml");

        assertThatThrownBy(() -> new DocumentLoader().load(missing)).isInstanceOf(InvalidDocumentException.class)
                .hasMessage(missing + " not found; give the security configuration document with --document");
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        Path file = write("version: 1\ndomains:\n  - name: dmz\n    networks: [10.70.1.0/24\nhosts: []\n");

        assertThatThrownBy(() -> new DocumentLoader().load(file)).isInstanceOf(InvalidDocumentException.class)
                .hasMessageStartingWith(file + " line 5: not valid YAML");
    }

    @Test
    void wrongPortNamesLineAndKey() throws Exception {
        Path file = write(example().replace("port: 8444}", "port: console}"));

        assertThatThrownBy(() -> new DocumentLoader().load(file)).isInstanceOf(InvalidDocumentException.class)
                .hasMessage(file + " line 32: hosts[1].services[1].port must be a port number from 1 to 65535, not "
                        + "'console'");
    }

    @Test
    void undeclaredDomainNamesLine() throws Exception {
        Path file = write(example().replace("from: dmz, to: application", "from: dmzz, to: application"));

        assertThatThrownBy(() -> new DocumentLoader().load(file)).isInstanceOf(InvalidDocumentException.class)
                .hasMessageStartingWith(file + " line 47: firewall.rules[1].from names the domain 'dmzz', which "
                        + "'domains' does not declare");
    }

    @Test
    void missingSectionNamesIt() throws Exception {
        Path file = write("version: 1\nhosts: []\n");

        assertThatThrownBy(() -> new DocumentLoader().load(file)).isInstanceOf(InvalidDocumentException.class)
                .hasMessage(file + " line 1: the document lacks the required key 'domains'");
    }

    @Test
    void invalidNetworkNamesIt() throws Exception {
        Path file = write(example().replace("[10.70.3.0/24]", "[10.70.3.0/33]"));

        assertThatThrownBy(() -> new DocumentLoader().load(file)).isInstanceOf(InvalidDocumentException.class)
                .hasMessage(file + " line 10: domains[2].networks[0] must be a network such as 10.70.2.0/24: "
                        + "'10.70.3.0/33' has an invalid prefix length; use 0 to 32");
    }

    static String example() throws IOException {
        try (InputStream in = DocumentLoaderTests.class.getResourceAsStream("/host/security-configuration.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path write(String text) throws IOException {
        Path file = folder.resolve("security-configuration.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
