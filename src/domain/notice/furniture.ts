/**
 * Page furniture: what a disclosure page puts around a notice and a paste carries along
 * (打印本页, 关闭窗口, 【字体：大 中 小】, 分享到…), and the stray request line at the end of the sample
 * (asking the reader to pick a topic). None of it is part of the notice.
 */
import { findDocNumber } from './docnumber';

const WORDS = [
  '打印本页',
  '打印此页',
  '打印正文',
  '打印',
  '关闭窗口',
  '关闭本页',
  '关闭',
  '字体',
  '字号',
  '大中小',
  '大',
  '中',
  '小',
  '默认',
  '收藏本页',
  '收藏',
  '保存本页',
  '返回顶部',
  '返回',
  '顶部',
  '分享到',
  '分享',
  '微信',
  '微博',
  '新浪微博',
  'QQ空间',
  'QQ',
  '扫一扫在手机打开当前页',
  '扫一扫',
  '在手机打开当前页',
  '纠错',
  '我要纠错',
  '浏览次数',
  '访问量',
  '阅读量',
  '相关链接',
  '相关解读',
  '相关文件',
  '上一篇',
  '下一篇',
];
/** Longest first, so 打印本页 is taken before 打印. */
const WORD_PATTERN = new RegExp([...WORDS].sort((a, b) => b.length - a.length).join('|'), 'gu');
const DECORATION = /[【】[\]|｜：:·•\s\u3000\d]/gu;

/** A line made only of furniture words (with brackets, separators and counters). */
export function isFurnitureLine(line: string): boolean {
  if (line.length > 80 || findDocNumber(line)) return false;
  if (/^(分享到|当前位置|您现在的位置|您的位置|所在位置|上一篇|下一篇)/u.test(line)) return true;
  if (/^首页\s*[>＞»›]/u.test(line)) return true;
  const rest = line.replace(WORD_PATTERN, '').replace(DECORATION, '');
  // A line of single characters such as 大 / 中 / 小 alone is furniture only next to 字体.
  return rest === '' && !/^[大中小]$/u.test(line.trim());
}

/** The request a page appends below a notice, such as asking to choose its topic (请选择主题分类). */
export function isRequestLine(line: string): boolean {
  return (
    line.length <= 160 &&
    /请.{0,12}(?:本文|此文|该文|本篇|本页).{0,12}选择.{0,12}主题|请.{0,4}选择.{0,8}主题分类|选择.{0,8}合适的主题/u.test(
      line,
    )
  );
}
