export * from './lib/other.js';
