import { angularSsrDetector } from './server/angular';
import { astroDetector } from './server/astro';
import { nestDetector } from './server/nest';
import { nextDetector } from './server/next';
import { nuxtDetector } from './server/nuxt';
import { remixDetector } from './server/remix';
import { sveltekitDetector } from './server/sveltekit';
import type { FrameworkDetector } from './types';

/**
 * Apps whose build output runs on Node (SSR servers, API frameworks). Frameworks with a static mode as well
 * (Next.js export, Nuxt generate, React Router/Remix SPA, Astro, SvelteKit adapter-static) decide it here, in
 * their one detector.
 */
export const SERVER_FRAMEWORKS: FrameworkDetector[] = [
  nextDetector,
  nuxtDetector,
  remixDetector,
  astroDetector,
  sveltekitDetector,
  angularSsrDetector,
  nestDetector,
];
