import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type Column,
  type ColumnDef,
  type ColumnSizingState,
  type Updater,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SortKey } from '../../domain/desk/queue';
import { noticeStatus, type NoticeRecord, type NoticeStatus } from '../../domain/desk/record';
import { useDesk, useVisibleIds } from '../../store';
import { STATUS_MESSAGE, useT, type MessageKey, type Translate } from '../../ui/i18n/useT';
import { focusAfter } from '../../ui/focus';
import { pathLabel, percent } from '../../ui/format';

const ROW_HEIGHT = 36;
/** How far ←/→ move a focused column edge. */
const RESIZE_STEP = 16;

/**
 * Columns, the store's sort key each one sorts by (null: not sortable) and its default width. The
 * first four are what a clerk works from; their default widths fit the left pane at 1280 px (37% of
 * the window, less a scrollbar). The metadata after them scrolls, or can be hidden.
 */
const COLUMNS: readonly {
  id: string;
  header: MessageKey;
  sortKey: SortKey | null;
  width: number;
}[] = [
  { id: 'status', header: 'colStatus', sortKey: 'status', width: 64 },
  { id: 'title', header: 'colTitle', sortKey: 'title', width: 136 },
  { id: 'suggestion', header: 'colSuggestion', sortKey: 'score', width: 150 },
  { id: 'final', header: 'colFinal', sortKey: null, width: 104 },
  { id: 'issuer', header: 'colIssuer', sortKey: 'issuer', width: 150 },
  { id: 'docNumber', header: 'colDocNumber', sortKey: 'docNumber', width: 140 },
  { id: 'writtenDate', header: 'colWrittenDate', sortKey: 'writtenDate', width: 96 },
];

const COLUMN_BY_ID = new Map(COLUMNS.map((c) => [c.id, c]));
const WIDTH_LIMITS = { min: 40, max: 1000 } as const;

function sameSizes(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function noticeTitle(r: NoticeRecord, t: Translate): string {
  return r.meta.title ?? r.source.name ?? t('untitled');
}

function buildColumns(t: Translate): ColumnDef<NoticeRecord, string>[] {
  const col = createColumnHelper<NoticeRecord>();
  const size = (id: string): number => COLUMN_BY_ID.get(id)?.width ?? 120;
  // Each accessor gives the cell's full text: shown on hover (title) when the cell is cut.
  return [
    col.accessor((r) => t(STATUS_MESSAGE[noticeStatus(r)]), {
      id: 'status',
      size: size('status'),
      cell: ({ row }) => {
        const status = noticeStatus(row.original);
        return <span className={`status status-${status}`}>{t(STATUS_MESSAGE[status])}</span>;
      },
    }),
    col.accessor((r) => noticeTitle(r, t), { id: 'title', size: size('title') }),
    col.accessor(
      (r) => {
        const top = r.suggestions?.[0];
        return top ? `${pathLabel(top.path)} ${percent(top.score)}` : '';
      },
      {
        id: 'suggestion',
        size: size('suggestion'),
        cell: ({ row }) => {
          const top = row.original.suggestions?.[0];
          if (!top) return <span className="muted">—</span>;
          return (
            <span className="cell-suggestion">
              <span className="cell-path">{pathLabel(top.path)}</span>
              <span className="cell-score">{percent(top.score)}</span>
            </span>
          );
        },
      },
    ),
    col.accessor((r) => (r.decision ? pathLabel(r.decision.path) : ''), {
      id: 'final',
      size: size('final'),
    }),
    col.accessor((r) => r.meta.issuer ?? '', { id: 'issuer', size: size('issuer') }),
    col.accessor((r) => r.meta.docNumber ?? '', { id: 'docNumber', size: size('docNumber') }),
    col.accessor((r) => r.meta.writtenDate ?? '', {
      id: 'writtenDate',
      size: size('writtenDate'),
    }),
  ] as ColumnDef<NoticeRecord, string>[];
}

const STATUS_FILTERS: readonly (NoticeStatus | 'all')[] = [
  'all',
  'pending',
  'confirmed',
  'overridden',
];

/** The queue: search, status filter, sortable headers and a virtualised table of every notice. */
export function QueuePane() {
  const t = useT();
  const visibleIds = useVisibleIds();
  const total = useDesk((s) => s.ids.length);
  const byId = useDesk((s) => s.byId);
  const selectedId = useDesk((s) => s.selectedId);
  const { filter, sort } = useDesk(useShallow((s) => ({ filter: s.filter, sort: s.sort })));
  const setFilter = useDesk((s) => s.setFilter);
  const setSort = useDesk((s) => s.setSort);
  const select = useDesk((s) => s.select);

  // Widths and hidden columns are the clerk's, kept in the settings; a drag is saved when it ends.
  const saved = useDesk((s) => s.settings.queueColumns);
  const setSettings = useDesk((s) => s.setSettings);
  const [sizing, setSizing] = useState<ColumnSizingState>(() => ({ ...saved.sizes }));
  const visibility = useMemo<VisibilityState>(
    () => Object.fromEntries(saved.hidden.map((id) => [id, false])),
    [saved.hidden],
  );
  function onVisibilityChange(updater: Updater<VisibilityState>): void {
    const next = typeof updater === 'function' ? updater(visibility) : updater;
    const hidden = Object.keys(next).filter((id) => next[id] === false);
    setSettings({ queueColumns: { ...saved, hidden } });
  }
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual and Table are the required headless grid; the React Compiler merely skips memoising this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visibleIds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const end = (items.at(-1)?.index ?? -1) + 1;
  // The table is built over the rows on screen only: a sort or a keystroke on 10,000 notices then
  // makes a few dozen row objects, not 10,000.
  const data = useMemo(
    () => visibleIds.slice(first, end).flatMap((id) => byId.get(id) ?? []),
    [visibleIds, byId, first, end],
  );
  const columns = useMemo(() => buildColumns(t), [t]);
  const table = useReactTable({
    data,
    columns,
    getRowId: (r) => r.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    enableColumnResizing: true,
    columnResizeMode: 'onChange',
    defaultColumn: { minSize: WIDTH_LIMITS.min, maxSize: WIDTH_LIMITS.max },
    state: { columnSizing: sizing, columnVisibility: visibility },
    onColumnSizingChange: setSizing,
    onColumnVisibilityChange: onVisibilityChange,
  });
  const rowById = new Map(table.getRowModel().rows.map((r) => [r.id, r]));
  const resizing = table.getState().columnSizingInfo.isResizingColumn;
  useEffect(() => {
    if (resizing === false && !sameSizes(sizing, saved.sizes)) {
      setSettings({ queueColumns: { ...saved, sizes: sizing } });
    }
  }, [resizing, sizing, saved, setSettings]);

  function resizeByKey(e: KeyboardEvent<HTMLElement>, column: Column<NoticeRecord>): void {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    e.stopPropagation();
    const step = e.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP;
    const width = Math.max(WIDTH_LIMITS.min, Math.min(WIDTH_LIMITS.max, column.getSize() + step));
    setSizing((current) => ({ ...current, [column.id]: width }));
  }

  const selectedIndex = selectedId === null ? -1 : visibleIds.indexOf(selectedId);
  useEffect(() => {
    // Keyboard moves (j/k, next after a decision) must keep the selected row in sight.
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  function onSort(key: SortKey): void {
    setSort({ key, desc: sort.key === key ? !sort.desc : false });
  }

  function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, id: string): void {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      select(id);
      focusAfter('rowChosen');
    }
  }

  const uncertainFirst = sort.key === 'uncertainFirst';

  return (
    <section className="queue" aria-label={t('queue')}>
      <div className="queue-toolbar">
        <input
          type="search"
          className="queue-search"
          aria-label={t('search')}
          placeholder={t('searchPlaceholder')}
          value={filter.text}
          onChange={(e) => setFilter({ text: e.target.value })}
        />
        <select
          aria-label={t('statusFilter')}
          value={filter.status}
          onChange={(e) => {
            const status = STATUS_FILTERS.find((s) => s === e.target.value);
            if (status) setFilter({ status });
          }}
        >
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? t('all') : t(STATUS_MESSAGE[s])}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="toggle-button"
          aria-pressed={uncertainFirst}
          onClick={() =>
            setSort({ key: uncertainFirst ? 'arrival' : 'uncertainFirst', desc: false })
          }
        >
          {t('uncertainFirst')}
        </button>
        <details className="column-menu">
          <summary>{t('queueColumns')}</summary>
          <fieldset>
            <legend className="visually-hidden">{t('queueColumnsShown')}</legend>
            {table.getAllLeafColumns().map((column) => {
              const meta = COLUMN_BY_ID.get(column.id);
              return (
                <label key={column.id}>
                  <input
                    type="checkbox"
                    checked={column.getIsVisible()}
                    onChange={column.getToggleVisibilityHandler()}
                  />
                  {meta ? t(meta.header) : column.id}
                </label>
              );
            })}
          </fieldset>
        </details>
        <span className="queue-count" aria-live="polite">
          {t('shown', { shown: visibleIds.length, total })}
        </span>
      </div>

      <div className="queue-scroll" ref={scrollRef}>
        <table
          role="grid"
          className="queue-table"
          aria-label={t('queue')}
          aria-rowcount={visibleIds.length + 1}
          style={{ width: table.getTotalSize() }}
        >
          <thead>
            <tr aria-rowindex={1}>
              {table.getFlatHeaders().map((header) => {
                const c = COLUMN_BY_ID.get(header.column.id);
                if (!c) return null;
                const active = c.sortKey !== null && sort.key === c.sortKey;
                const ariaSort = active ? (sort.desc ? 'descending' : 'ascending') : 'none';
                const name = t(c.header);
                return (
                  <th
                    key={header.id}
                    style={{ width: header.getSize() }}
                    aria-sort={c.sortKey ? ariaSort : undefined}
                  >
                    {c.sortKey ? (
                      <button
                        type="button"
                        className="sort-button"
                        title={name}
                        onClick={() => c.sortKey && onSort(c.sortKey)}
                      >
                        {name}
                        <span className="sort-mark" aria-hidden="true">
                          {active ? (sort.desc ? '▼' : '▲') : '↕'}
                        </span>
                      </button>
                    ) : (
                      <span title={name}>{name}</span>
                    )}
                    <span
                      role="separator"
                      aria-orientation="vertical"
                      aria-label={t('resizeColumn', { column: name })}
                      aria-valuenow={header.getSize()}
                      aria-valuemin={WIDTH_LIMITS.min}
                      aria-valuemax={WIDTH_LIMITS.max}
                      tabIndex={0}
                      className={`col-resizer${header.column.getIsResizing() ? ' is-resizing' : ''}`}
                      onMouseDown={header.getResizeHandler()}
                      onTouchStart={header.getResizeHandler()}
                      onKeyDown={(e) => resizeByKey(e, header.column)}
                    />
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const id = visibleIds[item.index];
              const row = id === undefined ? undefined : rowById.get(id);
              if (!row) return null;
              const selected = row.id === selectedId;
              return (
                <tr
                  key={row.id}
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  tabIndex={selected ? 0 : -1}
                  className={selected ? 'is-selected' : undefined}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => {
                    select(row.id);
                    focusAfter('rowChosen');
                  }}
                  onKeyDown={(e) => onRowKey(e, row.id)}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      style={{ width: cell.column.getSize() }}
                      title={String(cell.getValue() ?? '')}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {visibleIds.length === 0 ? (
          <p className="queue-empty muted">{total === 0 ? t('queueEmpty') : t('noMatch')}</p>
        ) : null}
      </div>
    </section>
  );
}
