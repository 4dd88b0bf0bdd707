package org.selfcare.conformance.host.facts;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rights of one database role, as PostgreSQL reports them. Table and schema rights include those the role
 * inherits from roles it is a member of.
 *
 * @param schemasWithCreate the schemas in which the role may create objects
 * @param createOnDatabase whether the role may create schemas in the database
 * @param tablePrivileges the privileges the role holds, by qualified table name
 * @param ownedTables tables, views and sequences the role owns, and may therefore alter or drop
 */
public record DatabaseRoleFacts(String name, boolean superuser, boolean createrole, boolean createdb,
        boolean login, boolean replication, boolean bypassRls, List<String> schemasWithCreate,
        boolean createOnDatabase, Map<String, Set<String>> tablePrivileges, List<String> ownedTables) {
}
