// Local codes: provinces add 项 (often under a `99` 款) that the national catalogue does not have. Users list
// them in a JSON file (budget-codes.json in the workspace, or `budget-lint --codes FILE`):
//   { "codes": [ { "code": "2109901", "name": "…", "valid": "2024-", "explanation": "…" } ] }
// The file is checked: every problem is reported with its line, valid entries are still used.
import { catalogue, classificationOf, levelOf, type Catalogue, type CatalogueEntry } from './catalogue.js';

export interface LocalCodeProblem {
  line: number;
  message: string;
}

export function parseLocalCodes(text: string, cat: Catalogue = catalogue()): { entries: CatalogueEntry[]; problems: LocalCodeProblem[] } {
  const problems: LocalCodeProblem[] = [];
  const entries: CatalogueEntry[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec(String((e as Error).message));
    const line = at ? text.slice(0, Number(at[1])).split('\n').length - 1 : 0;
    // the parser's own message quotes the file's bytes (control characters included, whatever the file is):
    // say where, not what
    const where = at ? `（第 ${line + 1} 行附近）` : '';
    return { entries, problems: [{ line, message: `本地科目文件不是有效的 JSON${where}` }] };
  }
  const list = (data as { codes?: unknown })?.codes;
  if (!Array.isArray(list)) return { entries, problems: [{ line: 0, message: '本地科目文件应为 { "codes": [ … ] }' }] };
  const lines = text.split('\n');
  const lineOf = (code: string) =>
    Math.max(
      0,
      lines.findIndex((l) => l.includes(`"${code}"`)),
    );
  for (const item of list as Record<string, unknown>[]) {
    const code = typeof item?.code === 'string' ? item.code : '';
    const name = typeof item?.name === 'string' ? item.name.trim() : '';
    const line = code ? lineOf(code) : 0;
    if (!/^\d+$/.test(code) || !levelOf(code)) {
      problems.push({ line, message: `编码「${code}」应为 3、5 或 7 位数字` });
      continue;
    }
    const cls = classificationOf(code);
    if (!cls) {
      problems.push({ line, message: `编码 ${code} 的类级不属于支出功能分类或经济分类` });
      continue;
    }
    if (!name) {
      problems.push({ line, message: `编码 ${code} 缺少名称（name）` });
      continue;
    }
    const valid = typeof item.valid === 'string' ? item.valid : '2007-';
    const m = /^(\d{4})-(\d{4})?$/.exec(valid);
    if (!m) {
      problems.push({ line, message: `编码 ${code} 的有效年度「${valid}」应写作 2024- 或 2020-2023` });
      continue;
    }
    const parent = code.length > 3 ? code.slice(0, code.length - 2) : undefined;
    if (parent && !cat.anyEdition(parent) && !list.some((x) => (x as { code?: string })?.code === parent)) {
      problems.push({ line, message: `编码 ${code} 的上级 ${parent} 既不在国家科目中，也不在本文件中` });
      continue;
    }
    entries.push({
      code,
      name,
      classification: cls,
      level: levelOf(code)!,
      from: Number(m[1]),
      to: m[2] ? Number(m[2]) : Infinity,
      former: [],
      complete: false,
      explanation: typeof item.explanation === 'string' ? item.explanation : `${name}（本地补充科目）`,
      source: '本地补充科目（budget-codes.json）',
    });
  }
  return { entries, problems };
}
