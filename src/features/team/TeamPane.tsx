import { useEffect, useId, useState, type FormEvent } from 'react';
import type { KappaFigure, ReviewItem, SyncNotice } from '../../domain/team/contract';
import { copyView } from '../../domain/team/outbox';
import type { NoticeState, ReviewReason } from '../../domain/team/settle';
import { taxonomyLeaves, topicKey, type TopicPath } from '../../domain/taxonomy/taxonomy';
import { useDesk } from '../../store';
import { pathLabel, percent, samePath } from '../../ui/format';
import { useT, type MessageKey } from '../../ui/i18n/useT';
import '../../ui/pane.css';
import './team.css';

const STATE_KEY: Readonly<Record<NoticeState, MessageKey>> = {
  open: 'teamStateOpen',
  review: 'teamStateReview',
  done: 'teamStateDone',
};

const REASON_KEY: Readonly<Record<ReviewReason, MessageKey>> = {
  'two-clerks': 'teamReasonTwoClerks',
  suggestion: 'teamReasonSuggestion',
  original: 'teamReasonOriginal',
  stale: 'teamReasonStale',
  'after-review': 'teamReasonAfterReview',
};

const ROLE_KEY = { admin: 'teamRoleAdmin', reviewer: 'teamRoleReviewer', clerk: 'teamRoleClerk' };

function kappaText(k: KappaFigure): string {
  return k.kappa === null ? '—' : k.kappa.toFixed(2);
}

function Message() {
  const t = useT();
  const shown = useDesk((s) => s.team.message);
  const dismiss = useDesk((s) => s.dismissTeamMessage);
  if (shown === null) return null;
  return (
    <p className={`team-message ${shown.kind}`} role={shown.kind === 'error' ? 'alert' : 'status'}>
      {t(shown.body)}{' '}
      <button type="button" onClick={dismiss}>
        {t('gotIt')}
      </button>
    </p>
  );
}

function SignIn() {
  const t = useT();
  const signIn = useDesk((s) => s.signIn);
  const busy = useDesk((s) => s.team.busy);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  function submit(e: FormEvent): void {
    e.preventDefault();
    void signIn(name, password);
  }
  return (
    <form className="team-signin" onSubmit={submit} aria-label={t('teamSignIn')}>
      <label>
        {t('teamUserName')}{' '}
        <input autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('teamPassword')}{' '}
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy || name === '' || password === ''}>
        {t('teamSignIn')}
      </button>
    </form>
  );
}

function TeamBar() {
  const t = useT();
  const session = useDesk((s) => s.team.session);
  const projects = useDesk((s) => s.team.projects);
  const projectId = useDesk((s) => s.team.projectId);
  const online = useDesk((s) => s.team.online);
  const unsent = useDesk((s) => s.team.outbox.length);
  const syncing = useDesk((s) => s.team.syncing);
  const selectProject = useDesk((s) => s.selectProject);
  const syncTeam = useDesk((s) => s.syncTeam);
  const signOut = useDesk((s) => s.signOut);
  if (session === null) return null;
  const clerk = session.user.role === 'clerk';
  return (
    <div className="learn-actions team-bar">
      <span>
        {t('teamSignedInAs', {
          name: session.user.displayName ?? session.user.name,
          role: t(ROLE_KEY[session.user.role] as MessageKey),
        })}
      </span>
      <label>
        {t('teamProject')}{' '}
        <select
          value={projectId ?? ''}
          onChange={(e) => void selectProject(Number(e.target.value))}
        >
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {clerk && (
        <>
          <span role="status" className={online ? 'team-online' : 'team-offline'}>
            {online ? t('teamOnline') : t('teamOffline')}
            {' · '}
            {t('teamUnsent', { n: unsent })}
          </span>
          <button type="button" disabled={syncing} onClick={() => void syncTeam()}>
            {t('teamSyncNow')}
          </button>
        </>
      )}
      <button type="button" onClick={() => void signOut()}>
        {t('teamSignOut')}
      </button>
    </div>
  );
}

const LEAVES = taxonomyLeaves();

/**
 * Any class of the taxonomy. The list of all 122 opens on demand: a clerk's queue of hundreds of notices
 * does not carry a full list in each card.
 */
function OtherLabel({
  title,
  onChoose,
}: {
  readonly title: string;
  readonly onChoose: (path: TopicPath) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState('');
  const path = LEAVES.find((l) => topicKey(l) === chosen);
  if (!open) {
    return (
      <button
        type="button"
        aria-label={t('teamOtherOpenFor', { title })}
        onClick={() => setOpen(true)}
      >
        {t('teamOtherOpen')}
      </button>
    );
  }
  return (
    <span className="team-other">
      <label>
        {t('teamOtherLabel')}{' '}
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="" />
          {LEAVES.map((l) => (
            <option key={topicKey(l)} value={topicKey(l)}>
              {pathLabel(l)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={path === undefined}
        onClick={() => {
          if (path === undefined) return;
          onChoose(path);
          setOpen(false);
          setChosen('');
        }}
      >
        {t('teamChooseOther')}
      </button>
    </span>
  );
}

function CopyCard({ notice }: { readonly notice: SyncNotice }) {
  const t = useT();
  const outbox = useDesk((s) => s.team.outbox);
  const decideTeam = useDesk((s) => s.decideTeam);
  const view = copyView(notice, outbox);
  const headingId = useId();
  const title = notice.meta.title ?? t('untitled');
  return (
    <li>
      <article className="team-card" aria-labelledby={headingId}>
        <h4 id={headingId}>{title}</h4>
        <p className="team-card-meta">
          {notice.meta.issuer ?? ''} {notice.meta.docNumber ?? ''}{' '}
          <span className={`team-state ${view.state}`}>{t(STATE_KEY[view.state])}</span>
        </p>
        <p>
          {view.decision === null
            ? t('teamNoDecision')
            : t(view.unsent ? 'teamMyDecisionUnsent' : 'teamMyDecision', {
                path: pathLabel(view.decision),
              })}
          {notice.final !== null && <> · {t('teamFinal', { path: pathLabel(notice.final) })}</>}
        </p>
        <div className="learn-actions">
          {(notice.suggestions ?? []).map((s) => (
            <button
              key={topicKey(s.path)}
              type="button"
              aria-pressed={view.decision !== null && samePath(view.decision, s.path)}
              aria-label={t('teamChoose', {
                path: pathLabel(s.path),
                score: percent(s.score),
                title,
              })}
              onClick={() => void decideTeam(notice.id, s.path)}
            >
              {pathLabel(s.path)} {percent(s.score)}
            </button>
          ))}
          <OtherLabel title={title} onChoose={(path) => void decideTeam(notice.id, path)} />
        </div>
        <details>
          <summary>{t('teamFullText')}</summary>
          <pre className="team-text">{notice.text}</pre>
        </details>
      </article>
    </li>
  );
}

function ClerkView() {
  const t = useT();
  const copies = useDesk((s) => s.team.copies);
  const outcomes = useDesk((s) => s.team.outcomes);
  const takeWork = useDesk((s) => s.takeWork);
  const busy = useDesk((s) => s.team.busy);
  const [count, setCount] = useState(10);
  const titleOf = (id: number): string =>
    copies.find((c) => c.id === id)?.meta.title ?? t('untitled');
  return (
    <>
      <section className="learn-section" aria-labelledby="team-take">
        <h3 id="team-take">{t('teamTakeTitle')}</h3>
        <div className="learn-actions">
          <label>
            {t('teamTakeCount')}{' '}
            <input
              type="number"
              min={1}
              max={500}
              value={count}
              onChange={(e) => setCount(Math.max(1, Math.min(500, Number(e.target.value) || 1)))}
            />
          </label>
          <button type="button" disabled={busy} onClick={() => void takeWork(count)}>
            {t('teamTake')}
          </button>
        </div>
      </section>
      {outcomes.length > 0 && (
        <section className="learn-section" aria-labelledby="team-outcomes">
          <h3 id="team-outcomes">{t('teamOutcomesTitle')}</h3>
          <ul>
            {outcomes.map((o, i) => (
              <li key={i}>
                {o.status === 'conflict'
                  ? t('teamConflict', { title: titleOf(o.noticeId) })
                  : t('teamRejected', { title: titleOf(o.noticeId), reason: o.message ?? '' })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="learn-section" aria-labelledby="team-mine">
        <h3 id="team-mine">{t('teamMyNotices', { n: copies.length })}</h3>
        {copies.length === 0 ? (
          <p>{t('teamNoNotices')}</p>
        ) : (
          <ul className="team-cards">
            {copies.map((c) => (
              <CopyCard key={c.id} notice={c} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function LoadAndAssign() {
  const t = useT();
  const members = useDesk((s) => s.team.members);
  const project = useDesk((s) => s.team.projects.find((p) => p.id === s.team.projectId));
  const busy = useDesk((s) => s.team.busy);
  const loadTeamNotices = useDesk((s) => s.loadTeamNotices);
  const assignTeam = useDesk((s) => s.assignTeam);
  const clerks = members.filter((m) => m.role === 'clerk');
  const [text, setText] = useState('');
  const [clerk, setClerk] = useState<number | null>(null);
  const [count, setCount] = useState(10);
  const chosen = clerk ?? clerks[0]?.userId ?? null;
  return (
    <section className="learn-section" aria-labelledby="team-load">
      <h3 id="team-load">{t('teamLoadTitle')}</h3>
      {project && (
        <p role="status">
          {t('teamCounts', {
            unassigned: project.counts.unassigned,
            open: project.counts.open,
            review: project.counts.review,
            done: project.counts.done,
          })}
        </p>
      )}
      <label className="team-paste">
        {t('teamPasteLabel')}
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="learn-actions">
        <button
          type="button"
          disabled={busy || text.trim() === ''}
          onClick={() => void loadTeamNotices(text).then(() => setText(''))}
        >
          {t('teamLoad')}
        </button>
      </div>
      <div className="learn-actions">
        <label>
          {t('teamAssignTo')}{' '}
          <select value={chosen ?? ''} onChange={(e) => setClerk(Number(e.target.value))}>
            {clerks.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.displayName ?? m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('teamAssignCount')}{' '}
          <input
            type="number"
            min={1}
            max={1000}
            value={count}
            onChange={(e) => setCount(Math.max(1, Math.min(1000, Number(e.target.value) || 1)))}
          />
        </label>
        <button
          type="button"
          disabled={busy || chosen === null}
          onClick={() => chosen !== null && void assignTeam(chosen, count)}
        >
          {t('teamAssign')}
        </button>
      </div>
    </section>
  );
}

/** The notice's text, fetched the first time the reviewer opens it. */
function ReviewText({ noticeId }: { readonly noticeId: number }) {
  const t = useT();
  const teamNoticeText = useDesk((s) => s.teamNoticeText);
  const [text, setText] = useState<string | null | 'loading'>(null);
  return (
    <details
      onToggle={(e) => {
        if (e.currentTarget.open && text === null) {
          setText('loading');
          void teamNoticeText(noticeId).then((got) => setText(got ?? ''));
        }
      }}
    >
      <summary>{t('teamFullText')}</summary>
      <pre className="team-text">{text === 'loading' ? t('teamTextLoading') : text}</pre>
    </details>
  );
}

function ReviewCard({ item }: { readonly item: ReviewItem }) {
  const t = useT();
  const explanation = useDesk((s) => s.team.explanations.get(item.notice.id));
  const settleReview = useDesk((s) => s.settleReview);
  const busy = useDesk((s) => s.team.busy);
  const headingId = useId();
  const title = item.notice.meta.title ?? t('untitled');
  const evidenceFor = (path: TopicPath): string =>
    explanation?.labels
      .find((l) => samePath(l.path, path))
      ?.evidence.filter((e) => e.weight > 0)
      .slice(0, 5)
      .map((e) => e.term)
      .join('、') ?? '';
  const candidates = [
    ...item.decisions.filter((d) => d.latest).map((d) => d.path),
    ...(item.suggestions ?? []).map((s) => s.path),
  ].filter((p, i, all) => all.findIndex((q) => samePath(p, q)) === i);
  return (
    <li>
      <article className="team-card" aria-labelledby={headingId}>
        <h4 id={headingId}>{title}</h4>
        <p>
          {t('teamReasons', {
            reasons: item.reasons.map((r) => t(REASON_KEY[r])).join(t('listSeparator')),
          })}
          {item.originalTopic !== null && (
            <> · {t('teamOriginal', { path: pathLabel(item.originalTopic) })}</>
          )}
        </p>
        <ReviewText noticeId={item.notice.id} />
        <table className="team-table">
          <caption>{t('teamDecisionsCaption', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teamColClerk')}</th>
              <th scope="col">{t('teamColLabel')}</th>
              <th scope="col">{t('teamColScore')}</th>
              <th scope="col">{t('teamColEvidence')}</th>
              <th scope="col">{t('teamColNote')}</th>
            </tr>
          </thead>
          <tbody>
            {item.decisions.map((d) => (
              <tr key={d.id}>
                <td>{d.clerk.name}</td>
                <td>{pathLabel(d.path)}</td>
                <td>{d.score === null ? '—' : percent(d.score)}</td>
                <td>{evidenceFor(d.path) || t('noEvidence')}</td>
                <td>
                  {[d.stale ? t('teamStale') : '', d.latest ? '' : t('teamSuperseded')]
                    .filter((x) => x !== '')
                    .join(t('listSeparator'))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="learn-actions">
          {candidates.map((path) => (
            <button
              key={topicKey(path)}
              type="button"
              disabled={busy}
              aria-label={t('teamSettleAs', { path: pathLabel(path), title })}
              onClick={() => void settleReview(item.notice.id, item.notice.rev, path)}
            >
              {t('teamSettle', { path: pathLabel(path) })}
            </button>
          ))}
          <OtherLabel
            title={title}
            onChoose={(path) => void settleReview(item.notice.id, item.notice.rev, path)}
          />
        </div>
      </article>
    </li>
  );
}

/** Which model made the suggestions the team sees, where it came from, and (reviewer) a new one. */
function ModelView() {
  const t = useT();
  const scoring = useDesk((s) => s.team.scoring);
  const latest = useDesk((s) => s.team.latestModel);
  const reviewer = useDesk((s) => s.team.session !== null && s.team.session.user.role !== 'clerk');
  const busy = useDesk((s) => s.team.busy);
  const loadTeamModel = useDesk((s) => s.loadTeamModel);
  const trainOfficeModel = useDesk((s) => s.trainOfficeModel);
  const when = (iso: string): string => new Date(iso).toLocaleString(t('locale'));
  if (scoring === null) return null;
  const office = scoring.model;
  return (
    <section className="learn-section" aria-labelledby="team-model">
      <h3 id="team-model">{t('teamModelTitle')}</h3>
      <p>
        {office === null
          ? t('teamModelShipped', { at: when(scoring.ref.createdAt) })
          : t('teamModelOffice', {
              id: office.id,
              examples: office.provenance.examples,
              by: office.provenance.trainedBy.name,
              at: when(office.finishedAt ?? office.createdAt),
            })}
      </p>
      {latest !== null && (
        <p role="status">
          {latest.status === 'training'
            ? t('teamModelTraining', { at: when(latest.createdAt) })
            : latest.status === 'failed'
              ? t('teamModelFailed', { detail: latest.error ?? '' })
              : null}
        </p>
      )}
      <div className="learn-actions">
        <button type="button" onClick={() => void loadTeamModel()}>
          {t('teamRefresh')}
        </button>
        {reviewer && (
          <button
            type="button"
            disabled={busy || latest?.status === 'training'}
            onClick={() => void trainOfficeModel()}
          >
            {t('teamTrain')}
          </button>
        )}
      </div>
    </section>
  );
}

function AgreementView() {
  const t = useT();
  const agreement = useDesk((s) => s.team.agreement);
  const loadAgreement = useDesk((s) => s.loadAgreement);
  return (
    <section className="learn-section" aria-labelledby="team-agreement">
      <h3 id="team-agreement">{t('teamAgreementTitle')}</h3>
      <button type="button" onClick={() => void loadAgreement()}>
        {t('teamRefresh')}
      </button>
      {agreement !== null && (
        <>
          <p>
            {t('teamDoubleLabelled', {
              complete: agreement.doubleLabelled.complete,
              planned: agreement.doubleLabelled.planned,
            })}
          </p>
          <dl className="team-kappa">
            <dt>{t('teamKappa1')}</dt>
            <dd>
              {kappaText(agreement.kappa.level1)}
              {t('teamPairs', { n: agreement.kappa.level1.n })}
            </dd>
            <dt>{t('teamKappa2')}</dt>
            <dd>
              {kappaText(agreement.kappa.level2)}
              {t('teamPairs', { n: agreement.kappa.level2.n })}
            </dd>
          </dl>
          {agreement.perClass.length > 0 && (
            <table className="team-table">
              <caption>{t('teamPerClass')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('teamColClass')}</th>
                  <th scope="col">{t('teamColKappa')}</th>
                  <th scope="col">{t('teamColSupport')}</th>
                </tr>
              </thead>
              <tbody>
                {agreement.perClass.map((c) => (
                  <tr key={c.label1}>
                    <td>{c.label1}</td>
                    <td>{kappaText(c)}</td>
                    <td>{c.support}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <table className="team-table">
            <caption>{t('teamPerClerk')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('teamColClerk')}</th>
                <th scope="col">{t('teamColDecided')}</th>
                <th scope="col">{t('teamColAgreed')}</th>
              </tr>
            </thead>
            <tbody>
              {agreement.clerks.map((c) => (
                <tr key={c.userId}>
                  <td>{c.name}</td>
                  <td>{c.n}</td>
                  <td>
                    {c.agreed}
                    {c.rate === null ? '' : ` (${percent(c.rate)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function ReviewerView() {
  const t = useT();
  const reviews = useDesk((s) => s.team.reviews);
  const more = useDesk((s) => s.team.reviewsNext !== null);
  const waiting = useDesk(
    (s) => s.team.projects.find((p) => p.id === s.team.projectId)?.counts.review,
  );
  const loadReviews = useDesk((s) => s.loadReviews);
  const exportUrl = useDesk((s) => s.teamExportUrl);
  const csv = exportUrl('csv');
  const jsonl = exportUrl('jsonl');
  const events = exportUrl('events');
  return (
    <>
      <LoadAndAssign />
      <section className="learn-section" aria-labelledby="team-reviews">
        <h3 id="team-reviews">{t('teamReviewsTitle', { n: waiting ?? reviews.length })}</h3>
        <button type="button" onClick={() => void loadReviews()}>
          {t('teamRefresh')}
        </button>
        {reviews.length === 0 ? (
          <p>{t('teamNoReviews')}</p>
        ) : (
          <ul className="team-cards">
            {reviews.map((item) => (
              <ReviewCard key={item.notice.id} item={item} />
            ))}
          </ul>
        )}
        {more && (
          <button type="button" onClick={() => void loadReviews(true)}>
            {t('teamMoreReviews')}
          </button>
        )}
      </section>
      <AgreementView />
      <section className="learn-section" aria-labelledby="team-export">
        <h3 id="team-export">{t('teamExportTitle')}</h3>
        <div className="learn-actions">
          {csv && (
            <a href={csv} download>
              {t('teamExportCsv')}
            </a>
          )}
          {jsonl && (
            <a href={jsonl} download>
              {t('teamExportJsonl')}
            </a>
          )}
          {events && (
            <a href={events} download>
              {t('teamExportEvents')}
            </a>
          )}
        </div>
      </section>
    </>
  );
}

/** Team mode: sign in to the office's team server, label assigned notices, or review and export. */
export default function TeamPane() {
  const t = useT();
  const server = useDesk((s) => s.team.server);
  const session = useDesk((s) => s.team.session);
  const openTeam = useDesk((s) => s.openTeam);
  useEffect(() => {
    void openTeam();
  }, [openTeam]);
  return (
    <main className="learn-pane" aria-labelledby="team-title">
      <h2 id="team-title">{t('teamTitle')}</h2>
      {(server === 'unknown' || server === 'checking') && <p role="status">{t('teamChecking')}</p>}
      {server === 'none' && <p>{t('teamNoServer')}</p>}
      {server === 'available' && (
        <>
          <TeamBar />
          <Message />
          {session === null ? (
            <SignIn />
          ) : session.user.role === 'clerk' ? (
            <ClerkView />
          ) : (
            <ReviewerView />
          )}
          {session !== null && <ModelView />}
        </>
      )}
    </main>
  );
}
