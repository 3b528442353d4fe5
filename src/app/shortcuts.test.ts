import { describe, expect, it } from 'vitest';
import { SHORTCUT_LEGEND, shortcutFor, type KeyPress } from './shortcuts';

function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    typing: false,
    onControl: false,
    ...extra,
  };
}

describe('shortcutFor', () => {
  it('takes suggestion 1–3 with the number keys', () => {
    expect(shortcutFor(press('1'))).toEqual({ type: 'take', index: 0 });
    expect(shortcutFor(press('2'))).toEqual({ type: 'take', index: 1 });
    expect(shortcutFor(press('3'))).toEqual({ type: 'take', index: 2 });
    expect(shortcutFor(press('4'))).toBeNull();
  });

  it('confirms with Enter, except on a focused button where Enter presses the button', () => {
    expect(shortcutFor(press('Enter'))).toEqual({ type: 'confirm' });
    expect(shortcutFor(press('Enter', { onControl: true }))).toBeNull();
  });

  it('opens the picker with / or p, moves with j/k and the arrows, undoes with z and Ctrl+Z', () => {
    expect(shortcutFor(press('/'))).toEqual({ type: 'openPicker' });
    expect(shortcutFor(press('p'))).toEqual({ type: 'openPicker' });
    expect(shortcutFor(press('j'))).toEqual({ type: 'next' });
    expect(shortcutFor(press('ArrowDown'))).toEqual({ type: 'next' });
    expect(shortcutFor(press('k'))).toEqual({ type: 'previous' });
    expect(shortcutFor(press('ArrowUp'))).toEqual({ type: 'previous' });
    expect(shortcutFor(press('z'))).toEqual({ type: 'undo' });
    expect(shortcutFor(press('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(shortcutFor(press('z', { metaKey: true }))).toEqual({ type: 'undo' });
  });

  it('ignores every key while the clerk is typing, so text fields keep their own undo', () => {
    for (const key of ['1', 'Enter', '/', 'p', 'j', 'k', 'z', 'ArrowDown', '?']) {
      expect(shortcutFor(press(key, { typing: true }))).toBeNull();
    }
    expect(shortcutFor(press('z', { ctrlKey: true, typing: true }))).toBeNull();
  });

  it('undoes with u too, and leaves any field for the document view with Esc, typing or not', () => {
    expect(shortcutFor(press('u'))).toEqual({ type: 'undo' });
    expect(shortcutFor(press('u', { typing: true }))).toBeNull();
    expect(shortcutFor(press('Escape'))).toEqual({ type: 'toDocument' });
    expect(shortcutFor(press('Escape', { typing: true }))).toEqual({ type: 'toDocument' });
  });

  it('leaves other browser shortcuts alone', () => {
    expect(shortcutFor(press('1', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('j', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeNull();
  });

  it('lists in the legend only keys that do what the legend says', () => {
    const keyName = new Map([
      ['↓', 'ArrowDown'],
      ['↑', 'ArrowUp'],
      ['Esc', 'Escape'],
    ]);
    for (const entry of SHORTCUT_LEGEND) {
      for (const label of entry.keys) {
        const ctrl = label.startsWith('Ctrl+');
        const key = keyName.get(label) ?? (ctrl ? label.slice(5).toLowerCase() : label);
        expect(shortcutFor(press(key, { ctrlKey: ctrl }))?.type).toBe(entry.action);
      }
    }
  });
});
