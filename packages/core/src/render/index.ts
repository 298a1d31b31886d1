export { renderDockerfile, renderDockerignore } from './dockerfile';
export { generateDockerfile, type GenerateInput, type GenerateResult } from './generate';
export { TEMPLATES_DIR } from './templates';
