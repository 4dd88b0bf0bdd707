package org.selfcare.sandbox.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.selfcare.sandbox.mail.MailSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the stand-in mail server. */
@Command(name = "mail", mixinStandardHelpOptions = true,
        description = "Runs an SMTP server that accepts every message and serves them at GET /mail.")
final class MailCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "2525", description = "SMTP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8026", description = "HTTP API port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--starttls", description = "offer STARTTLS with a self-signed certificate generated at start")
    boolean startTls;

    @Override
    public Integer call() throws IOException {
        MailSink sink = MailSink.builder().port(port).httpPort(httpPort).startTls(startTls).build();
        sink.start();
        System.out.println("Mail sink listening for SMTP on 127.0.0.1:" + sink.port() + (startTls ? " with STARTTLS" : ""));
        System.out.println("HTTP API on http://127.0.0.1:" + sink.httpAddress().getPort() + "/mail");
        System.out.flush();
        SandboxCommand.runUntilShutdown(sink::stop);
        return 0;
    }
}
