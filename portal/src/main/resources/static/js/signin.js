// The sign-in page. Every sign-in starts a session without a session key, so a key left from an earlier session is
// deleted here. A browser without IndexedDB has nothing to delete.

import { clearKey } from './integrity.js';

clearKey().catch(() => {});
