/**
 * Starts the desk: opens storage and loads the saved notices (the UI waits for this, so nothing is
 * shown or overwritten before), starts the worker, and listens for other tabs' changes.
 */
import { sameDecision } from '../domain/desk/decide';
import { DeskWorker } from '../lib/desk-worker';
import { openDeskDb } from '../lib/db';
import { useDesk } from './index';
import { restoreLearning } from './learning';
import { replaceInState, reportStorage } from './notices';
import { services } from './services';
import { readSettings } from './settings';

export async function startDesk(): Promise<void> {
  const { setState, getState } = useDesk;
  services.worker = new DeskWorker((event) => {
    setState({
      model: event.ok
        ? { status: 'ready', info: event.info, message: null }
        : { status: 'error', info: null, message: event.message },
    });
  });

  const opened = await openDeskDb();
  if (!opened.ok) {
    setState({
      hydrated: true,
      storage: { status: opened.problem.kind, message: opened.problem.message },
    });
    return;
  }
  const { db, warning } = opened;
  if (warning) setState({ storage: { status: warning.kind, message: warning.message } });
  try {
    const loaded = await db.loadAll();
    setState({
      ids: loaded.records.map((r) => r.id),
      byId: new Map(loaded.records.map((r) => [r.id, r])),
      settings: readSettings(loaded.settings),
    });
  } catch (e) {
    reportStorage(setState, e);
  }
  services.db = db;
  void restoreLearning(getState, setState);
  db.onRemoteChange((ids) => {
    db.get(ids).then(
      (records) => {
        const selected = getState().selectedId;
        const before = selected === null ? undefined : getState().byId.get(selected);
        replaceInState(getState, setState, records);
        const changed = records.find((r) => r.id === selected);
        // A re-score in another tab changes only suggestions; the clerk is told of decisions.
        const decidedElsewhere =
          changed && before && !sameDecision(changed.decision, before.decision);
        if (decidedElsewhere) {
          setState({
            storage: {
              status: 'conflict',
              message: '另一个标签页刚修改了您正在看的这条公文，已载入它的版本，请核对。',
            },
          });
        }
      },
      (e: unknown) => reportStorage(setState, e),
    );
  });
  setState({ hydrated: true });
}
