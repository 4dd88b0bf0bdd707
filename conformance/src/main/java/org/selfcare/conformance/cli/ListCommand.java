package org.selfcare.conformance.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.selfcare.conformance.cases.CaseRegistry;
import org.selfcare.conformance.model.TestCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code x1470 list}: prints every case with its title and whether this version can exercise it.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every test case.")
final class ListCommand implements Callable<Integer> {

    @Option(names = "--details", description = "also print each case's steps and expected result")
    boolean details;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CaseRegistry registry = CaseRegistry.standard();
        for (TestCase testCase : registry.all()) {
            String status = registry.isImplemented(testCase.id()) ? "" : "  (not implemented in this version)";
            out.printf("%-6s %s%s%n", testCase.id(), testCase.description().title(), status);
            if (details) {
                testCase.description().steps().forEach((step) -> out.printf("         - %s%n", step));
                out.printf("         expected: %s%n", testCase.description().expected());
            }
        }
        out.flush();
        return X1470.OK;
    }
}
