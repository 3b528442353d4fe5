import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { BatchDone } from '../features/export/BatchDone';
import { DropOverlay } from '../features/intake/DropOverlay';
import { IntakePanel } from '../features/intake/IntakePanel';
import { QueuePane } from '../features/queue/QueuePane';
import { ReviewPane, type ReviewHandle } from '../features/review/ReviewPane';
import { AuditPane } from '../features/audit/AuditPane';
import { LearnPane } from '../features/learn/LearnPane';
import { ViewTabs, type DeskView } from './ViewTabs';
import { useT } from '../ui/i18n/useT';
import { useDesk, useDeskStore } from '../store';
import { DOCUMENT_VIEW_ID, focusAfter } from '../ui/focus';
import { Header, StorageBanners } from './Header';
import { ShortcutDialog, ShortcutFooter } from './ShortcutLegend';
import { useShortcuts } from './useShortcuts';

// Team mode is a chunk of its own: a desk used alone never downloads it.
const TeamPane = lazy(() => import('../features/team/TeamPane'));

/** Nothing the clerk decided may be shown, or overwritten, before the saved notices are loaded. */
function HydrationGate({ children }: { readonly children: React.ReactNode }) {
  const t = useT();
  const hydrated = useDesk((s) => s.hydrated);
  if (!hydrated) {
    return (
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('loading')}
      </div>
    );
  }
  return children;
}

/** The page speaks the clerk's language: `<html lang>` and the title follow the switch. */
function useDocumentLanguage(): void {
  const t = useT();
  const language = useDesk((s) => s.settings.language);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = t('appTitle');
  }, [language, t]);
}

/**
 * Closing or leaving the tab saves what is pending at once (the learned model waits for a pause
 * otherwise). pagehide is the last event a closing page reliably gets; a hidden tab may never return.
 */
function useFlushOnHide(): void {
  const store = useDeskStore();
  useEffect(() => {
    const flush = (): void => void store.getState().flush();
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [store]);
}

function Desk() {
  const t = useT();
  useDocumentLanguage();
  useFlushOnHide();
  const review = useRef<ReviewHandle>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [view, setView] = useState<DeskView>('desk');
  const select = useDesk((s) => s.select);
  const openOnDesk = useCallback(
    (id: string) => {
      select(id);
      setView('desk');
      focusAfter('rowChosen');
    },
    [select],
  );
  const toggleHelp = useCallback(() => setHelpOpen((v) => !v), []);
  const closeHelp = useCallback(() => {
    setHelpOpen(false);
    focusAfter('dialogClosed');
  }, []);
  // The desk's keys act only where the clerk sees the notice they act on.
  useShortcuts(review, toggleHelp, view === 'desk');
  return (
    <div className="desk">
      <Header onHelp={toggleHelp} />
      <StorageBanners />
      <ViewTabs view={view} onChange={setView} />
      {view === 'learn' && <LearnPane />}
      {view === 'audit' && <AuditPane onOpen={openOnDesk} />}
      {view === 'team' && (
        <Suspense fallback={<p role="status">{t('teamChecking')}</p>}>
          <TeamPane />
        </Suspense>
      )}
      {view === 'desk' && (
        <div className="desk-body">
          <aside className="left-pane" aria-label={t('leftPane')}>
            <IntakePanel />
            <QueuePane />
          </aside>
          <main
            className="review-pane"
            id={DOCUMENT_VIEW_ID}
            tabIndex={-1}
            aria-label={t('documentView')}
          >
            <BatchDone />
            <ReviewPane ref={review} />
          </main>
        </div>
      )}
      {view === 'desk' && <ShortcutFooter />}
      <ShortcutDialog open={helpOpen} onClose={closeHelp} />
      <DropOverlay />
    </div>
  );
}

export function App() {
  return (
    <HydrationGate>
      <Desk />
    </HydrationGate>
  );
}
