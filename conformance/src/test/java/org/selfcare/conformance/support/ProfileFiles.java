package org.selfcare.conformance.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.selfcare.conformance.profile.ProfileLoader;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * Writes a profile's YAML to a file and loads it the way {@code x1470 run} does.
 */
public final class ProfileFiles {

    private ProfileFiles() {
    }

    public static TargetProfile load(Path folder, String yaml) throws IOException {
        Path file = Files.createTempFile(folder, "profile", ".yaml");
        Files.writeString(file, yaml);
        return new ProfileLoader().load(file);
    }
}
