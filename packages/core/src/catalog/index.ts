export type { CatalogImage, Flavor, Toolchain, ImageSet } from './types';
export { imagesFor, describeImage, knownImages } from './catalog';
export { DEFAULT_VERSIONS, TOOL_VERSIONS, tagVersion } from './images';
