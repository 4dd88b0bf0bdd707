package org.selfcare.conformance.host.facts;

import java.util.List;

/**
 * The user-space processes that share the kit's network namespace, which are the processes of this host when
 * each server is a namespace. The kit itself and the processes that started it are left out.
 */
public interface NamespaceProcesses {

    List<RunningProcess> list() throws FactUnavailableException;
}
