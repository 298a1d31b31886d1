import { angularDetector } from './angular';
import { craDetector } from './cra';
import { esbuildDetector } from './esbuild';
import type { FrameworkDetector } from './types';
import { viteDetector } from './vite';
import { webpackDetector } from './webpack';

/**
 * Apps built to files (SPAs, static exports), served by a static web server. Frameworks with a server mode too
 * (Next.js export, Astro, SvelteKit static, React Router SPA) decide in their own detector (server.ts), which runs
 * first. Order: the specific tools (CRA wraps webpack, Angular has its own builders) before the generic bundlers.
 */
export const STATIC_FRAMEWORKS: FrameworkDetector[] = [craDetector, angularDetector, viteDetector, webpackDetector, esbuildDetector];
