import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImportFile, decodeNoticeFile, MAX_NOTICE_BYTES } from './decode';
import { encodeLegacy, utf16, utf8 } from './test-support/legacy-encode';

const SIMPLIFIED_NOTICE =
  '索引号:\r\nSY0024782510202000010\r\n主题分类:\r\n民政、扶贫、救灾-其他\r\n公开主体:\r\n上海市崇明区民政局\r\n' +
  '发文字号:\r\n沪崇民〔2020〕10号\r\n局机关各科室、局属各事业单位:\r\n现将《2020年崇明民政工作要点》印发给你们,请认真贯彻落实。\r\n' +
  '一、聚焦重点民生保障,织密社会救助网。做好困难群众基本生活保障工作,推进养老服务体系建设。\r\n';
const TRADITIONAL_NOTICE =
  '關於加強社區服務的通知\n各區公所:\n為落實社會福利政策,請各單位做好社區服務與長期照顧工作,並於本月底前報送執行情形。\n臺北市政府社會局\n';

function ok(result: ReturnType<typeof decodeNoticeFile>) {
  if (!result.ok) throw new Error(`expected text, got ${result.code}`);
  return result;
}

describe('decodeNoticeFile: encodings', () => {
  it('reads UTF-8 without BOM and keeps CRLF line ends exactly', () => {
    const r = ok(decodeNoticeFile(utf8(SIMPLIFIED_NOTICE), '通知.txt'));
    expect(r).toMatchObject({ encoding: 'utf-8', kind: 'txt' });
    expect(r.text).toBe(SIMPLIFIED_NOTICE);
  });

  it('strips only the BOM of UTF-8, UTF-16LE and UTF-16BE files', () => {
    const bom8 = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SIMPLIFIED_NOTICE)]);
    expect(ok(decodeNoticeFile(bom8, 'a.txt'))).toMatchObject({
      text: SIMPLIFIED_NOTICE,
      encoding: 'utf-8',
    });
    expect(ok(decodeNoticeFile(utf16(SIMPLIFIED_NOTICE, 'le', true), 'a.txt'))).toMatchObject({
      text: SIMPLIFIED_NOTICE,
      encoding: 'utf-16le',
    });
    expect(ok(decodeNoticeFile(utf16(SIMPLIFIED_NOTICE, 'be', true), 'a.txt'))).toMatchObject({
      text: SIMPLIFIED_NOTICE,
      encoding: 'utf-16be',
    });
  });

  it('reads BOM-less UTF-16LE of a mostly ASCII-punctuated notice instead of calling it binary', () => {
    const text = 'Notice 2020-10\r\n关于做好春运工作的通知\r\n';
    expect(ok(decodeNoticeFile(utf16(text, 'le', false), 'a.txt'))).toMatchObject({
      text,
      encoding: 'utf-16le',
    });
  });

  it('tells GB18030 (GBK) from Big5 and decodes each without mojibake', () => {
    const gb = ok(decodeNoticeFile(encodeLegacy(SIMPLIFIED_NOTICE, 'gb18030'), '简体.txt'));
    expect(gb).toMatchObject({ encoding: 'gb18030', text: SIMPLIFIED_NOTICE });
    const big5 = ok(decodeNoticeFile(encodeLegacy(TRADITIONAL_NOTICE, 'big5'), '繁體.txt'));
    expect(big5).toMatchObject({ encoding: 'big5', text: TRADITIONAL_NOTICE });
  });

  it('tells them apart on a short title too', () => {
    expect(
      ok(decodeNoticeFile(encodeLegacy('关于开展节能宣传周的通知', 'gb18030'), 'a.txt')).encoding,
    ).toBe('gb18030');
    expect(
      ok(decodeNoticeFile(encodeLegacy('關於加強社區服務的通知', 'big5'), 'a.txt')).encoding,
    ).toBe('big5');
  });

  it('refuses text in an encoding it cannot read as Chinese (Latin-1 umlauts) rather than show mojibake', () => {
    const latin1 = Uint8Array.from(
      [...'Gr\xfc\xdfe aus K\xf6ln, \xe4\xf6\xfc'].map((c) => c.charCodeAt(0)),
    );
    const r = decodeNoticeFile(latin1, 'german.txt');
    expect(r).toMatchObject({ ok: false, code: 'encoding' });
    expect(!r.ok && r.reason).toEqual({ code: 'fileEncoding', params: { file: 'german.txt' } });
  });
});

describe('decodeNoticeFile: what is not a notice', () => {
  it('rejects a file over 5 MB naming the file and its size', () => {
    const r = decodeNoticeFile(new Uint8Array(20 * 1024 * 1024).fill(0x61), 'x.txt');
    expect(r).toEqual({
      ok: false,
      code: 'too-large',
      reason: { code: 'fileTooLarge', params: { file: 'x.txt', size: '20.0', limit: 5 } },
    });
    expect(decodeNoticeFile(new Uint8Array(MAX_NOTICE_BYTES).fill(0x61), 'y.txt').ok).toBe(true);
  });

  it('rejects empty and whitespace-only files', () => {
    expect(decodeNoticeFile(new Uint8Array(0), '空.txt')).toMatchObject({
      ok: false,
      code: 'empty',
    });
    const r = decodeNoticeFile(utf8(' \r\n\t\u3000\n'), '空白.txt');
    expect(r).toMatchObject({ ok: false, code: 'empty' });
    expect(!r.ok && r.reason).toEqual({ code: 'fileEmpty', params: { file: '空白.txt' } });
    expect(decodeNoticeFile(utf8('<html><script>x()</script></html>'), 'p.html')).toMatchObject({
      ok: false,
      code: 'empty',
    });
  });

  it('rejects binary content renamed to .txt: pseudo-random bytes, PDF, ZIP, OLE, PNG', () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const r = decodeNoticeFile(noise, '其实是图片.txt');
    expect(r).toEqual({
      ok: false,
      code: 'binary',
      reason: { code: 'fileBinary', params: { file: '其实是图片.txt' } },
    });
    const magic: Record<string, number[]> = {
      pdf: [...utf8('%PDF-1.7\n')],
      zip: [0x50, 0x4b, 0x03, 0x04, ...utf8('word/document.xml')],
      ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...utf8('abc')],
      png: [0x89, ...utf8('PNG\r\n')],
    };
    for (const [name, bytes] of Object.entries(magic)) {
      expect(decodeNoticeFile(Uint8Array.from(bytes), `${name}.txt`)).toMatchObject({
        ok: false,
        code: 'binary',
      });
    }
  });

  it('rejects unknown extensions and leaves .docx to the Word reader', () => {
    expect(decodeNoticeFile(utf8('abc'), 'scan.pdf')).toMatchObject({
      ok: false,
      code: 'unsupported',
    });
    expect(decodeNoticeFile(utf8('abc'), 'README')).toMatchObject({ code: 'unsupported' });
    const docx = decodeNoticeFile(utf8('abc'), '通知.DOCX');
    expect(docx).toMatchObject({ ok: false, code: 'unsupported' });
    expect(!docx.ok && docx.reason).toEqual({
      code: 'fileNotNotice',
      params: { file: '通知.DOCX' },
    });
    expect(decodeNoticeFile(utf8('正文'), 'a.TEXT').ok).toBe(true);
  });
});

describe('decodeNoticeFile: HTML pages', () => {
  it('respects <meta charset=gb2312> and converts the page to text', () => {
    const page =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>站点</title></head>' +
      '<body><h1>关于开展网络安全检查的通知</h1><p>各区、各部门：</p><p>请于本月底前完成自查。</p></body></html>';
    const r = ok(decodeNoticeFile(encodeLegacy(page, 'gb18030'), 'page.htm'));
    expect(r).toMatchObject({ kind: 'html', encoding: 'gb18030' });
    expect(r.text).toBe('关于开展网络安全检查的通知\n各区、各部门：\n请于本月底前完成自查。');
  });

  it('reads a UTF-8 page whose <meta charset> is wrong by the bytes it holds', () => {
    const page = '<meta charset="gbk"><p>关于做好春运工作的通知</p>';
    const r = ok(decodeNoticeFile(utf8(page), 'page.html'));
    expect(r).toMatchObject({ encoding: 'utf-8', text: '关于做好春运工作的通知' });
  });
});

const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);
const sharedPresent = existsSync(SAMPLES);
if (!sharedPresent) {
  console.warn('decode tests: ../shared/samples is absent, the real-sample checks are skipped');
}

describe.skipIf(!sharedPresent)(
  'decodeNoticeFile on the shared samples (skipped: ../shared absent)',
  () => {
    it('reads each sample byte-exactly as UTF-8, and as GB18030 once re-encoded', () => {
      for (const name of ['chongming-2020-minzheng.txt', 'govcn-2019-zhiye-jiaoyu.txt']) {
        const bytes = new Uint8Array(readFileSync(new URL(name, SAMPLES)));
        const text = new TextDecoder().decode(bytes);
        expect(ok(decodeNoticeFile(bytes, name)).text).toBe(text);
        const legacy = ok(decodeNoticeFile(encodeLegacy(text, 'gb18030'), name));
        expect(legacy).toMatchObject({ encoding: 'gb18030', text });
      }
    });
  },
);

describe('decodeImportFile', () => {
  it('reads a GBK CSV exported by Excel and refuses what is not an import file', () => {
    const csv = '标题,主题分类\r\n关于做好春运工作的通知,交通\\公路\r\n';
    expect(decodeImportFile(encodeLegacy(csv, 'gb18030'), '历史.csv')).toEqual({
      ok: true,
      text: csv,
      encoding: 'gb18030',
      kind: 'txt',
    });
    expect(decodeImportFile(utf8(csv), '历史.xlsx')).toMatchObject({ code: 'unsupported' });
    expect(decodeImportFile(new Uint8Array(8 * 1024 * 1024).fill(0x61), 'big.jsonl').ok).toBe(true);
  });
});
