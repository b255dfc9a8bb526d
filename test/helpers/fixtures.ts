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
