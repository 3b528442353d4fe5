/** The clerk's preferences, saved with the notices. */
import type { StoreContext } from './context';
import { reportStorage } from './notices';
import type { Settings, SettingsSlice, Slice } from './types';

export const DEFAULT_SETTINGS: Settings = { language: 'zh', separator: '-' };

/** Settings read back from storage: unknown or missing values fall back to the defaults. */
export function readSettings(value: unknown): Settings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    language: v.language === 'en' ? 'en' : 'zh',
    separator: v.separator === '\\' || v.separator === '/' ? v.separator : '-',
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
