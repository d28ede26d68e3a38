// The last check of each domain, kept in this browser only (IndexedDB): the
// entries of www/lib/history.js, keyed by domain, at most HISTORY_LIMIT of
// them (the oldest go first). Nothing here leaves the browser.
//
// Storage may be missing or refused (a private window, a blocked origin, a
// page opened from file:// in some browsers): then every call resolves to
// "nothing remembered" and the page says that it cannot remember, instead of
// failing the check.
import { HISTORY_LIMIT, isHistoryEntry } from '../lib/history.js';

const DB = 'mxray';
const STORE = 'checks';
const VERSION = 1;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * The store, or null when this browser gives the page no IndexedDB.
 * @returns {Promise<{get(domain: string): Promise<object|null>, put(entry: object): Promise<void>,
 *   clear(): Promise<void>, count(): Promise<number>} | null>}
 */
export async function openHistory(idb = globalThis.indexedDB) {
  if (!idb) return null;
  let db;
  try {
    const open = idb.open(DB, VERSION);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore(STORE, { keyPath: 'domain' });
      store.createIndex('at', 'at');
    };
    db = await request(open);
  } catch {
    return null;
  }
  const tx = (mode) => db.transaction(STORE, mode);
  return {
    async get(domain) {
      const value = await request(tx('readonly').objectStore(STORE).get(String(domain).toLowerCase()));
      return isHistoryEntry(value) ? value : null;
    },
    async put(entry) {
      const t = tx('readwrite');
      const store = t.objectStore(STORE);
      store.put(entry);
      // Past the limit, the oldest entries go: walk the time index from the start.
      const n = await request(store.count());
      let extra = n - HISTORY_LIMIT;
      if (extra > 0) {
        const cursor = store.index('at').openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c || extra <= 0) return;
          c.delete();
          extra--;
          c.continue();
        };
      }
      await done(t);
    },
    async clear() {
      const t = tx('readwrite');
      t.objectStore(STORE).clear();
      await done(t);
    },
    count() {
      return request(tx('readonly').objectStore(STORE).count());
    },
  };
}
