export * from './bump-base-images';
export * from './rename-options';
export { CATALOG_HISTORY, compareReleases, imageMovesBetween, type CatalogRelease, type ImageMove } from '../catalog/history';
export * from './build-option-renames';
export * from './dockerfile-names';
export * from './migrate-dockerfiles';
