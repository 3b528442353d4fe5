import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openDeskDb } from '../lib/db';
import { downloadFile } from '../lib/download';
import { browserWorkers } from '../lib/workers';
import { createDeskStore, DeskProvider } from '../store';
import { App } from './App';
import './app.css';

const root = document.getElementById('root');
if (root) {
  // The page's one store, on the browser's IndexedDB, Web Workers and clock.
  const store = createDeskStore({
    db: () => openDeskDb(),
    workers: browserWorkers(),
    clock: { now: () => new Date() },
    download: downloadFile,
    // Team mode's client is a chunk of its own, fetched when the clerk opens the Team view.
    team: () => import('../lib/team').then((m) => m.browserTeam()),
  });
  createRoot(root).render(
    <StrictMode>
      <DeskProvider store={store}>
        <App />
      </DeskProvider>
    </StrictMode>,
  );
  void store.getState().start();
}
