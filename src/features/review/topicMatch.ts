/**
 * Type-ahead over the 主题分类 taxonomy for the picker: a query matches either level, the aliases other
 * sites use, pinyin initials (mz → 民政…) and a few everyday words clerks think in (殡葬, 养老).
 */
import { TAXONOMY, topicKey, type Taxonomy, type TopicPath } from '../../domain/taxonomy/taxonomy';

export interface TopicOption {
  readonly path: TopicPath;
  /** topicKey(path), unique: usable as a React key and an option id. */
  readonly key: string;
  /** `一级 › 二级`, or `一级` alone. */
  readonly label: string;
}

interface IndexedOption extends TopicOption {
  readonly order: number;
  readonly leafName: string | null;
  readonly className: string;
  readonly classAliases: readonly string[];
  readonly leafAliases: readonly string[];
  readonly leafInitials: string | null;
  readonly classInitials: string;
  readonly keywords: readonly string[];
}

/**
 * Pinyin initials of every character used in the taxonomy's names, written by hand: a full pinyin table
 * would weigh more than the rest of the picker. Polyphones take the reading they have in these names
 * (行 in 行政 → x, 调 in 协调 → t). A test checks that every name is covered.
 */
const INITIALS_BY_LETTER: readonly (readonly [string, string])[] = [
  ['a', '安澳'],
  ['b', '不保办币标版播部'],
  ['c', '产出参场城察成查测财'],
  ['d', '动单地大对电的督'],
  ['e', '儿'],
  ['f', '妇房扶抚法福纺访防风'],
  ['g', '供公关国工广改构港管观规革'],
  ['h', '会划化合含宏护汇海环绘航货'],
  ['j', '交价军减境家就局建急技救教机检济监纠经节计金际'],
  ['k', '口开矿科空'],
  ['l', '利力劳旅林理路量'],
  ['m', '名密民煤牧目秘贸门'],
  ['n', '农内女能'],
  ['p', '品贫'],
  ['q', '侨全其券区权气轻'],
  ['r', '人然融'],
  ['s', '事史司商审属市水生石社税视设识食'],
  ['t', '他体厅台团土天条炭特童统铁通调'],
  ['w', '位务卫外委文物闻'],
  ['x', '乡信协息新械系行象险项销畜'],
  ['y', '与业优医员应影易有油洋渔游源用疫约育药议运邮银院验'],
  ['z', '之住作准制子宗政族正治灾直知组织综置证质资转造重障震'],
];

const INITIAL = new Map<string, string>(
  INITIALS_BY_LETTER.flatMap(([letter, chars]) => [...chars].map((c) => [c, letter] as const)),
);

/** Initials of a name, or null when a character is missing from the table. */
export function pinyinInitials(name: string): string | null {
  let out = '';
  for (const c of fold(name)) {
    if (/[a-z0-9()]/.test(c)) continue;
    const letter = INITIAL.get(c);
    if (letter === undefined) return null;
    out += letter;
  }
  return out;
}

/**
 * Everyday words → the leaf they usually mean. Kept short on purpose: the classifier carries the real
 * vocabulary; these only help a clerk who thinks of the subject rather than the category's name.
 */
const KEYWORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['民政、扶贫、救灾\\其他', ['殡葬', '婚姻登记', '福利彩票']],
  ['民政、扶贫、救灾\\社会福利', ['养老', '慈善', '低保', '社会救助', '残疾人', '儿童福利']],
  ['民政、扶贫、救灾\\减灾救灾', ['防汛', '防台', '灾害', '救灾物资']],
  ['民政、扶贫、救灾\\优抚安置', ['退役军人', '优抚', '烈士']],
  ['民政、扶贫、救灾\\扶贫', ['乡村振兴', '脱贫', '对口帮扶']],
  ['民政、扶贫、救灾\\社团管理', ['社会组织', '社团', '民办非企业']],
  ['卫生、体育\\卫生', ['疫情', '医院', '疾病', '防疫', '健康']],
  ['科技、教育\\教育', ['学校', '招生', '教师', '学生']],
  ['科技、教育\\知识产权', ['专利', '商标']],
  ['劳动、人事、监察\\社会保障', ['医保', '养老保险', '社保']],
  ['劳动、人事、监察\\劳动就业', ['就业', '工资', '劳动合同']],
  ['城乡建设、环境保护\\城乡建设（含住房）', ['住房', '物业', '房屋']],
  ['城乡建设、环境保护\\环境监测、保护与治理', ['污染', '垃圾', '生态环境']],
  ['财政、金融、审计\\税务', ['税收', '纳税']],
  ['国民经济管理、国有资产监管\\物价', ['价格', '收费标准']],
  ['市场监管、安全生产监管\\安全生产监管', ['消防', '安全生产', '隐患']],
  ['市场监管、安全生产监管\\食品药品监管', ['食品安全', '药品']],
]);

/** Folds what a clerk may type: full-width/ASCII forms, case, spaces and the 、 inside names. */
function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s、，,]+/g, '');
}

function optionLabel(path: TopicPath): string {
  return path.label2 === null ? path.label1 : `${path.label1} › ${path.label2}`;
}

const indexCache = new WeakMap<Taxonomy, readonly IndexedOption[]>();

function buildIndex(taxonomy: Taxonomy): readonly IndexedOption[] {
  const out: IndexedOption[] = [];
  for (const c of taxonomy.classes) {
    const classAliases = c.aliases.map(fold);
    const classInitials = pinyinInitials(c.name) ?? '';
    const leaves = c.children.length === 0 ? [null] : c.children;
    for (const s of leaves) {
      const path: TopicPath = { label1: c.name, label2: s?.name ?? null };
      const key = topicKey(path);
      out.push({
        path,
        key,
        label: optionLabel(path),
        order: out.length,
        leafName: s ? fold(s.name) : null,
        className: fold(c.name),
        classAliases,
        // An alias such as 组织机构-其他 spells the whole path; the query splitter handles those.
        leafAliases: (s?.aliases ?? []).map(fold).filter((a) => !/[\\/-]/.test(a)),
        leafInitials: s ? pinyinInitials(s.name) : null,
        classInitials,
        keywords: (KEYWORDS.get(key) ?? []).map(fold),
      });
    }
  }
  return out;
}

function indexOf(taxonomy: Taxonomy): readonly IndexedOption[] {
  let index = indexCache.get(taxonomy);
  if (!index) {
    index = buildIndex(taxonomy);
    indexCache.set(taxonomy, index);
  }
  return index;
}

/** Lower is better; null = this part of the query does not match the option. */
function partScore(part: string, o: IndexedOption): number | null {
  const leaf = o.leafName;
  if (leaf === part) return 0;
  if (leaf?.startsWith(part)) return 1;
  if (o.className === part || o.classAliases.includes(part)) return 2;
  if (leaf?.includes(part)) return 3;
  if (o.className.startsWith(part)) return 4;
  if (o.className.includes(part)) return 5;
  if (o.leafAliases.some((a) => a.includes(part)) || o.classAliases.some((a) => a.includes(part))) {
    return 6;
  }
  if (/^[a-z]+$/.test(part)) {
    if (o.leafInitials?.startsWith(part)) return 7;
    if (o.classInitials.startsWith(part)) return 8;
    if (o.leafInitials !== null && (o.classInitials + o.leafInitials).startsWith(part)) return 8;
  }
  if (o.keywords.includes(part)) return 9;
  if (o.keywords.some((k) => k.includes(part) || part.includes(k))) return 10;
  return null;
}

/** For a query that names both levels: the first part must match the class, the second the leaf. */
function levelsScore(first: string, second: string, o: IndexedOption): number | null {
  const classScore = partScore(first, {
    ...o,
    leafName: null,
    leafAliases: [],
    leafInitials: null,
    keywords: [],
  });
  if (classScore === null || o.leafName === null) return null;
  const leafScore = partScore(second, { ...o, className: '', classAliases: [], classInitials: '' });
  return leafScore === null ? null : classScore + leafScore;
}

function allPartsScore(parts: readonly string[], option: IndexedOption): number | null {
  let total = 0;
  for (const part of parts) {
    const s = partScore(part, option);
    if (s === null) return null;
    total += s;
  }
  return total;
}

/**
 * The options a query matches, best first (ties in taxonomy order). A query may name both levels,
 * separated by a space or any of \ / - › > (`民政 其他`, `民政扶贫救灾-其他`). Empty query: every leaf.
 */
export function matchTopics(query: string, taxonomy: Taxonomy = TAXONOMY): TopicOption[] {
  const index = indexOf(taxonomy);
  const parts = query
    .normalize('NFKC')
    .split(/[\s\\/>›|-]+/)
    .map(fold)
    .filter((p) => p !== '');
  if (parts.length === 0) return index.map(({ path, key, label }) => ({ path, key, label }));
  const scored: { option: IndexedOption; score: number }[] = [];
  const [first, second] = parts;
  for (const option of index) {
    const score =
      parts.length === 2 && first !== undefined && second !== undefined
        ? levelsScore(first, second, option)
        : allPartsScore(parts, option);
    if (score !== null) scored.push({ option, score });
  }
  scored.sort((a, b) => a.score - b.score || a.option.order - b.option.order);
  return scored.map(({ option: { path, key, label } }) => ({ path, key, label }));
}
