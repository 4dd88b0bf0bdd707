package org.selfcare.conformance.host.facts;

import java.util.List;

/**
 * The systemd services running on this host.
 */
public interface RunningUnits {

    /**
     * @throws FactUnavailableException when systemd does not run here, with that reason
     */
    List<String> list() throws FactUnavailableException;
}
