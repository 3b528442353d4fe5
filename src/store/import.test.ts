/**
 * Importing many files: the real store, storage (fake-indexeddb) and worker code, with two analyse
 * calls in flight as on the smallest machine. Order, batching, repeat and cancel as the clerk sees them.
 */
import { describe, expect, it } from 'vitest';
import { desksStoppedAfterEach, freshDatabase, type TestDesk } from './test-support/desk';

const desk = desksStoppedAfterEach();

function noticeFiles(n: number): File[] {
  return Array.from({ length: n }, (_, i) => {
    const text = [
      '发文字号:',
      `沪示办〔2022〕${i + 1}号`,
      `关于做好第${i + 1}批防汛物资储备工作的通知`,
      '各区防汛指挥部:请做好汛期值班、积水点排查和防汛物资储备工作。',
    ].join('\n');
    return new File([text], `notice-${String(i + 1).padStart(3, '0')}.txt`, { type: 'text/plain' });
  });
}

function fileNames(d: TestDesk): (string | null)[] {
  const s = d.store.getState();
  return s.ids.map((id) => s.byId.get(id)?.source.name ?? null);
}

describe('importing files', () => {
  it('adds every file in upload order, showing them a batch at a time, and stores them all', async () => {
    const database = freshDatabase();
    const d = await desk({ database });
    const files = noticeFiles(450);
    const sizes: number[] = [];
    const unsubscribe = d.store.subscribe((s, prev) => {
      if (s.ids !== prev.ids) sizes.push(s.ids.length);
    });
    const result = await d.store.getState().addFiles(files);
    unsubscribe();

    expect(result.added).toBe(450);
    expect(fileNames(d)).toEqual(files.map((f) => f.name));
    expect(sizes).toEqual([200, 400, 450]);
    expect(d.store.getState().ids.every((id) => d.store.getState().byId.get(id)?.suggestions)).toBe(
      true,
    );
    const reloaded = await desk({ database });
    expect(fileNames(reloaded)).toEqual(files.map((f) => f.name));
  });

  it('adds nothing when the same files are imported again', async () => {
    const d = await desk();
    const files = noticeFiles(60);
    await d.store.getState().addFiles(files);
    const again = await d.store.getState().addFiles(files);
    expect(again).toMatchObject({ added: 0, duplicates: 60 });
    expect(d.store.getState().ids).toHaveLength(60);
  });

  it('keeps what was read before a cancel, and a restart adds the rest once, in order', async () => {
    const d = await desk();
    const files = noticeFiles(300);
    const unsubscribe = d.store.subscribe((s) => {
      if (s.intake.running && s.intake.done >= 100) d.store.getState().cancelIntake();
    });
    const first = await d.store.getState().addFiles(files);
    unsubscribe();
    expect(first.added).toBeGreaterThan(0);
    expect(first.added).toBeLessThan(300);
    expect(first.errors.at(-1)?.about).toBe('import');
    expect(fileNames(d)).toEqual(files.slice(0, first.added).map((f) => f.name));

    const second = await d.store.getState().addFiles(files);
    expect(second).toMatchObject({ added: 300 - first.added, duplicates: first.added });
    expect(fileNames(d)).toEqual(files.map((f) => f.name));
  });
});
