// The budget's composition as a document's own tables print it, for the charts of the report and the preview:
// expenditure by function 类, basic against project expenditure, and the “三公” items. Read only where the table says
// so unambiguously (a 类 row with a figure in a column headed 合计; a column headed 基本支出 or 项目支出; a column or
// row that names one 三公 item and no other) — a chart drawn from a guess would mislead more than no chart.
// Figures stay decimal strings; only the page that draws them turns them into numbers.
import Decimal from 'decimal.js';
import type { DisclosureDocument, Table } from '../model/types.js';
import { tableSet } from '../parse/tableSet.js';
import { buildTableView, type RowView, type TableView } from '../checks/tableView.js';

export interface Slice {
  /** What the slice is: a message id (report-basic …) or a 类 as printed (`201 一般公共服务支出`). */
  label: string;
  /** Set when `label` is a message id to translate. */
  labelId?: boolean;
  value: string;
}

export interface Composition {
  /** The unit the figures are in (the table's). */
  unit?: string;
  byClass?: { table: string; unit?: string; slices: Slice[] };
  basicProject?: { table: string; unit?: string; slices: Slice[] };
  sangong?: { table: string; unit?: string; slices: Slice[] };
}

const clean = (s: string) =>
  s
    .replace(/[\s\u3000]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');

function usable(view: TableView): RowView[] {
  return view.rows.filter((r) => !view.ambiguous.has(r));
}

/** The column headed 合计/总计 (the first), else the only figure column. */
function totalColumn(view: TableView): number | undefined {
  const total = view.columns.find((c) => /合计|总计/.test(c.text));
  if (total) return total.key;
  return view.columns.length === 1 ? view.columns[0].key : undefined;
}

function titleOf(t: Table): string {
  return [t.number, t.title].filter(Boolean).join(' ');
}

/** Expenditure by 类: the 3-digit function codes (2xx) of the table, each once, in the table's order. */
function byClass(view: TableView): Slice[] | undefined {
  const key = totalColumn(view);
  if (key === undefined) return undefined;
  const slices: Slice[] = [];
  const seen = new Set<string>();
  for (const r of usable(view)) {
    if (!r.code || !/^2\d\d$/.test(r.code) || seen.has(r.code)) continue;
    const cell = r.values.get(key);
    if (!cell?.value) continue;
    seen.add(r.code);
    const name = r.label?.text ?? '';
    slices.push({ label: `${r.code} ${name}`.trim(), value: cell.value.toString() });
  }
  return slices.length ? slices : undefined;
}

/** 基本支出 and 项目支出: the sums of the 类 rows in the columns so headed (never a `其中` column). */
function basicProject(view: TableView): Slice[] | undefined {
  const column = (word: RegExp) => view.columns.filter((c) => word.test(c.text) && !/其中/.test(c.text));
  const basic = column(/基本支出/);
  const project = column(/项目支出/);
  if (basic.length !== 1 || project.length !== 1) return undefined;
  const classes = usable(view).filter((r) => r.code && /^2\d\d$/.test(r.code));
  if (classes.length === 0) return undefined;
  const sum = (key: number) => classes.reduce((s, r) => s.plus(r.values.get(key)?.value ?? 0), new Decimal(0));
  return [
    { label: 'report-basic', labelId: true, value: sum(basic[0].key).toString() },
    { label: 'report-project', labelId: true, value: sum(project[0].key).toString() },
  ];
}

const SANGONG: { id: string; word: RegExp }[] = [
  { id: 'report-abroad', word: /因公出国/ },
  { id: 'report-reception', word: /公务接待/ },
  { id: 'report-vehicle-purchase', word: /购置/ },
  { id: 'report-vehicle-running', word: /运行/ },
];

/** The 三公 items, from columns that each name one item (the one-row table) or rows that do (one row per item). */
function sangong(view: TableView): Slice[] | undefined {
  const rows = usable(view);
  const only = (text: string) => {
    // the group heading 公务用车购置及运行费 names both vehicle items: it says nothing about which one a column is
    const words = clean(text).replace(/购置及运行费?/g, '');
    const hits = SANGONG.filter((s) => s.word.test(words));
    return hits.length === 1 ? hits[0] : undefined;
  };
  const out = new Map<string, string>();
  // one row per item: a row whose label names one item, its figure in the total column
  const key = totalColumn(view);
  for (const r of rows) {
    const item = r.label ? only(r.label.text) : undefined;
    const v = key !== undefined ? r.values.get(key)?.value : undefined;
    if (item && v && !out.has(item.id)) out.set(item.id, v.toString());
  }
  if (out.size < 2) {
    out.clear();
    // one row, a column per item: the column's header words (every row of the header) must name one item only — a
    // header the converter merged (`因公出国(境)费/购置费`) names two and is not read
    const withFigures = rows.filter((r) => [...r.values.values()].some((c) => c.value));
    if (withFigures.length !== 1) return undefined;
    for (const c of view.columns) {
      const item = only(c.header.join(''));
      const v = withFigures[0].values.get(c.key)?.value;
      if (item && v && !out.has(item.id)) out.set(item.id, v.toString());
    }
  }
  if (out.size < 2) return undefined;
  return SANGONG.filter((s) => out.has(s.id)).map((s) => ({ label: s.id, labelId: true, value: out.get(s.id)! }));
}

/** What the document's own tables say about its composition; parts it cannot read are left out. */
export function composition(doc: DisclosureDocument): Composition {
  const present = tableSet(doc).present;
  const out: Composition = {};
  const money = (kind: string) => (present.get([...present.keys()].find((s) => s.kind === kind)!) ?? []).filter((t) => t.kind === 'money');
  // the general-budget function table first (every kind has it); the 支出总表 when that cannot be read
  for (const t of [...money('一般公共预算支出表'), ...money('支出总表')]) {
    const view = buildTableView(t);
    const slices = byClass(view);
    if (!slices) continue;
    out.byClass = { table: titleOf(t), unit: t.unit, slices };
    const split = basicProject(view);
    if (split) out.basicProject = { table: titleOf(t), unit: t.unit, slices: split };
    break;
  }
  for (const t of money('三公经费表')) {
    const slices = sangong(buildTableView(t));
    if (slices) {
      out.sangong = { table: titleOf(t), unit: t.unit, slices };
      break;
    }
  }
  return out;
}
