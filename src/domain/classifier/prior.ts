/**
 * The knowledge prior (先验知识): hand-written terms per topic, issuer patterns, 发文字号 codes and
 * cataloguing rules.
 * Written by colleagues in prior/*.json; this module reads and checks them and turns them into
 * pseudo-examples so that a model trained on no labelled data is the prior itself.
 */
import { message } from '../message';
import { ModelError } from './errors';

export interface PriorTermEntry {
  /** `一级\二级` for a sub-class, `一级` for area-level terms. */
  readonly path: string;
  readonly terms: readonly string[];
  /** Terms that alone nearly decide the topic. */
  readonly strong: readonly string[];
}

export interface PriorIssuerEntry {
  /** Substring of the issuer name; the longest matching pattern applies. */
  readonly pattern: string;
  readonly path: string;
  readonly weight: number;
}

/** A 发文字号 code (the issuing office's prefix before 〔year〕) and what the office publishes on. */
export interface PriorDocNumberEntry {
  /** The code's start (财税, 发改价格, 国卫): the longest listed prefix of a number's code applies. */
  readonly prefix: string;
  readonly path: string;
  readonly weight: number;
}

export interface PriorRule {
  readonly id: string;
  /** A few words a clerk reads for the convention (`节假日安排`); absent: the id. */
  readonly name?: string;
  readonly description: string;
  /** Regular expression tested on the title. */
  readonly titlePattern: string;
  /** `area-other` = `<best level-1>\其他`, else a topic path. */
  readonly target: string;
  readonly weight: number;
  readonly bodyPattern?: string;
  /**
   * 0 < share < 1: how often the catalogue follows this convention whatever the content says. The
   * linear weight cannot say it: a long notice's evidence outgrows any fixed weight.
   */
  readonly share?: number;
}

/** A clerk's quick list: broad words that point at a top-level class as a whole. */
export interface PriorLevel1Entry {
  readonly label1: string;
  readonly keywords: readonly string[];
}

export interface KnowledgePrior {
  readonly terms: readonly PriorTermEntry[];
  /** Words that hold a term by accident (人民政府 holds 民政): a term inside one does not count. */
  readonly neutral: readonly string[];
  readonly issuers: readonly PriorIssuerEntry[];
  readonly rules: readonly PriorRule[];
  /** Level-1 keywords (prior/level1.json), absent from priors written before it. */
  readonly level1?: readonly PriorLevel1Entry[];
  /** 发文字号 codes (prior/docnumbers.json), absent from priors written before it. */
  readonly docNumbers?: readonly PriorDocNumberEntry[];
}

/** The prior's files as parsed JSON; the last two are optional (priors written before them). */
export interface PriorFiles {
  readonly terms: unknown;
  readonly issuers: unknown;
  readonly rules: unknown;
  readonly level1?: unknown;
  readonly docNumbers?: unknown;
}

/** The file behind each part of the prior, in the order the model's data hash reads them. */
export const PRIOR_FILE_NAMES: { readonly [K in keyof PriorFiles]-?: string } = {
  terms: 'terms.json',
  issuers: 'issuers.json',
  rules: 'rules.json',
  level1: 'level1.json',
  docNumbers: 'docnumbers.json',
};

export const EMPTY_PRIOR: KnowledgePrior = { terms: [], neutral: [], issuers: [], rules: [] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
    throw new ModelError(message('priorFieldInvalid', { field: where }));
  }
  return (v as string[]).filter((s) => s.trim() !== '');
}

function entries(json: unknown, key: string, file: string): unknown[] {
  if (!isRecord(json)) throw new ModelError(message('priorFieldInvalid', { field: file }));
  const list = json[key];
  if (!Array.isArray(list))
    throw new ModelError(message('priorFieldInvalid', { field: `${file} ${key}` }));
  return list;
}

function shareOf(v: unknown, i: number): number {
  if (typeof v !== 'number' || !(v > 0 && v < 1)) {
    throw new ModelError(message('priorFieldInvalid', { field: `rules.json rules[${i}].share` }));
  }
  return v;
}

/**
 * The entries of a file that maps a string (`pattern`, `prefix`) to a path with a weight (1 when
 * absent): issuers.json and docnumbers.json.
 */
function weightedEntries(
  json: unknown,
  file: string,
  field: string,
): { readonly key: string; readonly path: string; readonly weight: number }[] {
  return entries(json, 'entries', file).map((e, i) => {
    const key = isRecord(e) ? e[field] : undefined;
    if (!isRecord(e) || typeof key !== 'string' || typeof e.path !== 'string') {
      throw new ModelError(message('priorFieldInvalid', { field: `${file} entries[${i}]` }));
    }
    return { key, path: e.path, weight: typeof e.weight === 'number' ? e.weight : 1 };
  });
}

/** Reads every prior file through `read` (file name → parsed JSON): the trainer's and the server's way. */
export function readPriorFiles(read: (file: string) => unknown): KnowledgePrior {
  const files = Object.fromEntries(
    Object.entries(PRIOR_FILE_NAMES).map(([part, file]) => [part, read(file)]),
  ) as unknown as PriorFiles;
  return readPrior(files);
}

/** Reads the prior files (already JSON-parsed); throws ModelError on a malformed file. */
export function readPrior({
  terms,
  issuers,
  rules,
  level1,
  docNumbers,
}: PriorFiles): KnowledgePrior {
  const termEntries = entries(terms, 'entries', 'terms.json').map((e, i): PriorTermEntry => {
    if (!isRecord(e) || typeof e.path !== 'string') {
      throw new ModelError(
        message('priorFieldInvalid', { field: `terms.json entries[${i}].path` }),
      );
    }
    return {
      path: e.path,
      terms: stringArray(e.terms ?? [], `terms.json ${e.path}.terms`),
      strong: stringArray(e.strong ?? [], `terms.json ${e.path}.strong`),
    };
  });
  const issuerEntries = weightedEntries(issuers, 'issuers.json', 'pattern').map(
    ({ key, path, weight }): PriorIssuerEntry => ({ pattern: key, path, weight }),
  );
  const ruleEntries = entries(rules, 'rules', 'rules.json').map((e, i): PriorRule => {
    if (!isRecord(e) || typeof e.titlePattern !== 'string' || typeof e.target !== 'string') {
      throw new ModelError(message('priorFieldInvalid', { field: `rules.json rules[${i}]` }));
    }
    return {
      id: typeof e.id === 'string' ? e.id : `rule-${i + 1}`,
      ...(typeof e.name === 'string' ? { name: e.name } : {}),
      description: typeof e.description === 'string' ? e.description : '',
      titlePattern: e.titlePattern,
      target: e.target,
      weight: typeof e.weight === 'number' ? e.weight : 1,
      ...(typeof e.bodyPattern === 'string' ? { bodyPattern: e.bodyPattern } : {}),
      ...(e.share === undefined ? {} : { share: shareOf(e.share, i) }),
    };
  });
  const neutral =
    isRecord(terms) && terms.neutral !== undefined
      ? stringArray(terms.neutral, 'terms.json neutral')
      : [];
  const level1Entries =
    level1 === undefined
      ? []
      : entries(level1, 'entries', 'level1.json').map((e, i): PriorLevel1Entry => {
          const label1 = isRecord(e) && typeof e.label1 === 'string' ? e.label1 : '';
          return {
            label1,
            keywords: stringArray(
              isRecord(e) ? e.keywords : null,
              `level1.json ${label1 || i + 1}`,
            ),
          };
        });
  const docNumberEntries =
    docNumbers === undefined
      ? []
      : weightedEntries(docNumbers, 'docnumbers.json', 'prefix').map(
          ({ key, path, weight }): PriorDocNumberEntry => ({ prefix: key, path, weight }),
        );
  return {
    terms: termEntries,
    neutral,
    issuers: issuerEntries,
    rules: ruleEntries,
    ...(level1Entries.length > 0 ? { level1: level1Entries } : {}),
    ...(docNumberEntries.length > 0 ? { docNumbers: docNumberEntries } : {}),
  };
}
