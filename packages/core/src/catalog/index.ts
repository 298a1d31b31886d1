export type { CatalogImage, Flavor, Toolchain, ImageSet } from './types';
export { imagesFor, describeImage, knownImages } from './catalog';
export { TOOL_VERSIONS, tagVersion, gradleVersion } from './images';
export { NGINX_LIFECYCLE, NGINX_VERSION, nginxEndOfLife } from './lifecycle';
export { DEFAULT_VERSIONS, LIFECYCLE, LIFECYCLE_CHECKED, supportedLines, endOfLife, describeEndOfLife, type EndOfLife, type RuntimeLine } from './lifecycle';
export { isPublished, isMaintained, PUBLISHED_SOURCES } from './published';
