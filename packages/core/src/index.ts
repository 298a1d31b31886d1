// Public API of @docker-ms/core. Each area lives in its own folder; this file only re-exports.
export * from './types';
export * from './errors';
export * from './options';
export * from './catalog';
export * from './detect';
export * from './render';
export * from './dockerfile';
export * from './lint';
export * from './engine';
export * from './managed';
export * from './migrate';
export * from './context';
export * from './cli';
export * from './text';
export * from './files';
export * from './secrets';
export * from './release';
