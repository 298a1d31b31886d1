// The ENV names official images set in their config, so UndefinedVar can judge a stage on them the way BuildKit does
// (it reads the pulled image's config). From the docker-library Dockerfiles (node, python, golang, rust,
// eclipse-temurin, maven, gradle, nginx; alpine/debian/ubuntu/busybox set only PATH). A name listed in excess only
// silences a finding; an image not listed here keeps UndefinedVar's cautious mode (see its `differs`).

const JDK = ['JAVA_HOME', 'LANG', 'LANGUAGE', 'LC_ALL', 'JAVA_VERSION'];

const OFFICIAL_IMAGE_ENV: Record<string, readonly string[]> = {
  alpine: [],
  debian: [],
  ubuntu: [],
  busybox: [],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  python: ['LANG', 'GPG_KEY', 'PYTHON_VERSION', 'PYTHON_SHA256', 'PYTHON_PIP_VERSION', 'PYTHON_SETUPTOOLS_VERSION', 'PYTHON_GET_PIP_URL', 'PYTHON_GET_PIP_SHA256'],
  golang: ['GOLANG_VERSION', 'GOTOOLCHAIN', 'GOPATH'],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  'eclipse-temurin': JDK,
  maven: [...JDK, 'MAVEN_HOME', 'MAVEN_CONFIG'],
  gradle: [...JDK, 'GRADLE_HOME', 'GRADLE_VERSION'],
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE', 'ACME_VERSION'],
};

/** The ENV names (besides PATH) of an official Docker Hub image, or null when the image is not one we know. */
export function officialImageEnv(image: string): readonly string[] | null {
  if (image.includes('$')) return null;
  const path = image.split('@')[0].replace(/:[^/:]*$/, '');
  const parts = path.split('/');
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift(); // a registry
  if (parts.length > 1 && parts[0] === 'library') parts.shift();
  return parts.length === 1 ? (OFFICIAL_IMAGE_ENV[parts[0]] ?? null) : null;
}
