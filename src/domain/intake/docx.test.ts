import { describe, expect, it } from 'vitest';
import { documentXmlText, mainDocumentName } from './docx';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string): string => `<w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (...runs: string[]): string =>
  `<w:p>${runs.map((r) => `<w:r>${r}</w:r>`).join('')}</w:p>`;

describe('documentXmlText', () => {
  it('gives a line per paragraph, joining the runs of one and unescaping entities', () => {
    const xml = doc(
      p(
        '<w:t>关于印发</w:t>',
        '<w:t xml:space="preserve">《工作要点》 </w:t>',
        '<w:t>的通知</w:t>',
      ) + p('<w:t>一、聚焦 &lt;重点&gt; &amp; 难点&#x3002;</w:t>'),
    );
    expect(documentXmlText(xml)).toBe('关于印发《工作要点》 的通知\n一、聚焦 <重点> & 难点。');
  });

  it('keeps tabs and breaks inside a paragraph, but not the tab stops of its properties', () => {
    const xml = doc(
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
        '<w:r><w:t>索引号:</w:t><w:tab/><w:t>SY001</w:t><w:br/><w:t>发文字号:</w:t></w:r></w:p>',
    );
    expect(documentXmlText(xml)).toBe('索引号:\tSY001\n发文字号:');
  });

  it('reads table cells as lines, and a text box once (not its fallback copy)', () => {
    const xml = doc(
      `<w:tbl><w:tr><w:tc>${p('<w:t>主题分类</w:t>')}</w:tc><w:tc>${p('<w:t>民政</w:t>')}</w:tc></w:tr></w:tbl>` +
        '<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>' +
        p('<w:t>文本框</w:t>') +
        '</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>' +
        p('<w:t>文本框</w:t>') +
        '</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>',
    );
    expect(documentXmlText(xml)).toBe('主题分类\n民政\n文本框\n');
  });

  it('leaves deleted text and field codes out', () => {
    const xml = doc(
      p('<w:t>保留</w:t>', '<w:delText>删去</w:delText>', '<w:instrText> PAGE </w:instrText>'),
    );
    expect(documentXmlText(xml)).toBe('保留');
  });
});

describe('mainDocumentName', () => {
  it('follows the officeDocument relationship, with word/document.xml when there is none', () => {
    const rels =
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>';
    expect(mainDocumentName(rels)).toBe('word/document2.xml');
    expect(mainDocumentName(null)).toBe('word/document.xml');
  });
});
