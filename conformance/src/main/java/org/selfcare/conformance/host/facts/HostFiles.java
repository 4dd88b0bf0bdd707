package org.selfcare.conformance.host.facts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's files, such as {@code /etc/passwd} and {@code /proc/<pid>/status}, read below a root folder: {@code /}
 * on a live host, a prepared folder in tests.
 */
public final class HostFiles {

    private final Path root;

    public HostFiles(Path root) {
        this.root = root;
    }

    public static HostFiles live() {
        return new HostFiles(Path.of("/"));
    }

    /**
     * Resolves an absolute host path, such as {@code /etc/passwd}, below the root.
     */
    public Path resolve(String hostPath) {
        return root.resolve(hostPath.startsWith("/") ? hostPath.substring(1) : hostPath);
    }

    /**
     * Returns the file's text, or empty when it is missing or unreadable.
     */
    public Optional<String> read(String hostPath) {
        try {
            return Optional.of(Files.readString(resolve(hostPath), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }

    public boolean exists(String hostPath) {
        return Files.exists(resolve(hostPath));
    }

    public boolean isDirectory(String hostPath) {
        return Files.isDirectory(resolve(hostPath));
    }

    public Optional<Instant> lastModified(String hostPath) {
        try {
            return Optional.of(Files.getLastModifiedTime(resolve(hostPath)).toInstant());
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }

    /**
     * Returns the names of the entries of a folder, or an empty list when it is missing or unreadable.
     */
    public List<String> list(String hostPath) {
        try (Stream<Path> entries = Files.list(resolve(hostPath))) {
            return entries.map((entry) -> entry.getFileName().toString()).sorted().toList();
        }
        catch (IOException ex) {
            return List.of();
        }
    }

    public Optional<String> readLink(String hostPath) {
        try {
            return Optional.of(Files.readSymbolicLink(resolve(hostPath)).toString());
        }
        catch (IOException | UnsupportedOperationException ex) {
            return Optional.empty();
        }
    }
}
