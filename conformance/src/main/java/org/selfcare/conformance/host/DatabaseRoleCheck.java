package org.selfcare.conformance.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.selfcare.conformance.host.document.SecurityConfiguration.Accounts;
import org.selfcare.conformance.host.document.SecurityConfiguration.DatabaseRole;
import org.selfcare.conformance.host.facts.DatabaseInspector;
import org.selfcare.conformance.host.facts.DatabaseRoleFacts;
import org.selfcare.conformance.host.facts.FactUnavailableException;
import org.selfcare.conformance.model.Findings;

/**
 * Compares each declared database role, and above all the running portal's, with the rights it holds: role
 * attributes, CREATE on schemas and on the database, owned objects and table privileges. Each excess is a FAIL
 * that names the role and the right.
 */
final class DatabaseRoleCheck {

    private static final int MAX_TABLES_NAMED = 5;

    private final HostContext context;

    private final Findings findings;

    DatabaseRoleCheck(HostContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
    }

    void run() {
        Accounts accounts = context.document().accounts();
        if (accounts.portalDatabaseRole().isEmpty()) {
            findings.fail("the document names no database role for the running portal "
                    + "(accounts.portal-database-role)");
            return;
        }
        Optional<DatabaseInspector> database = context.facts().database();
        if (database.isEmpty() && !context.runsDatabase()) {
            findings.note("the database does not run on " + context.host().name() + " (no service named '"
                    + HostContext.DATABASE_SERVICE + "'), so its roles are checked on its own host");
            return;
        }
        if (database.isEmpty()) {
            findings.inconclusive("database roles not checked: give --database-url, --database-user and "
                    + "--database-password-file");
            return;
        }
        String runtime = accounts.portalDatabaseRole().get();
        List<DatabaseRole> roles = new ArrayList<>(accounts.database());
        if (roles.stream().noneMatch((role) -> role.role().equals(runtime))) {
            // Undeclared rights default to none, the least privilege.
            roles.add(0, new DatabaseRole(runtime, true, false, false, false, Optional.empty(), false, 0));
        }
        for (DatabaseRole declared : roles) {
            try {
                Optional<DatabaseRoleFacts> actual = database.get().role(declared.role());
                if (actual.isEmpty() && declared.role().equals(runtime)) {
                    findings.inconclusive("the database at " + database.get().source() + " has no role " + runtime
                            + "; is it the portal's database?");
                }
                else if (actual.isEmpty()) {
                    findings.note("the database has no role " + declared.role());
                }
                else {
                    compare(declared, actual.get());
                }
            }
            catch (FactUnavailableException ex) {
                findings.inconclusive("database roles not checked: " + ex.getMessage());
                return;
            }
        }
    }

    private void compare(DatabaseRole declared, DatabaseRoleFacts actual) {
        String role = "database role " + actual.name();
        context.evidence().note(role + ": superuser " + actual.superuser() + ", createrole " + actual.createrole()
                + ", createdb " + actual.createdb() + ", CREATE on schemas " + actual.schemasWithCreate()
                + ", owns " + actual.ownedTables().size() + " objects, table privileges " + actual.tablePrivileges());
        int failures = 0;
        failures += excess(actual.superuser() && !declared.superuser(), role + " is a superuser");
        failures += excess(actual.createrole() && !declared.createrole(), role + " may create roles (CREATEROLE)");
        failures += excess(actual.createdb() && !declared.createdb(), role + " may create databases (CREATEDB)");
        failures += excess(actual.replication(), role + " may start replication (REPLICATION)");
        failures += excess(actual.bypassRls(), role + " bypasses row-level security (BYPASSRLS)");
        if (!declared.ddl()) {
            for (String schema : actual.schemasWithCreate()) {
                failures += excess(true, role + " has CREATE on schema " + schema);
            }
            failures += excess(actual.createOnDatabase(), role + " may create schemas (CREATE on the database)");
            failures += excess(!actual.ownedTables().isEmpty(), role + " owns " + names(actual.ownedTables())
                    + " and may alter or drop them");
        }
        if (declared.tablePrivileges().isPresent()) {
            failures += tablePrivileges(role, declared.tablePrivileges().get(), actual.tablePrivileges());
        }
        if (failures == 0) {
            findings.pass(role + " has no right beyond those declared");
        }
    }

    private int tablePrivileges(String role, Set<String> allowed, Map<String, Set<String>> held) {
        Map<String, List<String>> excessByPrivilege = new LinkedHashMap<>();
        held.forEach((table, privileges) -> privileges.stream().filter((privilege) -> !allowed.contains(privilege))
                .forEach((privilege) -> excessByPrivilege.computeIfAbsent(privilege, (key) -> new ArrayList<>())
                        .add(table)));
        excessByPrivilege.forEach((privilege, tables) -> findings.fail(role + " has " + privilege + " on "
                + names(tables) + "; the document allows only " + String.join(", ", allowed)));
        return excessByPrivilege.size();
    }

    private int excess(boolean present, String problem) {
        if (present) {
            findings.fail(problem);
            return 1;
        }
        return 0;
    }

    private static String names(List<String> tables) {
        if (tables.size() <= MAX_TABLES_NAMED) {
            return String.join(", ", tables);
        }
        return String.join(", ", tables.subList(0, MAX_TABLES_NAMED)) + " and " + (tables.size() - MAX_TABLES_NAMED)
                + " more";
    }
}
