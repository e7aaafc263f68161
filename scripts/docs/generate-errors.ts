// `npm run docs:errors`: writes docs/errors.md from the error catalogues (a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { renderErrorsReference } from './errors-reference.js';

writeFileSync(new URL('../../docs/errors.md', import.meta.url), renderErrorsReference());
console.log('wrote docs/errors.md');
