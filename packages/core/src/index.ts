// Public API of @docker-ms/core. Each area lives in its own folder; this file only re-exports.
export * from './types';
