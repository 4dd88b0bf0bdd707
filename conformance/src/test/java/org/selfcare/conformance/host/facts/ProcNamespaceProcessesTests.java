package org.selfcare.conformance.host.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcNamespaceProcessesTests {

    private static final String NAMESPACE = "net:[4026532301]";

    @TempDir
    Path root;

    @Test
    void listsProcessesOfOwnNamespaceOnly() throws Exception {
        process("self", NAMESPACE, "java", "java\0-jar\0x1470.jar\0", 30, 29);
        process("30", NAMESPACE, "java", "java\0-jar\0x1470.jar\0", 30, 29);
        process("29", NAMESPACE, "bash", "bash\0", 29, 1);
        process("40", NAMESPACE, "nginx", "nginx: master process\0", 40, 1);
        process("41", NAMESPACE, "nginx", "nginx: worker process\0", 41, 40);
        process("50", "net:[4026531840]", "sshd", "/usr/sbin/sshd\0", 50, 1);
        process("60", NAMESPACE, "kworker/0:1", "", 60, 2);

        assertThat(new ProcNamespaceProcesses(new HostFiles(root)).list())
                .containsExactlyInAnyOrder(new RunningProcess(40, "nginx"), new RunningProcess(41, "nginx"));
    }

    @Test
    void unreadableNamespaceIsUnavailable() {
        assertThatThrownBy(() -> new ProcNamespaceProcesses(new HostFiles(root)).list())
                .isInstanceOf(FactUnavailableException.class).hasMessageContaining("/proc/self/ns/net");
    }

    private void process(String folder, String namespace, String name, String commandLine, long pid, long parent)
            throws IOException {
        Path proc = Files.createDirectories(root.resolve("proc").resolve(folder));
        Files.createDirectories(proc.resolve("ns"));
        Files.createSymbolicLink(proc.resolve("ns/net"), Path.of(namespace));
        Files.writeString(proc.resolve("comm"), name + "\n");
        Files.writeString(proc.resolve("cmdline"), commandLine);
        Files.writeString(proc.resolve("status"), "Name:\t" + name + "\nPid:\t" + pid + "\nPPid:\t" + parent + "\n");
    }
}
