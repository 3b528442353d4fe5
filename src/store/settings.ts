/** The clerk's preferences, saved with the notices. */
import type { StoreContext } from './context';
import { reportStorage } from './notices';
import type { QueueColumns, Settings, SettingsSlice, Slice } from './types';

export const DEFAULT_SETTINGS: Settings = {
  language: 'zh',
  separator: '-',
  queueColumns: { sizes: {}, hidden: [] },
};

/** Widths a clerk can have dragged a column to; anything else in storage is ignored. */
const COLUMN_WIDTH = { min: 40, max: 1000 } as const;

function asRecord(value: unknown): Record<string, unknown> {
  return (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
}

function readQueueColumns(value: unknown): QueueColumns {
  const v = asRecord(value);
  const sizes = Object.entries(asRecord(v.sizes)).filter(
    (entry): entry is [string, number] =>
      typeof entry[1] === 'number' && entry[1] >= COLUMN_WIDTH.min && entry[1] <= COLUMN_WIDTH.max,
  );
  const hidden = Array.isArray(v.hidden)
    ? v.hidden.filter((id): id is string => typeof id === 'string')
    : [];
  return { sizes: Object.fromEntries(sizes), hidden };
}

/** Settings read back from storage: unknown or missing values fall back to the defaults. */
export function readSettings(value: unknown): Settings {
  const v = asRecord(value);
  return {
    language: v.language === 'en' ? 'en' : 'zh',
    separator: v.separator === '\\' || v.separator === '/' ? v.separator : '-',
    queueColumns: readQueueColumns(v.queueColumns),
  };
}

export const createSettingsSlice =
  (ctx: StoreContext): Slice<SettingsSlice> =>
  (set, get) => ({
    settings: DEFAULT_SETTINGS,
    setSettings(partial) {
      const settings = { ...get().settings, ...partial };
      set({ settings });
      ctx.runtime.db?.putMeta('settings', settings).catch((e: unknown) => reportStorage(set, e));
    },
  });
