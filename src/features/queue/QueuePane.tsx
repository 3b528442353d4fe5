import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SortKey } from '../../domain/desk/queue';
import { noticeStatus, type NoticeRecord, type NoticeStatus } from '../../domain/desk/record';
import { useDesk, useVisibleIds } from '../../store';
import { STATUS_MESSAGE, useT, type MessageKey, type Translate } from '../../ui/i18n/useT';
import { pathLabel, percent } from '../../ui/format';

const ROW_HEIGHT = 36;
// Title, status and suggestion with its score fit the left pane at 1440 px; the rest scrolls.

/** Columns and the store's sort key each one sorts by (null: not sortable). */
const COLUMNS: readonly {
  id: string;
  header: MessageKey;
  sortKey: SortKey | null;
  width: number;
}[] = [
  { id: 'title', header: 'colTitle', sortKey: 'title', width: 226 },
  { id: 'status', header: 'colStatus', sortKey: 'status', width: 76 },
  { id: 'suggestion', header: 'colSuggestion', sortKey: 'score', width: 222 },
  { id: 'final', header: 'colFinal', sortKey: null, width: 190 },
  { id: 'issuer', header: 'colIssuer', sortKey: 'issuer', width: 150 },
  { id: 'docNumber', header: 'colDocNumber', sortKey: 'docNumber', width: 140 },
  { id: 'writtenDate', header: 'colWrittenDate', sortKey: 'writtenDate', width: 96 },
];

const WIDTH = new Map(COLUMNS.map((c) => [c.id, c.width]));
const TOTAL_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);

function noticeTitle(r: NoticeRecord, t: Translate): string {
  return r.meta.title ?? r.source.name ?? t('untitled');
}

function buildColumns(t: Translate): ColumnDef<NoticeRecord, string>[] {
  const col = createColumnHelper<NoticeRecord>();
  // Same order as COLUMNS: the header row is drawn from COLUMNS, the cells from these definitions.
  return [
    col.accessor((r) => noticeTitle(r, t), { id: 'title' }),
    col.accessor((r) => t(STATUS_MESSAGE[noticeStatus(r)]), {
      id: 'status',
      cell: ({ row }) => {
        const status = noticeStatus(row.original);
        return <span className={`status status-${status}`}>{t(STATUS_MESSAGE[status])}</span>;
      },
    }),
    col.accessor((r) => r.suggestions?.[0]?.path.label1 ?? '', {
      id: 'suggestion',
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
    }),
    col.accessor((r) => (r.decision ? pathLabel(r.decision.path) : ''), { id: 'final' }),
    col.accessor((r) => r.meta.issuer ?? '', { id: 'issuer' }),
    col.accessor((r) => r.meta.docNumber ?? '', { id: 'docNumber' }),
    col.accessor((r) => r.meta.writtenDate ?? '', { id: 'writtenDate' }),
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
  });
  const rowById = new Map(table.getRowModel().rows.map((r) => [r.id, r]));

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
          style={{ width: TOTAL_WIDTH }}
        >
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map((c) => {
                const active = c.sortKey !== null && sort.key === c.sortKey;
                const ariaSort = active ? (sort.desc ? 'descending' : 'ascending') : 'none';
                return (
                  <th
                    key={c.id}
                    style={{ width: c.width }}
                    aria-sort={c.sortKey ? ariaSort : undefined}
                  >
                    {c.sortKey ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => c.sortKey && onSort(c.sortKey)}
                      >
                        {t(c.header)}
                        <span className="sort-mark" aria-hidden="true">
                          {active ? (sort.desc ? '▼' : '▲') : '↕'}
                        </span>
                      </button>
                    ) : (
                      t(c.header)
                    )}
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
                  onClick={() => select(row.id)}
                  onKeyDown={(e) => onRowKey(e, row.id)}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      style={{ width: WIDTH.get(cell.column.id) }}
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
