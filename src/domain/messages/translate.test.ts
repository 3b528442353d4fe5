import { describe, expect, it } from 'vitest';
import { translate } from './catalogue';

describe('translate', () => {
  it('fills placeholders in the chosen language, Chinese by default wording', () => {
    expect(translate('zh', 'progress', { done: 37, total: 120 })).toBe('已完成 37/120');
    expect(translate('en', 'progress', { done: 37, total: 120 })).toBe('Done 37/120');
  });

  it('keeps the accessible names the end-to-end tests rely on', () => {
    expect(translate('zh', 'pasteLabel')).toMatch(/粘贴/);
    expect(translate('zh', 'add')).toMatch(/^添加/);
    expect(translate('zh', 'confirmSuggestion', { path: 'x' })).toMatch(/^确认/);
    expect(translate('zh', 'confirmChosen', { path: 'x' })).toMatch(/^确认/);
    expect(translate('zh', 'pickerLabel')).toMatch(/主题|分类/);
    expect(translate('zh', 'suggestions')).toMatch(/建议/);
    expect(translate('zh', 'outline')).toMatch(/大纲/);
    // The JSONL import must not start like the paste button (添加|加入|导入|解析).
    expect(translate('zh', 'importJsonl')).not.toMatch(/^(添加|加入|导入|解析)/);
  });

  it('leaves an unknown placeholder visible instead of dropping it', () => {
    expect(translate('zh', 'progress', { done: 1 })).toBe('已完成 1/{total}');
  });
});
