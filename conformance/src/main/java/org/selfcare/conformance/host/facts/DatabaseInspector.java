package org.selfcare.conformance.host.facts;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the database's settings and its roles' rights.
 */
public interface DatabaseInspector {

    /**
     * Returns the current value of each named setting that exists, by name.
     */
    Map<String, String> settings(Collection<String> names) throws FactUnavailableException;

    /**
     * Returns the role's rights, or empty when no role has that name.
     */
    Optional<DatabaseRoleFacts> role(String name) throws FactUnavailableException;

    /**
     * Returns where the inspector reads from, such as the JDBC URL, for findings.
     */
    String source();
}
