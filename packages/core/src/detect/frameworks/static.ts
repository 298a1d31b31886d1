import type { FrameworkDetector } from './types';

/** Apps built to files (SPAs, static exports), served by a static web server. */
export const STATIC_FRAMEWORKS: FrameworkDetector[] = [];
