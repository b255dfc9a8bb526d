// What a subject code means, as Markdown (hover, `budget-lint explain`) and as JSON (`explain --format json`).
import { catalogue, CLASSIFICATION_NAME, CURRENT_YEAR, type Catalogue, type CatalogueEntry } from './catalogue.js';
import { message, type Locale } from '../checks/messages.js';

export interface Explanation {
  code: string;
  name: string;
  classification: string;
  level: string;
  path: { code: string; name: string }[];
  explanation: string;
  related: { code: string; name: string; relation: string }[];
  valid: string;
  formerNames: string[];
  source: string;
}

/**
 * The national 款 a province's own 7-digit economic code refines (重庆's 3010201 under 30102 津贴补贴): the national
 * economic classifications stop at 款, so such a code is a local extension, explained by the 款 it belongs to.
 */
export function localRefinementOf(code: string, year = CURRENT_YEAR, cat: Catalogue = catalogue()): CatalogueEntry | undefined {
  if (code.length !== 7 || cat.anyEdition(code) || !/^[35]/.test(code)) return undefined;
  const parent = cat.lookup(code.slice(0, 5), year) ?? cat.anyEdition(code.slice(0, 5));
  return parent && parent.classification !== 'function' ? parent : undefined;
}

export function explainCode(code: string, year = CURRENT_YEAR, cat: Catalogue = catalogue()): Explanation | undefined {
  const e = cat.lookup(code, year) ?? cat.anyEdition(code);
  if (!e) {
    const parent = localRefinementOf(code, year, cat);
    if (!parent) return undefined;
    return {
      code,
      name: '地方细化科目',
      classification: CLASSIFICATION_NAME[parent.classification],
      level: '项',
      path: [...cat.path(parent.code, year).map((p) => ({ code: p.code, name: cat.nameIn(p, year) })), { code, name: '地方细化科目' }],
      explanation: `国家${CLASSIFICATION_NAME[parent.classification]}只设到款级；${code} 是地方在 ${parent.code} ${cat.nameIn(parent, year)} 下自行细分的项，含义见其上级：${parent.explanation}`,
      related: [],
      valid: `${parent.from}年${parent.to === Infinity ? '起' : `—${parent.to}年`}`,
      formerNames: [],
      source: '地方自设的细化科目（不在财政部《政府收支分类科目》中）',
    };
  }
  const related: Explanation['related'] = [];
  if (e.classification === 'economic-department') {
    const m = cat.mappingOf(code);
    for (const [who, codes] of [
      ['机关', m?.agency ?? []],
      ['事业单位', m?.institution ?? []],
    ] as const) {
      for (const g of codes) {
        const ge = cat.lookup(g, year) ?? cat.anyEdition(g);
        if (ge) related.push({ code: g, name: ge.name, relation: `政府预算经济分类（${who}）` });
      }
    }
  } else if (e.classification === 'economic-government') {
    for (const d of cat.all().filter((x) => x.classification === 'economic-department' && x.level === e.level)) {
      const m = cat.mappingOf(d.code);
      if (m && (m.agency.includes(code) || m.institution.includes(code)) && !related.some((r) => r.code === d.code)) {
        related.push({ code: d.code, name: d.name, relation: '部门预算经济分类' });
      }
    }
  }
  return {
    code,
    name: cat.nameIn(e, year),
    classification: CLASSIFICATION_NAME[e.classification],
    level: e.level,
    path: cat.path(code, year).map((p) => ({ code: p.code, name: cat.nameIn(p, year) })),
    explanation: e.explanation,
    related,
    valid: `${e.from}年${e.to === Infinity ? '起' : `—${e.to}年`}`,
    formerNames: e.former.map((f) => `${f.name}（${f.from}—${f.to}年）`),
    source: e.source,
  };
}

/**
 * The explanation as Markdown. The catalogue's names and explanations are Chinese only (they are the official
 * names); in English the labels around them are English and the classification and level are named in both.
 */
export function explanationMarkdown(x: Explanation, locale: Locale = 'zh'): string {
  const classKey = (Object.keys(CLASSIFICATION_NAME) as (keyof typeof CLASSIFICATION_NAME)[]).find(
    (k) => CLASSIFICATION_NAME[k] === x.classification,
  );
  const classification = locale === 'en' && classKey ? message('en', `class-${classKey}`) : x.classification;
  const level = locale === 'en' ? `${LEVEL_EN[x.level] ?? x.level} (${x.level})` : x.level;
  const lines = [
    locale === 'en' ? `**${x.code} ${x.name}** (${classification} · ${level})` : `**${x.code} ${x.name}**（${classification} · ${level}）`,
    '',
    x.path.map((p) => `${p.name}（${p.code}）`).join(' › '),
    '',
    x.explanation,
    '',
    `- ${message(locale, 'explain-valid', { valid: locale === 'en' ? validEn(x.valid) : x.valid })}`,
  ];
  if (x.formerNames.length) lines.push(`- ${message(locale, 'explain-former', { names: x.formerNames.join('；') })}`);
  for (const r of x.related.slice(0, 24))
    lines.push(`- ${message(locale, 'explain-related', { relation: r.relation, code: r.code, name: r.name })}`);
  lines.push(`- ${message(locale, 'explain-source', { source: x.source })}`);
  return lines.join('\n');
}

const LEVEL_EN: Record<string, string> = { 类: 'class', 款: 'section', 项: 'item' };

/** `2018年起` → `from 2018`, `2018—2020年` → `2018–2020`: the validity as `explainCode` words it, in English. */
function validEn(valid: string): string {
  const open = /^(\d{4})年起$/.exec(valid);
  if (open) return `from ${open[1]}`;
  const closed = /^(\d{4})—(\d{4})年$/.exec(valid);
  return closed ? `${closed[1]}–${closed[2]}` : valid;
}

/** Why an unknown code might be meant as another: its parent and the parent's children. */
export function nearest(
  code: string,
  year = CURRENT_YEAR,
  cat: Catalogue = catalogue(),
): { parent?: CatalogueEntry; siblings: CatalogueEntry[] } {
  for (let n = code.length - 2; n >= 3; n -= 2) {
    const parent = cat.lookup(code.slice(0, n), year);
    if (parent) return { parent, siblings: cat.children(parent.code, year) };
  }
  return { siblings: [] };
}
