// The outline tree: parts › sections › subsections, with tables as leaves of the section they sit in.
// Nesting follows the numbering, not only the style: `一、` restarting after `二、` is a nested list, and
// `三、` after that nested list closes it again because it continues the outer sequence.
import type { LexLine } from './lex.js';
import type { Heading, HeadingStyle, OutlineNode, Table, Toc } from '../model/types.js';

const STYLE_RANK: Record<Exclude<HeadingStyle, 'markdown'>, number> = { part: 10, cn: 20, 'paren-cn': 30, arabic: 40, 'paren-arabic': 50 };

function rank(h: Heading): number {
  if (h.style !== 'markdown') return STYLE_RANK[h.style];
  // unnumbered Markdown headings: # and ## are document titles; deeper ones sit between 一、 and （一）
  return h.markdownDepth <= 2 ? h.markdownDepth - 1 : 20 + h.markdownDepth / 10;
}

interface Open {
  node: OutlineNode;
  rank: number;
  heading?: Heading;
  parent?: Open;
}

export function headingName(h: Heading): string {
  if (!h.label) return h.title;
  const sep = /部分$|[.．]$/.test(h.label) ? ' ' : '';
  return h.label + sep + h.title;
}

export function tableName(t: Table): string {
  let title = t.title;
  if (!title) {
    const head = t.headerRows[0]?.cells
      .map((c) => c.text)
      .filter(Boolean)
      .slice(0, 3)
      .join(' / ');
    title = head ? `（表格：${head.length > 30 ? head.slice(0, 30) + '…' : head}）` : '（表格）';
  }
  const unit = t.unit ? ` · ${t.unit}` : '';
  return `${t.number ? t.number + ' ' : ''}${title}${unit}`;
}

export function buildOutline(lines: LexLine[], headings: Heading[], tables: Table[], tocs: Toc[]): OutlineNode[] {
  const root: OutlineNode = { kind: 'document', name: '', range: zero(), selectionRange: zero(), children: [] };
  const rootOpen: Open = { node: root, rank: -1 };
  const stack: Open[] = [rootOpen];
  const lastOfStyle = new Map<HeadingStyle, Open>();

  const lastContentLine = (before: number): number => {
    let k = before - 1;
    while (k > 0 && lines[k].blank) k--;
    return Math.max(k, 0);
  };
  const close = (o: Open, nextLine: number): void => {
    const end = lastContentLine(nextLine);
    const endLine = Math.max(end, o.node.selectionRange.start.line);
    o.node.range = { start: o.node.range.start, end: { line: endLine, character: lines[endLine]?.text.length ?? 0 } };
  };
  const popTo = (target: Open, line: number): void => {
    while (stack[stack.length - 1] !== target) close(stack.pop()!, line);
  };
  const top = (): Open => stack[stack.length - 1];

  type Event = { line: number; heading?: Heading; table?: Table; toc?: Toc };
  const events: Event[] = [
    ...headings.map((h) => ({ line: h.line, heading: h })),
    ...tables.map((t) => ({ line: t.range.start.line, table: t })),
    ...tocs.map((t) => ({ line: t.range.start.line, toc: t })),
  ].sort((a, b) => a.line - b.line);

  let seenParts = false;
  for (const e of events) {
    if (e.table) {
      const t = e.table;
      const dataRows = t.rows.filter((r) => r.kind === 'data').length;
      const sel = t.titleRange ?? t.range;
      top().node.children.push({
        kind: 'table',
        name: tableName(t),
        detail: [
          t.kind === 'performance' ? '绩效目标' : `${dataRows} 行`,
          t.segments.length > 1 ? `跨 ${t.segments.length} 页` : '',
          t.kind !== 'performance' && t.empty ? '空表' : '',
        ]
          .filter(Boolean)
          .join('，'),
        range: t.range,
        selectionRange: {
          start: sel.start,
          end: sel.start.line === sel.end.line ? sel.end : { line: sel.start.line, character: lines[sel.start.line].text.length },
        },
        children: [],
        tableIndex: t.index,
      });
      continue;
    }
    if (e.toc) {
      const r = e.toc.range;
      top().node.children.push({
        kind: 'toc',
        name: '目录',
        detail: `${e.toc.entries.length} 项`,
        range: r,
        selectionRange: { start: r.start, end: { line: r.start.line, character: lines[r.start.line].text.length } },
        children: [],
      });
      continue;
    }
    const h = e.heading!;
    const r = rank(h);
    let parent: Open | undefined;
    if (h.number > 1) {
      for (let s = stack.length - 1; s > 0; s--) {
        const o = stack[s];
        if (o.heading && o.heading.style === h.style && o.heading.number === h.number - 1) {
          parent = o.parent;
          break;
        }
      }
      if (!parent) {
        const prev = lastOfStyle.get(h.style);
        if (prev && prev.heading!.number === h.number - 1 && prev.parent && stack.includes(prev.parent)) parent = prev.parent;
      }
    }
    if (parent) {
      popTo(parent, h.line);
    } else if (h.number === 1 && h.style === 'part' && !seenParts && top().heading && top().heading!.style !== 'markdown') {
      // 第一部分 inside 五、 when the document has no parts of its own: a sub-structure of that section
    } else if (h.number === 1) {
      while (top().rank > r) close(stack.pop()!, h.line);
    } else {
      while (top().rank >= r) close(stack.pop()!, h.line);
    }
    parent = top();
    if (h.style === 'part') seenParts = true;
    const node: OutlineNode = {
      kind: h.style === 'part' ? 'part' : 'section',
      name: headingName(h),
      range: { start: h.range.start, end: h.range.end },
      selectionRange: h.range,
      children: [],
      heading: h,
    };
    parent.node.children.push(node);
    const open: Open = { node, rank: r, heading: h, parent };
    stack.push(open);
    lastOfStyle.set(h.style, open);
  }
  while (stack.length > 1) close(stack.pop()!, lines.length);
  return root.children;
}

function zero() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
