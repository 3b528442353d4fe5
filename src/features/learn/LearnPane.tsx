import { useState, type ChangeEvent } from 'react';
import { FileButton } from '../../ui/FileButton';
import { ProgressBar } from '../../ui/ProgressBar';
import {
  crossValidatedFigure,
  type CrossValidatedFigure,
  type LabelConflict,
} from '../../domain/learning';
import { TAXONOMY, topicKey, type TopicPath } from '../../domain/taxonomy/taxonomy';
import { useDesk } from '../../store';
import type { LearningState } from '../../store/types';
import { percent } from '../../ui/format';
import { useT, type Translate } from '../../ui/i18n/useT';
import '../../ui/pane.css';

const HISTORY_ACCEPT = '.txt,.text,.htm,.html,.docx,.csv,.tsv,.jsonl,.json';
const IGNORE = '__ignore__';

/** Every choice a label can be mapped to: each class alone, and each of its sub-classes. */
const TARGETS: readonly { readonly group: string; readonly options: readonly TopicPath[] }[] =
  TAXONOMY.classes.map((c) => ({
    group: c.name,
    options: [
      { label1: c.name, label2: null },
      ...c.children.map((s) => ({ label1: c.name, label2: s.name })),
    ],
  }));

function pathFromValue(value: string): TopicPath | null | undefined {
  if (value === IGNORE) return null;
  for (const g of TARGETS) for (const p of g.options) if (topicKey(p) === value) return p;
  return undefined;
}

function TaskProgress({ learning, t }: { learning: LearningState; t: Translate }) {
  const cancel = useDesk((s) => s.cancelLearningTask);
  const task = learning.task;
  if (!task) return null;
  const text =
    task.kind === 'import'
      ? t('taskImport', { done: task.done, total: task.total })
      : task.kind === 'train'
        ? t('taskTrain')
        : t('taskCompare', { done: task.done + 1, total: task.total || 5 });
  return (
    <ProgressBar
      className="learn-progress"
      label={t('taskProgress')}
      done={task.total > 0 ? task.done : null}
      total={task.total}
      text={text}
      cancelLabel={t('cancelTask')}
      onCancel={cancel}
    />
  );
}

/** The label a conflict keeps unless the clerk chooses: the history's, else the first the batch brought. */
function defaultWinner(conflict: LabelConflict): string {
  return (conflict.labels.find((l) => l.inHistory) ?? conflict.labels[0])?.labelKey ?? '';
}

/** An import whose labels disagree: the clerk sees each conflict and chooses which label wins. */
function ImportConflicts({ learning, t }: { learning: LearningState; t: Translate }) {
  const resolve = useDesk((s) => s.resolveImport);
  const discard = useDesk((s) => s.discardImport);
  const [choices, setChoices] = useState<ReadonlyMap<string, string>>(new Map());
  const pending = learning.pendingImport;
  if (!pending) return null;
  const { counts, conflicts } = pending.report;
  return (
    <section className="import-conflicts" aria-labelledby="conflicts-title">
      <h4 id="conflicts-title">{t('conflictsTitle', { n: conflicts.length })}</h4>
      <p>
        {t('historyImported', {
          cancelled: '',
          read: pending.report.items.length,
          added: counts.new,
          report: t('historyImportCounts', {
            same: counts.same,
            duplicate: counts.duplicate,
            conflict: counts.conflict,
          }),
          usable: learning.labelled.examples.length,
        })}
      </p>
      {conflicts.map((conflict) => {
        const chosen = choices.get(conflict.key) ?? defaultWinner(conflict);
        return (
          <fieldset key={conflict.key} className="conflict">
            <legend>{conflict.title}</legend>
            {conflict.labels.map((label) => (
              <label key={label.labelKey} className="radio">
                <input
                  type="radio"
                  name={`conflict-${conflict.key}`}
                  value={label.labelKey}
                  checked={chosen === label.labelKey}
                  onChange={() => setChoices(new Map(choices).set(conflict.key, label.labelKey))}
                />
                {t('conflictLabelFrom', {
                  label: label.labelRaw,
                  origins: label.origins.join(t('listSeparator')),
                })}
                {label.inHistory ? <span className="chip">{t('conflictInHistory')}</span> : null}
              </label>
            ))}
          </fieldset>
        );
      })}
      <div className="learn-actions">
        <button type="button" className="primary" onClick={() => void resolve(choices)}>
          {t('applyImport')}
        </button>
        <button type="button" onClick={discard}>
          {t('discardImport')}
        </button>
      </div>
    </section>
  );
}

function UnknownLabels({ learning, t }: { learning: LearningState; t: Translate }) {
  const mapLabel = useDesk((s) => s.mapLabel);
  const unknown = learning.labelled.unknown;
  if (unknown.length === 0) return null;
  function onChange(raw: string, e: ChangeEvent<HTMLSelectElement>): void {
    const path = pathFromValue(e.target.value);
    if (path !== undefined) mapLabel(raw, path);
  }
  return (
    <section className="learn-section" aria-labelledby="unknown-title">
      <h3 id="unknown-title">{t('unknownTitle')}</h3>
      <table className="learn-table">
        <thead>
          <tr>
            <th scope="col">{t('unknownRaw')}</th>
            <th scope="col">{t('unknownCount')}</th>
            <th scope="col">{t('unknownWhere')}</th>
            <th scope="col">{t('unknownMap')}</th>
          </tr>
        </thead>
        <tbody>
          {unknown.map((u) => (
            <tr key={u.raw}>
              <th scope="row" title={t(u.reason)}>
                {u.raw}
              </th>
              <td>{u.count}</td>
              <td>{u.origins.join(t('listSeparator'))}</td>
              <td>
                <select
                  aria-label={t('mapFor', { raw: u.raw })}
                  defaultValue=""
                  onChange={(e) => onChange(u.raw, e)}
                >
                  <option value="" disabled>
                    {t('mapChoose')}
                  </option>
                  <option value={IGNORE}>{t('mapIgnore')}</option>
                  {TARGETS.map((g) => (
                    <optgroup key={g.group} label={g.group}>
                      {g.options.map((p) => (
                        <option key={topicKey(p)} value={topicKey(p)}>
                          {p.label2 === null ? p.label1 : `${p.label1} › ${p.label2}`}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Distribution({ learning, t }: { learning: LearningState; t: Translate }) {
  const { distribution } = learning;
  if (distribution.total === 0) return null;
  const max = distribution.level1[0]?.count ?? 1;
  return (
    <section className="learn-section" aria-labelledby="dist-title">
      <h3 id="dist-title">{t('distribution')}</h3>
      <DistributionList
        rows={distribution.level1}
        max={max}
        labelledBy="dist-title"
        show={(label) => label}
        t={t}
      />
      <details>
        <summary>{t('distributionPaths', { n: distribution.paths.length })}</summary>
        <DistributionList
          rows={distribution.paths}
          max={max}
          show={(label) => label.replace('\\', ' › ')}
          t={t}
        />
      </details>
    </section>
  );
}

/** Counts as bars scaled to the largest class, so the office's habits show at a glance. */
function DistributionList({
  rows,
  max,
  labelledBy,
  show,
  t,
}: {
  rows: readonly { readonly label: string; readonly count: number }[];
  max: number;
  labelledBy?: string;
  show: (label: string) => string;
  t: Translate;
}) {
  return (
    <ul className="distribution" aria-labelledby={labelledBy}>
      {rows.map((row) => (
        <li key={row.label}>
          <span className="dist-label">{show(row.label)}</span>
          <span className="dist-bar" aria-hidden="true">
            <span style={{ width: `${(100 * row.count) / max}%` }} />
          </span>
          <span className="dist-count">{t('distributionCount', { n: row.count })}</span>
        </li>
      ))}
    </ul>
  );
}

function ModelBox({ learning, t }: { learning: LearningState; t: Translate }) {
  const train = useDesk((s) => s.trainLocalModel);
  const compare = useDesk((s) => s.compareModels);
  const exportModel = useDesk((s) => s.exportLocalModel);
  const importModel = useDesk((s) => s.importLocalModel);
  const reset = useDesk((s) => s.resetLocalModel);
  const clear = useDesk((s) => s.clearHistory);
  const busy = learning.task !== null;
  const local = learning.local;
  const provenance = !local
    ? t('modelShipped')
    : local.history === 0 && local.decisions === 0
      ? t('modelUpdatesOnly', { updates: local.updates })
      : t('modelLocal', {
          trainedAt: new Date(local.trainedAt).toLocaleString(t('locale')),
          history: local.history,
          decisions: local.decisions,
          updates: local.updates,
        });
  return (
    <section className="learn-section" aria-labelledby="model-title">
      <h3 id="model-title">{t('learnModel')}</h3>
      <p className="provenance" data-testid="model-provenance">
        {provenance}
        {learning.trainMs !== null &&
          ` · ${t('trainTime', { s: (learning.trainMs / 1000).toFixed(1) })}`}
      </p>
      {local && local.habits.length > 0 && (
        <>
          <p id="office-habits-title">{t('officeHabits')}</p>
          <ul className="office-habits" aria-labelledby="office-habits-title">
            {local.habits.map((h) => (
              <li key={h.id}>
                {t('officeHabit', {
                  name: h.name,
                  usual: percent(h.usual),
                  office: percent(h.office),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="learn-actions">
        <button type="button" disabled={busy} onClick={() => void train()}>
          {t('train')}
        </button>
        <button type="button" disabled={busy} onClick={() => void compare()}>
          {t('compare')}
        </button>
        <button type="button" disabled={!local} onClick={() => void exportModel()}>
          {t('exportModel')}
        </button>
        <FileButton
          label={t('importModel')}
          accept=".json,application/json"
          onFiles={(files) => {
            if (files[0]) void importModel(files[0]);
          }}
        />
        <button
          type="button"
          disabled={!local || busy}
          onClick={() => {
            if (window.confirm(t('resetConfirm'))) void reset();
          }}
        >
          {t('resetModel')}
        </button>
        <button
          type="button"
          disabled={learning.history.length === 0 || busy}
          onClick={() => {
            if (window.confirm(t('clearConfirm'))) void clear();
          }}
        >
          {t('clearHistory')}
        </button>
      </div>
    </section>
  );
}

/** A cross-validated share with its 95% interval and sample size; marked less sure when n is small. */
function FigureCell({ figure, t }: { figure: CrossValidatedFigure | null; t: Translate }) {
  if (!figure) return <td>—</td>;
  return (
    <td className={figure.few ? 'figure figure-few' : 'figure'}>
      <span className="figure-share">{percent(figure.share)}</span>{' '}
      <span className="figure-interval">
        {t('figureInterval', { low: percent(figure.low), high: percent(figure.high), n: figure.n })}
      </span>
      {figure.few ? <span className="figure-few-note"> {t('figureFew')}</span> : null}
    </td>
  );
}

function Figures({ learning, t }: { learning: LearningState; t: Translate }) {
  const c = learning.comparison;
  const rows = [
    ['top1l1', 'top1Level1'],
    ['top3l1', 'top3Level1'],
    ['top1l2', 'top1Level2'],
    ['top3l2', 'top3Level2'],
  ] as const;
  return (
    <section className="learn-section" aria-labelledby="figures-title">
      <h3 id="figures-title">{t('figures')}</h3>
      {!c ? (
        <p>{t('noFigures')}</p>
      ) : (
        <>
          <table className="learn-table figures" aria-labelledby="figures-title">
            <thead>
              <tr>
                <th scope="col">{t('metric')}</th>
                <th scope="col">{t('shipped')}</th>
                <th scope="col">{t('local')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([key, field]) => {
                // Level-2 figures rest on the notices labelled at level 2 only: often far fewer.
                const n = field.endsWith('Level2') ? c.value.n2 : c.value.n;
                return (
                  <tr key={key}>
                    <th scope="row">{t(key)}</th>
                    <FigureCell figure={crossValidatedFigure(c.value.shipped[field], n)} t={t} />
                    <FigureCell figure={crossValidatedFigure(c.value.local[field], n)} t={t} />
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="figures-note">
            {t('figuresNote', {
              n: c.value.n,
              n2: c.value.n2,
              k: c.value.k,
              s: (c.ms / 1000).toFixed(1),
              at: new Date(c.at).toLocaleString(t('locale')),
              sample:
                c.available > c.value.n
                  ? t('figuresSample', { n: c.value.n, available: c.available })
                  : '',
            })}
          </p>
        </>
      )}
    </section>
  );
}

export function LearnPane() {
  const t = useT();
  const learning = useDesk((s) => s.learning);
  const importHistory = useDesk((s) => s.importHistory);
  const busy = learning.task !== null;
  function onFiles(files: File[]): void {
    void importHistory(files);
  }
  const { labelled } = learning;
  const unknownCount = labelled.unknown.reduce((s, u) => s + u.count, 0);
  return (
    <main className="learn-pane" aria-labelledby="learn-title">
      <h2 id="learn-title">{t('learnTitle')}</h2>
      <section className="learn-section" aria-labelledby="import-title">
        <h3 id="import-title">{t('importHistory')}</h3>
        <p className="hint">{t('importHint')}</p>
        <div className="learn-actions">
          <FileButton
            label={t('chooseFiles')}
            multiple
            accept={HISTORY_ACCEPT}
            disabled={busy}
            onFiles={onFiles}
          />
          <FileButton label={t('chooseFolder')} multiple folder disabled={busy} onFiles={onFiles} />
        </div>
        <TaskProgress learning={learning} t={t} />
        <ImportConflicts learning={learning} t={t} />
        {learning.message && (
          <p
            role={learning.message.kind === 'error' ? 'alert' : 'status'}
            className={`learn-message ${learning.message.kind}`}
          >
            {t(learning.message.body)}
          </p>
        )}
        {learning.importReport && (
          <p role="status" className="learn-message info">
            {t(learning.importReport)}
          </p>
        )}
        {learning.history.length > 0 && (
          <p className="history-summary" role="status">
            {t('historySummary', {
              total: learning.history.length,
              examples: labelled.examples.length,
              unlabelled: labelled.unlabelled,
              ignored: labelled.ignored,
              unknown: unknownCount,
            })}
          </p>
        )}
        {learning.importErrors.length > 0 && (
          <details className="import-errors">
            <summary>{t('importErrors', { n: learning.importErrors.length })}</summary>
            <ul>
              {learning.importErrors.map((e, i) => (
                <li key={i}>{t('problemAt', { origin: e.origin, reason: t(e.reason) })}</li>
              ))}
            </ul>
          </details>
        )}
        {learning.rescored && learning.rescored.total > 0 && (
          <p className="hint">{t('rescored', learning.rescored)}</p>
        )}
      </section>
      <UnknownLabels learning={learning} t={t} />
      <ModelBox learning={learning} t={t} />
      <Figures learning={learning} t={t} />
      <Distribution learning={learning} t={t} />
    </main>
  );
}
