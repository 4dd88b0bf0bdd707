package org.selfcare.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Closes the data folder to every user but the portal's own before anything is written to it, because it contains
 * the keystore, the keys, the security log and, in the demo, passwords. A missing folder is created open to its
 * owner only. An existing one that others may enter is closed when this user owns it. Otherwise a warning names it,
 * because the folder belongs to whoever set it up.
 */
public class DataFolderEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Log logger;

    public DataFolderEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.logger = logs.getLog(DataFolderEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path folder = Path.of(environment.getProperty("selfcare.data-dir", "data")).toAbsolutePath();
        try {
            if (!Files.exists(folder)) {
                OwnerOnlyFiles.createFolders(folder);
                return;
            }
            if (!OwnerOnlyFiles.posix()) {
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
            if (permissions.stream().noneMatch(OPEN_TO_OTHERS::contains)) {
                return;
            }
            if (Files.getOwner(folder).getName().equals(System.getProperty("user.name"))) {
                OwnerOnlyFiles.restrict(folder, OwnerOnlyFiles.FOLDER);
                logger.info("Closed the data folder " + folder + " to other users (it was "
                        + PosixFilePermissions.toString(permissions) + ")");
            }
            else {
                logger.warn("Other users may open the data folder " + folder + " ("
                        + PosixFilePermissions.toString(permissions) + "), which holds the portal's keys; make it "
                        + "readable by the portal's user only");
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create or check the data folder " + folder, ex);
        }
    }

    /** First, so the folder is closed before the keystore and the log files are written into it. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
