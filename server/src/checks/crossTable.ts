import type { DisclosureDocument } from '../model/types.js';
import type { CheckContext, Finding } from './index.js';
export function crossTable(_doc: DisclosureDocument, _ctx: CheckContext): Finding[] { return []; }
