package org.selfcare.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes files and folders that only the portal's own user may read: keystores, keys and the data folder that
 * contains them. A process started outside the deployment's systemd unit has no umask of 0077, so the permissions are
 * set here rather than left to the umask.
 */
public final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Opens {@code file} for writing from its start, creating it readable and writable by its owner only. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), attributes(FILE)));
        // A file that existed before keeps its permissions when opened, so they are set again.
        restrict(file, FILE);
        return out;
    }

    /** Writes {@code bytes} to {@code file}, readable and writable by its owner only. */
    public static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = newOutputStream(file)) {
            out.write(bytes);
        }
    }

    /** Creates {@code folder} and its missing parents, each open to its owner only. */
    public static void createFolders(Path folder) throws IOException {
        Files.createDirectories(folder, attributes(FOLDER));
    }

    /** Sets {@code path}'s permissions, on file systems that have POSIX permissions. */
    static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return posix() ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
                : new FileAttribute<?>[0];
    }
}
