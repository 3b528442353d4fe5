/**
 * Schema checks for the knowledge prior (先验知识): the three JSON files are hand-edited by reviewers,
 * so these tests are what stops a typo in a path, an empty term or a catastrophic regex from reaching
 * the classifier.
 */
import { describe, expect, it } from 'vitest';
import { TAXONOMY, normaliseTopic, topicKey } from '../../taxonomy/taxonomy';
import termsJson from './terms.json';
import issuersJson from './issuers.json';
import rulesJson from './rules.json';
import level1Json from './level1.json';
import docNumbersJson from './docnumbers.json';
import { titleSubject } from '../featurise';
import { compileLexicon, docNumberPrefix, termMatches } from '../lexicon';
import { readPrior } from '../prior';
import { lexiconOf } from '../train';

interface TermEntry {
  path: string;
  terms: string[];
  strong: string[];
}

const termEntries: TermEntry[] = termsJson.entries;
const sharedTerms = new Set<string>(termsJson.shared);

/** Every path the prior may name: each class (area level), each sub-class, the top-level 其他. */
function allTaxonomyKeys(): string[] {
  return TAXONOMY.classes.flatMap((c) => [
    c.name,
    ...c.children.map((s) => `${c.name}\\${s.name}`),
  ]);
}

/** The canonical key of a path as written in the prior, or null when it is off the taxonomy. */
function canonical(raw: string): string | null {
  const result = normaliseTopic(raw);
  return result.ok ? topicKey(result.path) : null;
}

function label1Of(key: string): string {
  return key.split('\\')[0] ?? key;
}

/**
 * True when a regex source has a quantified group that itself contains a quantifier, e.g. `(a+)+` or
 * `(a|b*)*` — the shape that makes backtracking exponential. Also rejects back-references, which
 * defeat linear matching. Character classes and escapes are skipped so `[+*]` and `\+` do not count.
 */
function hasNestedQuantifier(source: string): boolean {
  const groupHasQuantifier: boolean[] = [];
  let lastClosedGroupHadQuantifier = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return true;
      i += 1;
      lastClosedGroupHadQuantifier = false;
      continue;
    }
    if (ch === '[') {
      const close = source.indexOf(']', i + 1);
      i = close === -1 ? source.length : close;
      lastClosedGroupHadQuantifier = false;
      continue;
    }
    if (ch === '(') {
      groupHasQuantifier.push(false);
      lastClosedGroupHadQuantifier = false;
      continue;
    }
    if (ch === ')') {
      lastClosedGroupHadQuantifier = groupHasQuantifier.pop() ?? false;
      continue;
    }
    const isQuantifier = ch === '*' || ch === '+' || ch === '{' || ch === '?';
    if (isQuantifier) {
      // A lazy/possessive marker after a quantifier is not a new quantifier.
      const prev = source[i - 1];
      const lazyMarker =
        ch === '?' && (prev === '*' || prev === '+' || prev === '?' || prev === '}');
      if (!lazyMarker) {
        if (lastClosedGroupHadQuantifier && ch !== '?') return true;
        if (groupHasQuantifier.length > 0) groupHasQuantifier[groupHasQuantifier.length - 1] = true;
      }
      if (ch === '{') {
        const close = source.indexOf('}', i);
        i = close === -1 ? source.length : close;
      }
      lastClosedGroupHadQuantifier = false;
      continue;
    }
    lastClosedGroupHadQuantifier = false;
  }
  return false;
}

describe('terms.json', () => {
  it('names only paths on the taxonomy, in canonical 一级\\二级 form', () => {
    const offTaxonomy = termEntries.filter((e) => canonical(e.path) !== e.path).map((e) => e.path);
    expect(offTaxonomy).toEqual([]);
  });

  it('has exactly one entry per class, per sub-class and for the top-level 其他', () => {
    const keys = termEntries.map((e) => e.path);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(allTaxonomyKeys().sort());
    expect(keys).toHaveLength(22 + 121);
  });

  it('gives every sub-class enough terms for the classifier to recognise it', () => {
    const thin = termEntries
      .filter((e) => e.path.includes('\\') && e.terms.length < 10)
      .map((e) => `${e.path} (${e.terms.length})`);
    expect(thin).toEqual([]);
  });

  it('gives every class area-level terms (the top-level 其他 may have few)', () => {
    const empty = termEntries
      .filter((e) => !e.path.includes('\\') && e.path !== '其他' && e.terms.length < 3)
      .map((e) => e.path);
    expect(empty).toEqual([]);
  });

  it('has no empty, padded or implausibly long terms', () => {
    const bad = termEntries.flatMap((e) =>
      [...e.terms, ...e.strong]
        .filter((t) => t.trim() !== t || t === '' || /\s/.test(t) || [...t].length > 16)
        .map((t) => `${e.path}: "${t}"`),
    );
    expect(bad).toEqual([]);
  });

  it('lists no term twice within one entry', () => {
    const dupes = termEntries.flatMap((e) => {
      const seen = new Set<string>();
      return e.terms
        .filter((t) => (seen.has(t) ? true : (seen.add(t), false)))
        .map((t) => `${e.path}: ${t}`);
    });
    expect(dupes).toEqual([]);
  });

  it('lists every strong term among the terms of the same entry', () => {
    const stray = termEntries.flatMap((e) =>
      e.strong.filter((s) => !e.terms.includes(s)).map((s) => `${e.path}: ${s}`),
    );
    expect(stray).toEqual([]);
  });

  it('reports a term placed under two different classes unless it is whitelisted as shared', () => {
    const classesOfTerm = new Map<string, Set<string>>();
    for (const e of termEntries) {
      for (const t of e.terms) {
        const classes = classesOfTerm.get(t) ?? new Set<string>();
        classes.add(label1Of(e.path));
        classesOfTerm.set(t, classes);
      }
    }
    const clashes = [...classesOfTerm]
      .filter(([t, classes]) => classes.size > 1 && !sharedTerms.has(t))
      .map(([t, classes]) => `${t}: ${[...classes].join(' | ')}`);
    expect(clashes).toEqual([]);
  });

  it('files the well-known ambiguous words where gov.cn catalogues them', () => {
    const pathsOf = (term: string): string[] =>
      termEntries.filter((e) => e.terms.includes(term)).map((e) => e.path);
    expect(pathsOf('医疗保险')).toEqual(['劳动、人事、监察\\社会保障']);
    expect(pathsOf('疫情防控')).toEqual(['卫生、体育\\卫生']);
    expect(pathsOf('优抚')).toEqual(['民政、扶贫、救灾\\优抚安置']);
    expect(pathsOf('婚姻登记')).toEqual(['民政、扶贫、救灾\\其他']);
    expect(pathsOf('行政复议')).toEqual(['公安、安全、司法\\司法']);
    // Small firms are served by banks, tax offices and market regulators as much as by industry.
    expect(pathsOf('小微企业')).toEqual([]);
  });

  it('reads no subject in the State Council addressee line, and no 卫生 in 医疗保障', () => {
    const lexicon = compileLexicon(
      lexiconOf(readPrior({ terms: termsJson, issuers: issuersJson, rules: rulesJson })),
    );
    const terms = (text: string): string[] => termMatches(text, lexicon).map((m) => m.term);
    expect(terms('各省、自治区、直辖市人民政府，国务院各部委、各直属机构：')).toEqual([]);
    expect(terms('关于调整国务院直属机构设置的通知')).toContain('直属机构');
    expect(terms('深化医疗保障制度改革')).toEqual(['医疗保障']);
    // A patent term, not industry: 工业品外观设计 is 知识产权 and no 工业 inside it counts.
    expect(terms('申请工业品外观设计国际注册')).toEqual(['工业品外观设计']);
  });
});

describe('issuers.json', () => {
  const entries = issuersJson.entries;

  it('maps every pattern to a path on the taxonomy', () => {
    const off = entries
      .filter((e) => canonical(e.path) !== e.path)
      .map((e) => `${e.pattern} → ${e.path}`);
    expect(off).toEqual([]);
  });

  it('has unique, non-empty patterns without spaces', () => {
    const patterns = entries.map((e) => e.pattern);
    expect(patterns.filter((p) => p.trim() === '' || /\s/.test(p))).toEqual([]);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('keeps weights in (0, 3] and generic government offices weak', () => {
    expect(entries.filter((e) => !(e.weight > 0 && e.weight <= 3)).map((e) => e.pattern)).toEqual(
      [],
    );
    const generic = entries.filter((e) =>
      ['人民政府', '人民政府办公厅', '人民政府办公室', '国务院办公厅'].includes(e.pattern),
    );
    expect(generic.length).toBeGreaterThan(0);
    expect(generic.every((e) => e.weight <= 0.3)).toBe(true);
  });

  it('lets the longest pattern decide a real issuer name', () => {
    const longest = (issuer: string): string | undefined =>
      entries
        .filter((e) => issuer.includes(e.pattern))
        .sort((a, b) => b.pattern.length - a.pattern.length)[0]?.path;
    expect(longest('上海市崇明区民政局')).toBe('民政、扶贫、救灾');
    expect(longest('国家卫生健康委员会')).toBe('卫生、体育\\卫生');
    expect(longest('国务院国有资产监督管理委员会')).toBe(
      '国民经济管理、国有资产监管\\国有资产监管',
    );
    expect(longest('某某县人民政府办公室')).toBe('综合政务');
  });
});

describe('docnumbers.json', () => {
  const entries = docNumbersJson.entries;
  const lexicon = compileLexicon(
    lexiconOf(
      readPrior({
        terms: termsJson,
        issuers: issuersJson,
        rules: rulesJson,
        docNumbers: docNumbersJson,
      }),
    ),
  );
  const pathOf = (docNumber: string): string | undefined => {
    const prefix = docNumberPrefix(docNumber, lexicon);
    return entries.find((e) => e.prefix === prefix)?.path;
  };

  it('maps unique, non-empty codes to paths on the taxonomy, with weights in (0, 3]', () => {
    expect(entries.filter((e) => canonical(e.path) !== e.path).map((e) => e.prefix)).toEqual([]);
    const prefixes = entries.map((e) => e.prefix);
    expect(prefixes.filter((p) => p.trim() === '' || /[\s〔〕\d]/.test(p))).toEqual([]);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(entries.filter((e) => !(e.weight > 0 && e.weight <= 3))).toEqual([]);
  });

  it("reads a ministry department's code, the longest listed prefix first", () => {
    expect(pathOf('财税〔2023〕2号')).toBe('财政、金融、审计\\税务');
    expect(pathOf('发改价格规〔2021〕1号')).toBe('国民经济管理、国有资产监管\\物价');
    expect(pathOf('发改外资〔2021〕5号')).toBe('国民经济管理、国有资产监管');
    expect(pathOf('交公路发〔2021〕12号')).toBe('工业、交通\\公路');
    expect(pathOf('交运发〔2021〕12号')).toBe('工业、交通');
  });

  it("says nothing of the State Council's general offices, local governments, or a number without a year", () => {
    for (const n of [
      '国发〔2019〕4号',
      '国办发〔2021〕12号',
      '国函〔2020〕1号',
      '国办函〔2005〕21号',
      '沪崇民〔2020〕10号',
      '京政发〔2020〕1号',
      '冀政办字〔2021〕3号',
      '财税2023年2号',
    ]) {
      expect(docNumberPrefix(n, lexicon), n).toBeNull();
    }
  });
});

describe('rules.json', () => {
  const rules = rulesJson.rules;

  it("names every convention that takes a share, for the clerk who is told of an office's habit", () => {
    const unnamed = rules.filter(
      (r) => 'share' in r && !('name' in r && typeof r.name === 'string' && r.name.trim() !== ''),
    );
    expect(unnamed.map((r) => r.id)).toEqual([]);
  });

  it('gives a share only as a probability strictly between 0 and 1', () => {
    const off = rules.filter(
      (r) => 'share' in r && !(typeof r.share === 'number' && r.share > 0 && r.share < 1),
    );
    expect(off.map((r) => r.id)).toEqual([]);
  });

  it("files the holiday arrangement in one place: its terms sit under the rule's target only", () => {
    const target = rules.find((r) => r.id === 'holiday-arrangement')?.target;
    const holders = termEntries
      .filter((e) => e.terms.some((t) => t === '节假日安排' || t === '放假安排'))
      .map((e) => e.path);
    expect(holders).toEqual([target]);
  });

  it('has unique ids and a description for each rule', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rules.filter((r) => r.description.trim() === '').map((r) => r.id)).toEqual([]);
  });

  it('targets a taxonomy path or area-other', () => {
    const off = rules
      .filter((r) => r.target !== 'area-other' && canonical(r.target) !== r.target)
      .map((r) => `${r.id} → ${r.target}`);
    expect(off).toEqual([]);
  });

  it('compiles every pattern and keeps it linear-safe (no nested quantifiers)', () => {
    for (const r of rules) {
      const sources =
        'bodyPattern' in r && typeof r.bodyPattern === 'string'
          ? [r.titlePattern, r.bodyPattern]
          : [r.titlePattern];
      for (const source of sources) {
        expect(() => new RegExp(source), r.id).not.toThrow();
        expect(hasNestedQuantifier(source), `${r.id}: ${source}`).toBe(false);
      }
    }
  });

  it('recognises nested quantifiers, so the linear-safety check can fail', () => {
    expect(hasNestedQuantifier('(a+)+')).toBe(true);
    expect(hasNestedQuantifier('(规划|计划.*)+')).toBe(true);
    expect(hasNestedQuantifier('(a)\\1')).toBe(true);
    expect(hasNestedQuantifier('调整.{0,12}(委员会|联席会议)')).toBe(false);
    expect(hasNestedQuantifier('[+*](ab)+')).toBe(false);
  });

  /**
   * Each convention, on the title's subject as the featuriser reads it (issuer and 关于 blanked,
   * genre ending blanked): titles it is written for, and near misses it must leave alone.
   */
  const cases: Record<string, { fires: string[]; not: string[] }> = {
    'proposal-reply': {
      fires: [
        '关于政协十四届全国委员会第二次会议第01234号（农业水利类112号）提案答复的函',
        '对十四届全国人大一次会议第3456号建议的答复',
        '关于市十七届人大三次会议代表建议办理情况的函',
      ],
      not: [
        '国务院办公厅关于科技节水建议的复函',
        '关于进一步做好建议提案工作的意见稿征求意见的通知',
      ],
    },
    'annual-work-plan': {
      fires: ['2024年区民政局工作要点', '关于印发2023年全市教育工作要点的通知'],
      not: [
        '关于做好2024年春耕生产工作的通知',
        '国务院关于2023年度中央预算执行和其他财政收支的审计工作报告',
      ],
    },
    'coordinating-body': {
      fires: [
        '关于调整省安全生产委员会组成人员的通知',
        '关于成立区乡村振兴工作领导小组的通知',
        '国务院办公厅关于同意建立数字经济发展部际联席会议制度的函',
        '关于调整区防汛抗旱指挥部组成人员的通知',
        '国务院办公厅关于成立国务院食品安全委员会的通知',
      ],
      not: [
        '关于调整市卫生健康委员会收费标准的通知',
        '区防汛领导小组办公室关于做好汛期值班的通知',
        '关于加强市卫生健康委员会工作的意见',
      ],
    },
    'industry-safety': {
      fires: [
        '关于进一步加强煤矿安全生产工作的实施意见',
        '关于开展城镇燃气安全隐患排查整治的通知',
        '关于开展非煤矿山安全督导的通知',
        '关于改革矿山安全监察体制的意见',
      ],
      not: [
        '关于进一步加强内河交通安全管理的通知',
        '关于加快推进煤矿智能化发展的指导意见',
        '国务院办公厅关于调整国务院安全生产委员会组成人员的通知',
        '关于加强特种设备安全监察工作的通知',
      ],
    },
    'market-order': {
      fires: ['关于印发成品油市场秩序专项整治方案的通知', '关于严厉打击传销活动的通知'],
      not: ['关于推动成品油流通高质量发展的意见'],
    },
    'product-quality': {
      fires: ['关于开展儿童用品产品质量监督抽查的通知'],
      not: ['关于推动高质量发展的意见'],
    },
    'three-determinations': {
      fires: ['生态环境部职能配置、内设机构和人员编制规定'],
      not: ['关于加强生态环境监测机构监督管理的通知'],
    },
    'government-rules': {
      fires: ['国务院关于印发《国务院工作规则》的通知', '关于市政府领导同志工作分工的通知'],
      not: ['关于印发农业农村部工作要点的通知'],
    },
    'regulation-cleanup': {
      fires: ['国务院关于修改和废止部分行政法规的决定', '关于开展规范性文件清理工作的通知'],
      not: ['关于加强行政规范性文件制定和监督管理工作的通知'],
    },
    'approval-reform': {
      fires: ['国务院关于取消和下放一批行政许可事项的决定'],
      not: ['关于优化行政许可服务的通知'],
    },
    'holiday-arrangement': {
      fires: ['国务院办公厅关于2025年部分节假日安排的通知'],
      not: ['关于做好节假日期间安全生产工作的通知'],
    },
    appointment: {
      fires: ['国务院关于张三等同志职务任免的通知', '关于任命李四为市统计局局长的通知'],
      not: ['关于做好公务员考核工作的通知'],
    },
    'overall-emergency-plan': {
      fires: ['国务院关于印发国家突发公共事件总体应急预案的通知'],
      not: ['关于印发河北省突发地质灾害应急预案的通知'],
    },
    'price-setting': {
      fires: ['关于调整城市供水价格的通知', '关于核定高速公路车辆通行费收费标准的批复'],
      not: ['关于加强价格监测预警工作的意见'],
    },
    'city-plan-approval': {
      fires: ['国务院关于西宁市城市总体规划的批复', '关于某某片区控制性详细规划修改的批复'],
      not: ['关于印发全市乡村振兴规划的通知'],
    },
    'admin-division': {
      fires: ['关于某某路道路命名的公告', '关于启用某某县新门牌的通知'],
      not: ['关于设立产业投资基金的通知'],
    },
    'admin-division-change': {
      fires: [
        '国务院关于同意撤销某某县设立县级某某市的批复',
        '关于同意某某县撤乡设镇的批复',
        '关于调整某某市部分行政区划的批复',
      ],
      not: ['关于设立产业投资基金的通知', '关于同意设立某某国家级新区的批复'],
    },
    'audit-report': {
      fires: [
        '国务院关于2023年度中央预算执行和其他财政收支的审计工作报告',
        '国务院关于2022年度中央预算执行和其他财政收支审计查出问题整改情况的报告',
      ],
      not: ['关于加强审计工作的意见', '关于2023年中央决算的报告'],
    },
    'house-expropriation': {
      fires: ['某某区人民政府房屋征收决定'],
      not: ['关于征收城镇土地使用税的通知'],
    },
    'standard-release': {
      fires: ['关于发布《餐饮服务规范》等5项地方标准的公告', '关于加强标准化工作的意见'],
      not: ['关于提高城乡低保标准的通知'],
    },
    'statistics-bulletin': {
      fires: ['2023年国民经济和社会发展统计公报', '关于开展第五次全国经济普查的通知'],
      not: ['关于加强统计工作的意见'],
    },
    'five-year-plan': {
      fires: ['关于2023年国民经济和社会发展计划执行情况的报告'],
      not: ['关于印发十四五旅游业发展规划的通知'],
    },
  };

  it('has a case for every convention, and none for a convention that does not exist', () => {
    expect(Object.keys(cases).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  for (const [id, { fires, not }] of Object.entries(cases)) {
    it(`${id}: fires on the titles it is written for and not on near misses`, () => {
      const rule = rules.find((r) => r.id === id);
      expect(rule, id).toBeDefined();
      const pattern = new RegExp(rule?.titlePattern ?? '(?!)', 'u');
      for (const title of fires) expect(pattern.test(titleSubject(title)), title).toBe(true);
      for (const title of not) expect(pattern.test(titleSubject(title)), title).toBe(false);
    });
  }
});

describe('level1.json', () => {
  const classes = TAXONOMY.classes.map((c) => c.name);

  it('has one entry for each top-level class, and names no other', () => {
    expect(level1Json.entries.map((e) => e.label1).sort()).toEqual([...classes].sort());
  });

  it('gives each class keywords, none empty, padded or listed under two classes', () => {
    const seen = new Map<string, string>();
    for (const e of level1Json.entries) {
      expect(e.keywords.length, e.label1).toBeGreaterThan(0);
      for (const k of e.keywords) {
        expect(k, e.label1).toBe(k.trim());
        expect(k.length, e.label1).toBeGreaterThan(1);
        expect(seen.get(k), `${k}: ${e.label1}`).toBeUndefined();
        seen.set(k, e.label1);
      }
    }
  });
});
