package org.selfcare.usage;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import org.selfcare.platform.SelfcareProperties;
import org.selfcare.usage.cdr.CdrLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.stereotype.Component;

/**
 * {@code import-cdr}: imports call records from switch exports into the portal's database.
 */
@Component
@Command(name = "import-cdr", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Imports call detail records from Asterisk cdr-csv, FreeSWITCH mod_cdr_csv or mobile call-log "
                + "files. Bad lines are reported and skipped; importing a file again changes nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:every file was read (some lines may have been rejected)",
                "1:a file could not be read or its layout was not recognised", "2:invalid options" })
public class ImportCdrCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "export files to import")
    Path[] files;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "time zone of the switch, for layouts whose times have no offset (default: ${DEFAULT-VALUE})")
    ZoneId zone;

    @Option(names = "--region", paramLabel = "CC",
            description = "ISO 3166 region for numbers written without a country code (default: selfcare.default-region)")
    String region;

    @Option(names = "--layout", paramLabel = "LAYOUT",
            description = "ASTERISK, FREESWITCH or MOBILE_LOG; detected from the first record when absent")
    CdrLayout layout;

    @Option(names = "--earliest", paramLabel = "INSTANT", defaultValue = "2000-01-01T00:00:00Z",
            description = "reject calls that started before this instant as clock errors (default: ${DEFAULT-VALUE})")
    Instant earliest;

    @Spec
    CommandSpec spec;

    private final CallRecordImporter importer;

    private final SelfcareProperties properties;

    ImportCdrCommand(CallRecordImporter importer, SelfcareProperties properties) {
        this.importer = importer;
        this.properties = properties;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String chosenRegion = (region != null) ? region.toUpperCase() : properties.defaultRegion();
        ImportOptions options = new ImportOptions(zone, chosenRegion, layout, earliest);

        int exitCode = 0;
        for (Path file : files) {
            try {
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString());
                }
                ImportSummary summary = importer.importFile(file, options,
                        (rejected) -> err.printf("%s:%d: rejected: %s%n", file, rejected.lineNumber(), rejected.reason()));
                out.printf("%s: layout %s, read %d, imported %d, duplicates %d, rejected %d, charged %d%n", file,
                        (summary.layout() != null) ? summary.layout() : "none (empty file)", summary.read(), summary.imported(), summary.duplicates(), summary.rejected(),
                        summary.charged());
            }
            catch (NoSuchFileException ex) {
                err.printf("%s: cannot read the file: it does not exist or is not a regular file%n", file);
                exitCode = 1;
            }
            catch (IOException | IllegalArgumentException ex) {
                err.printf("%s: cannot read the file: %s%n", file, ex.getMessage());
                exitCode = 1;
            }
            out.flush();
            err.flush();
        }
        return exitCode;
    }
}
