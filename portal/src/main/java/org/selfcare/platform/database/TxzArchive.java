package org.selfcare.platform.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks an xz-compressed tar archive, keeping executable bits and symbolic links.
 */
final class TxzArchive {

    private TxzArchive() {
    }

    static void extract(InputStream archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path destination = root.resolve(entry.getName()).normalize();

                // An entry such as "../../etc/passwd" must never leave the target folder.
                if (!destination.startsWith(root)) {
                    throw new IOException("Archive entry escapes the target folder: " + entry.getName());
                }

                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                }
                else if (entry.isSymbolicLink()) {
                    Files.createDirectories(destination.getParent());
                    Files.deleteIfExists(destination);
                    Files.createSymbolicLink(destination, Path.of(entry.getLinkName()));
                }
                else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(tar, destination, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(destination, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }
}
