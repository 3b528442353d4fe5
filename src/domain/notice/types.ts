/**
 * The structured record of a government notice (公文), with spans into the text as given.
 * Contract shared by the parser, the classifier and the desk.
 */
import type { TopicPath } from '../taxonomy/taxonomy';

/**
 * Half-open range [start, end) of UTF-16 code units into `ParsedNotice.text`, which is exactly
 * the string given to `parseNotice` (no newline or width normalisation), so highlights never drift.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A piece of the notice: its text (trimmed) and where it stands. */
export interface TextPart {
  readonly text: string;
  readonly span: Span;
}

/** Header fields the desk knows by name; every other `label: value` line is kept as 'other'. */
export type HeaderKey =
  | 'indexNo' // 索引号
  | 'topic' // 主题分类
  | 'issuer' // 公开主体 / 发布机构 / 发文机关
  | 'docNumber' // 发文字号
  | 'writtenDate' // 成文日期
  | 'publishDate' // 发布日期
  | 'effectiveDate' // 生效日期
  | 'expiryDate' // 失效日期
  | 'title' // 标题
  | 'other';

export interface HeaderField {
  readonly key: HeaderKey;
  /** The label as written, spaces removed (`标  题` → `标题`). */
  readonly label: string;
  /** The value, trimmed; '' when the page left it empty. */
  readonly value: string;
  readonly labelSpan: Span;
  /** null when the value is empty. */
  readonly valueSpan: Span | null;
}

export interface NoticeDate {
  readonly raw: string;
  /** YYYY-MM-DD, or null when the raw text is not a valid date. */
  readonly iso: string | null;
  readonly span: Span | null;
}

/** 发文字号 such as 沪崇民〔2020〕10号. */
export interface DocNumber {
  readonly raw: string;
  /** With 〔〕 for the year whatever brackets the copy used. */
  readonly normalised: string;
  readonly span: Span | null;
}

export type SectionMarker =
  | 'chinese' // 一、 (and 第一章, 第一节 above it)
  | 'article' // 第一条 of a 办法, 条例 or 规定
  | 'paren' // （一）
  | 'arabic' // 1. or 1、
  | 'lead'; // a paragraph opening with a short lead phrase ending in 。 (村居治理。…)

/** A work point and its sub-points. */
export interface Section {
  readonly marker: SectionMarker;
  /** The marker as written (`一、`, `（一）`, `1.`, `第三条`); '' for a lead phrase. */
  readonly label: string;
  /**
   * The heading without its marker (`全力做好新冠肺炎疫情防控工作`, `村居治理`); an item that is one
   * sentence (一、原则同意…。, 第一条 为了…，制定本办法。) is its own heading.
   */
  readonly heading: string;
  readonly headingSpan: Span;
  /** From the marker to the end of the section's last paragraph, children included. */
  readonly span: Span;
  /** 1 for top-level sections. */
  readonly depth: number;
  /**
   * true for a section in an attachment (附件) after the notice proper; absent for the notice's own.
   * Optional so that sections built by hand elsewhere (test fixtures) need not say it.
   */
  readonly inAttachment?: true;
  readonly children: readonly Section[];
}

export interface ParsedNotice {
  readonly text: string;
  readonly header: { readonly fields: readonly HeaderField[]; readonly span: Span } | null;
  /** 索引号 */
  readonly indexNo: string | null;
  /** 主题分类 as written in the header. WARNING: never an input to the classifier. */
  readonly topicRaw: string | null;
  /** topicRaw normalised to the taxonomy; null when absent or not on the taxonomy. */
  readonly topic: TopicPath | null;
  /** 公开主体 / 发布机构 / 发文机关 from the header, else the signature, else the title. */
  readonly issuer: TextPart | null;
  readonly docNumber: DocNumber | null;
  readonly dates: {
    readonly written: NoticeDate | null; // 成文日期 (else the signature date)
    readonly published: NoticeDate | null; // 发布日期
    readonly effective: NoticeDate | null; // 生效日期
    readonly expiry: NoticeDate | null; // 失效日期
  };
  readonly title: TextPart | null;
  /** 主送机关: the line ending in ：. */
  readonly addressee: TextPart | null;
  readonly coverLetter: TextPart | null;
  readonly signature: {
    readonly issuer: TextPart | null;
    readonly date: NoticeDate | null;
    readonly span: Span;
  } | null;
  readonly preamble: TextPart | null;
  readonly sections: readonly Section[];
  /** 附件：… lines. */
  readonly attachments: readonly TextPart[];
  /** Page furniture (打印本页, 关闭窗口, 分享到, a stray request line): not part of the notice. */
  readonly furniture: readonly TextPart[];
  /** The notice proper: everything after the header, furniture excluded at its ends. */
  readonly body: Span;
}
