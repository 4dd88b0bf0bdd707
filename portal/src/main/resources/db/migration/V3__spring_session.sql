-- Server-side HTTP sessions (owned by the identity module). The first two tables and their indexes are the
-- PostgreSQL schema that Spring Session JDBC 4.0 ships as org/springframework/session/jdbc/schema-postgresql.sql.
-- Flyway creates them so that spring.session.jdbc.initialize-schema stays "never". PRINCIPAL_NAME is the
-- subscriber's E.164 number, which is how a new sign-in finds the subscriber's other sessions.
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID CHAR(36) NOT NULL,
    SESSION_ID CHAR(36) NOT NULL,
    CREATION_TIME BIGINT NOT NULL,
    LAST_ACCESS_TIME BIGINT NOT NULL,
    MAX_INACTIVE_INTERVAL INT NOT NULL,
    EXPIRY_TIME BIGINT NOT NULL,
    PRINCIPAL_NAME VARCHAR(100),
    CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);

CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36) NOT NULL,
    ATTRIBUTE_NAME VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES BYTEA NOT NULL,
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION(PRIMARY_ID) ON DELETE CASCADE
);

-- Sessions that a newer sign-in of the same subscriber deleted, so that the client that still sends one can
-- learn why it was signed out. Only the SHA-256 digest of the session id is kept, never the id itself. A row is
-- useful until the session would have timed out anyway. After that, the next sign-in that ends a session
-- deletes it.
CREATE TABLE ended_session (
    session_id_sha256 bytea       PRIMARY KEY CHECK (length(session_id_sha256) = 32),
    subscriber_id     bigint      NOT NULL REFERENCES subscriber (id),
    ended_at          timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL
);

CREATE INDEX ended_session_expires_at ON ended_session (expires_at);
