import type { FrameworkDetector } from './types';

/** Apps whose build output runs on Node (SSR servers, API frameworks). */
export const SERVER_FRAMEWORKS: FrameworkDetector[] = [];
