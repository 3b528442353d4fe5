/**
 * Team mode's browser adapters in one chunk, loaded only when the clerk opens the Team view: the
 * HTTP client, its IndexedDB, client ids and the browser's online/offline events.
 */
import { httpTeamApi, type TeamApi } from './team-api';
import { openTeamStorage, type TeamStorage } from './team-db';

export interface TeamDeps {
  readonly api: TeamApi;
  readonly storage: TeamStorage;
  /** A fresh id for a decision, reused for every resend of it. */
  newClientId(): string;
  /** Calls back with true/false as the browser goes online/offline; returns the way to stop. */
  watchConnectivity(listener: (online: boolean) => void): () => void;
  isOnline(): boolean;
}

/** getRandomValues, not randomUUID: an intranet page served over plain http is no secure context. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function browserTeam(): TeamDeps {
  return {
    api: httpTeamApi(),
    storage: openTeamStorage(),
    newClientId: randomId,
    watchConnectivity(listener) {
      const online = (): void => listener(true);
      const offline = (): void => listener(false);
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
      };
    },
    isOnline: () => navigator.onLine,
  };
}
