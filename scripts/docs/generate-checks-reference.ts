// Writes docs/reference/checks.md from the check schemas (a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { renderChecksReference } from '../../packages/core/src/checks/render-checks-reference.js';

const target = new URL('../../docs/reference/checks.md', import.meta.url);
writeFileSync(target, renderChecksReference());
console.log('wrote docs/reference/checks.md');
