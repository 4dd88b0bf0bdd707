package org.selfcare.operator.staff;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Names staff sessions in the shared session store and ends them. A staff session is indexed under
 * {@code staff:<username>}, a name no subscriber can have, so ending a member of staff's sessions never touches a
 * subscriber's and the subscribers' one-session rule never touches a member of staff's. Ending works from the
 * command line too, where no web server runs, so it deletes the rows directly.
 */
@Component
public class StaffSessions {

    private static final String PREFIX = "staff:";

    private final JdbcClient jdbc;

    StaffSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the session index name of a member of staff. */
    public static String indexName(String username) {
        return PREFIX + username;
    }

    /**
     * Ends every session of {@code username}, after the account was disabled, its role changed or its TOTP secret
     * reset. Returns how many ended.
     */
    public int end(String username) {
        return jdbc.sql("DELETE FROM spring_session WHERE principal_name = ?")
                .param(indexName(StaffDirectory.normalise(username)))
                .update();
    }

    /**
     * Ends every session of {@code username} except {@code keptSessionId}, after a password change in that session.
     * Returns how many ended. The id is the one the session has in the store, so the caller changes it only after.
     */
    public int endOthers(String username, String keptSessionId) {
        return jdbc.sql("DELETE FROM spring_session WHERE principal_name = ? AND session_id <> ?")
                .params(indexName(StaffDirectory.normalise(username)), keptSessionId)
                .update();
    }
}
