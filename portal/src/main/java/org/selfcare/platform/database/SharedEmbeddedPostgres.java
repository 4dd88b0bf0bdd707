package org.selfcare.platform.database;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Shares one embedded server per data folder among the application contexts of a process, so that test
 * contexts kept alive side by side do not start two servers on one cluster. The server stops when the last
 * context that uses it closes.
 */
final class SharedEmbeddedPostgres {

    private static final Map<Path, Entry> servers = new HashMap<>();

    private SharedEmbeddedPostgres() {
    }

    static synchronized EmbeddedPostgres acquire(Path home, int port) {
        Path key = home.toAbsolutePath().normalize();
        Entry entry = servers.get(key);
        if (entry == null) {
            entry = new Entry(EmbeddedPostgres.start(key, port));
            servers.put(key, entry);
        }
        entry.users++;
        return entry.server;
    }

    static synchronized void release(EmbeddedPostgres server) {
        servers.entrySet().removeIf((candidate) -> {
            Entry entry = candidate.getValue();
            if (entry.server != server) {
                return false;
            }
            entry.users--;
            if (entry.users > 0) {
                return false;
            }
            server.close();
            return true;
        });
    }

    private static final class Entry {

        private final EmbeddedPostgres server;

        private int users;

        private Entry(EmbeddedPostgres server) {
            this.server = server;
        }
    }
}
