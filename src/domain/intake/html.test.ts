import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText } from './html';

const GOVCN_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>国务院关于印发国家职业教育改革实施方案的通知_政府信息公开专栏</title>
<style>.bd1 td { color: red; }</style>
<script src="/js/jquery.js"></script>
<script>var _hmt = _hmt || []; document.write("<p>广告</p>");</script>
</head>
<body>
<!-- 头部 <p>注释里的段落</p> -->
<div class="bd1"><table>
<tbody><tr><td><b>索引号：</b></td><td>000014349/2019-00005</td><td><b>主题分类：</b></td><td>科技、教育\\教育</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院</td><td><b>成文日期：</b></td><td>2019年01月24日</td></tr>
<tr><td><b>发文字号：</b></td><td>国发〔2019〕4号</td><td><b>发布日期：</b></td><td>2019年02月13日</td></tr>
</tbody></table></div>
<iframe src="https://evil.example/ad"><p>框架内容</p></iframe>
<div id="UCAP-CONTENT">
<p style="text-align: center;">国务院关于印发国家职业教育改革<br>实施方案的通知</p>
<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
<p>&nbsp;&nbsp;现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。</p>
<img src="x" onerror="alert('xss')">
<p><a href="javascript:alert(1)">打印本页</a> <a href="#" onclick="window.close()">关闭窗口</a></p>
<noscript><p>请启用脚本</p></noscript>
<svg><script>alert(2)</script><text>矢量</text></svg>
</div>
</body></html>`;

describe('htmlToText', () => {
  it('turns a gov.cn page into the lines a clerk would copy, metadata table as TAB-separated rows', () => {
    expect(htmlToText(GOVCN_PAGE)).toBe(
      [
        '索引号：\t000014349/2019-00005\t主题分类：\t科技、教育\\教育',
        '发文机关：\t国务院\t成文日期：\t2019年01月24日',
        '发文字号：\t国发〔2019〕4号\t发布日期：\t2019年02月13日',
        '国务院关于印发国家职业教育改革',
        '实施方案的通知',
        '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
        '现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。',
        '打印本页 关闭窗口',
      ].join('\n'),
    );
  });

  it('leaves no trace of scripts, styles, frames, handlers or javascript: links', () => {
    const text = htmlToText(GOVCN_PAGE);
    for (const trace of [
      'alert',
      'script',
      'onerror',
      'javascript',
      'color',
      '_hmt',
      '广告',
      '框架',
      '注释',
      '矢量',
      '启用',
    ]) {
      expect(text).not.toContain(trace);
    }
  });

  it('decodes named, decimal and hex entities, and leaves unknown ones as written', () => {
    expect(
      htmlToText(
        '<p>&lt;b&gt; &amp; &quot;x&quot; &#20013;&#x6587; &ldquo;通知&rdquo;&mdash;&hellip;</p>',
      ),
    ).toBe('<b> & "x" 中文 “通知”—…');
    expect(htmlToText('A&nbspB &copy 2020 &foo; &#0; &#xD800; AT&T')).toBe('A B © 2020 &foo; AT&T');
  });

  it('collapses runs of spaces but keeps lines, and drops blank lines', () => {
    expect(htmlToText('<div>  第一段\n   继续  </div>\n\n<div></div><p>第二段</p><br><br>')).toBe(
      '第一段 继续\n第二段',
    );
    expect(htmlToText('<pre>一行\n二行</pre>')).toBe('一行\n二行');
  });

  it('survives malformed HTML: unclosed tags, stray <, unclosed comments and scripts', () => {
    expect(htmlToText('<p>a < b and 3<4 <p>next')).toBe('a < b and 3<4\nnext');
    expect(htmlToText('<div><p>正文<b>加粗')).toBe('正文加粗');
    expect(htmlToText('前文<!-- 没有结束的注释 <p>x</p>')).toBe('前文');
    expect(htmlToText('前文<script>alert(1)')).toBe('前文');
    expect(htmlToText('<head><title>t</title><body>正文')).toBe('正文');
    expect(htmlToText('<p title="a>b">引号里的尖括号</p>')).toBe('引号里的尖括号');
    expect(htmlToText('<scriptx>不是脚本</scriptx>')).toBe('不是脚本');
    expect(htmlToText('<SCRIPT>x</SCRIPT >大写<STYLE>y</style>')).toBe('大写');
  });

  it('still finds the notice after pathological markup (nested tags, unclosed quotes, many ampersands)', () => {
    // How fast is `npm run bench`'s business; here: the text after the junk reaches the clerk.
    const nasty =
      '<a b="'.repeat(20_000) + '&'.repeat(50_000) + '<'.repeat(50_000) + '<p>'.repeat(20_000);
    const text = htmlToText(`${nasty}"><p>关于做好防汛工作的通知</p><p>各区：请做好汛期值班。</p>`);
    expect(text).toContain('关于做好防汛工作的通知\n各区：请做好汛期值班。');
    expect(text).not.toMatch(/<p>|<a /);
  });

  it('property: never throws and never outputs a script tag from markup', () => {
    const fragment = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '<script>',
        '</script>',
        '<p>',
        '</p>',
        '<td>',
        '<tr>',
        '<!--',
        '-->',
        '<',
        '>',
        '"',
        "'",
        '=',
        '&',
        '&lt;',
        '<style>',
        '<br/>',
        '<iframe src=x>',
        '通知',
      ),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const html = parts.join('');
        const text = htmlToText(html);
        if (!html.includes('&')) expect(text.toLowerCase()).not.toContain('<script');
      }),
      { numRuns: 500 },
    );
  });
});
