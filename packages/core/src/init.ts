// `@agent-cicd/core/init`: what `agent-cicd init` does, as a library function.

export type { InitProjectOptions, InitProjectResult } from './init/init-project.js';
export { INIT_BASELINE, initProject } from './init/init-project.js';
export type { InitFile } from './init/init-templates.js';
