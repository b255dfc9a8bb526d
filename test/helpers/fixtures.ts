// Test fixtures live in test/fixtures (copies of the real documents); tests never read ../shared.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const SEEDS = join(FIXTURES, 'seeds');
export const MORE_DOCS = join(FIXTURES, 'more-docs');

export const seedFiles = (): string[] =>
  readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
export const moreDocFiles = (): string[] =>
  readdirSync(MORE_DOCS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
export const readSeed = (name: string): string => readFileSync(join(SEEDS, name), 'utf8');
export const readMoreDoc = (name: string): string => readFileSync(join(MORE_DOCS, name), 'utf8');

/**
 * A small function table with one wrong cell: 20101's 基本支出 9.00 (8.00 would mend its row and 201's column), so
 * it raises exactly one sum-mismatch, at line 5, column 18 (1-based). Tests of settings, configuration and rule
 * plumbing use it where any one finding will do.
 */
export const ONE_WRONG_CELL = [
  '表1 部门支出总表',
  '单位：万元',
  '科目编码\t科目名称\t合计\t基本支出\t项目支出',
  '201\t一般公共服务支出\t30.00\t20.00\t10.00',
  '20101\t人大事务\t12.00\t9.00\t4.00',
  '20102\t政协事务\t18.00\t12.00\t6.00',
].join('\n');
