package org.selfcare.sandbox.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.selfcare.sandbox.smsc.Smsc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the stand-in SMSC. */
@Command(name = "smsc", mixinStandardHelpOptions = true,
        description = "Runs an SMPP 3.4 SMSC that stores every submitted message and serves them at GET /sms.")
final class SmscCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "2775", description = "SMPP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8025", description = "HTTP API port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--system-id", paramLabel = "ID", defaultValue = "selfcare", description = "system_id that binds must carry, at most 15 characters (default: ${DEFAULT-VALUE})")
    String systemId;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
            description = "file whose first line is the bind password, at most 8 characters")
    Path passwordFile;

    @Override
    public Integer call() throws IOException {
        Smsc smsc = Smsc.builder()
                .systemId(systemId)
                .password(SandboxCommand.readFirstLine(passwordFile, "bind password"))
                .port(port)
                .httpPort(httpPort)
                .build();
        smsc.start();
        System.out.println("SMSC listening for SMPP on 127.0.0.1:" + smsc.port() + " with system id " + systemId);
        System.out.println("HTTP API on http://127.0.0.1:" + smsc.httpAddress().getPort() + "/sms");
        System.out.flush();
        SandboxCommand.runUntilShutdown(smsc::stop);
        return 0;
    }
}
