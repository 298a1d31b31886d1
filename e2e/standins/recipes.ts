// Stand-in recipes: a Dockerfile per kind of catalog image, built FROM the local Debian bookworm
// slim rootfs. They give what the real image gives to a generated Dockerfile (tools on the same
// paths, same users and entrypoints), not the same bytes. Version gaps are listed in `note`.
import type { CatalogImage } from '../../packages/core/src/catalog';

export interface Recipe {
  /** One stand-in image per key; every catalog ref with that key is a tag of it. */
  key: string;
  dockerfile: string;
  /** npm packages unpacked into the context under usr-local/ (node runtimes only). */
  node?: { major: string };
  note?: string;
}

/** Marks our own images, and carries the recipe hash that makes a re-run a no-op. */
export const LABEL = 'dev.docker-ms.standin';

const apt = (...packages: string[]) =>
  'RUN apt-get update -qq \\\n' +
  ` && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')} >/dev/null \\\n` +
  ' && apt-get clean && rm -rf /var/lib/apt/lists/*';

// The host's CA bundle (TLS to the npm registry is intercepted here) plus the extra certificates,
// so that a later update-ca-certificates inside the image keeps them.
const trustHost = [
  'COPY local-ca/ /usr/local/share/ca-certificates/',
  'COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
  'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
].join('\n');

// gcc + libc headers: the real golang and rust images have them; listed first so both share the layer.
const CC = ['gcc', 'libc6-dev'];

const JAVA_HOME = 'ENV JAVA_HOME=/opt/java/openjdk LANG=C.UTF-8\n' + 'RUN mkdir -p /opt/java && ln -s /usr/lib/jvm/java-17-openjdk-amd64 /opt/java/openjdk';
// OpenJDK's postinst fails when the man folder is missing (it is excluded from the slim rootfs).
// JRE first, then JDK, then Maven: each Java image reuses the layers of the smaller ones.
const JRE = ['RUN mkdir -p /usr/share/man/man1', apt('openjdk-17-jre-headless')];
const JDK = [...JRE, apt('openjdk-17-jdk-headless')];

const MAVEN_SETTINGS = [
  '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">',
  '  <localRepository>/usr/share/maven-repo</localRepository>',
  '  <offline>true</offline>',
  '</settings>',
].join('');

function nodeImage(major: string): string {
  return [
    'COPY usr-local/ /usr/local/',
    'RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\',
    ' && node --version && npm --version && corepack --version && yarn --version',
    `ENV NODE_MAJOR=${major}`,
    'CMD ["node"]',
  ].join('\n');
}

function distroless(kind: 'static' | 'cc' | 'nodejs' | 'java', entrypoint: string[] | undefined, setup: string[]): string {
  return [
    ...setup,
    'COPY collect-distroless.sh /collect-distroless.sh',
    `RUN sh /collect-distroless.sh ${kind}`,
    'FROM scratch',
    'COPY --from=collect /out/ /',
    'ENV PATH=/usr/local/bin:/usr/bin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' + (kind === 'java' ? ' JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 LANG=C.UTF-8' : ''),
    'USER 65532:65532',
    'WORKDIR /home/nonroot',
    ...(entrypoint ? [`ENTRYPOINT ${JSON.stringify(entrypoint)}`] : []),
  ].join('\n');
}

/** The recipe for one catalog image, or undefined (scratch needs none; gradle cannot be stood in). */
export function recipeFor(img: CatalogImage): Recipe | { skip: string } {
  const v = img.version;
  if (img.flavor === 'scratch') return { skip: 'scratch is built into Docker' };
  const alpine = img.flavor === 'alpine' ? ' (alpine: Debian-based stand-in, glibc)' : '';
  switch (img.toolchain) {
    case 'node':
      if (img.flavor === 'distroless') {
        return {
          key: `distroless-nodejs${v}`,
          node: { major: v },
          dockerfile: distroless('nodejs', ['/nodejs/bin/node'], ['FROM base AS collect', 'COPY usr-local/bin/node /usr/local/bin/node']),
        };
      }
      return { key: `node${v}`, node: { major: v }, dockerfile: nodeImage(v), note: alpine.trim() || undefined };
    case 'python':
      return {
        key: 'python',
        dockerfile: [
          apt('python3', 'python3-venv', 'python3-pip'),
          // Official images keep Python in /usr/local/bin and let pip install outside a venv.
          'RUN ln -s /usr/bin/python3 /usr/local/bin/python3 && ln -s python3 /usr/local/bin/python \\',
          ' && ln -s /usr/bin/pip3 /usr/local/bin/pip3 && ln -s pip3 /usr/local/bin/pip \\',
          ' && rm -f /usr/lib/python3*/EXTERNALLY-MANAGED',
          'ENV LANG=C.UTF-8',
          'CMD ["python3"]',
        ].join('\n'),
        note: `Debian python3.11 under the ${v} tag${alpine}`,
      };
    case 'go':
      return {
        key: 'golang',
        dockerfile: [
          apt(...CC),
          apt('golang-go'),
          'RUN mkdir -p /usr/local/go/bin /go/bin && ln -s /usr/lib/go/bin/go /usr/local/go/bin/go && ln -s /usr/lib/go/bin/gofmt /usr/local/go/bin/gofmt',
          'ENV GOPATH=/go PATH=/go/bin:/usr/local/go/bin:$PATH',
          'WORKDIR /go',
        ].join('\n'),
        note: `Debian go 1.19 under the ${v} tag (builds go.mod "go ${v}" without toolchain lines)${alpine}`,
      };
    case 'rust':
      return {
        key: 'rust',
        dockerfile: [
          apt(...CC),
          apt('rustc-web', 'cargo-web'),
          'RUN mkdir -p /usr/local/cargo/bin && ln -s /usr/bin/cargo /usr/local/cargo/bin/cargo && ln -s /usr/bin/rustc /usr/local/cargo/bin/rustc',
          'ENV CARGO_HOME=/usr/local/cargo RUSTUP_HOME=/usr/local/rustup PATH=/usr/local/cargo/bin:$PATH',
        ].join('\n'),
        note:
          `Debian rustc-web 1.96 under the ${v} tag` +
          (img.flavor === 'alpine' ? '; no musl target: Debian ships no x86_64-unknown-linux-musl std' : ''),
      };
    case 'maven':
      return {
        key: 'maven',
        dockerfile: [
          ...JDK,
          apt(
            'maven',
            'libmaven-compiler-plugin-java',
            'libmaven-jar-plugin-java',
            'libmaven-resources-plugin-java',
            'libmaven-install-plugin-java',
            'libsurefire-java',
          ),
          // Maven Central is unreachable: resolve plugins from Debian's packaged repository, offline.
          `RUN printf '%s\\n' '${MAVEN_SETTINGS}' >/etc/maven/settings.xml`,
          JAVA_HOME,
          'ENV MAVEN_HOME=/usr/share/maven',
        ].join('\n'),
        note: `Debian OpenJDK 17 + Maven 3.8 (offline, Debian plugin repository) under the ${v} tag`,
      };
    case 'gradle':
      return { skip: 'Debian bookworm has Gradle 4.4 only; no Gradle 8 stand-in' };
    case 'jdk':
    case 'jre':
      if (img.flavor === 'distroless') {
        return {
          key: 'distroless-java',
          dockerfile: distroless('java', ['/usr/bin/java', '-jar'], ['FROM base AS collect', ...JRE]),
          note: `Debian OpenJDK 17 JRE under the java${v} tag`,
        };
      }
      return {
        key: img.toolchain === 'jdk' ? 'jdk' : 'jre',
        dockerfile: [...(img.toolchain === 'jdk' ? JDK : JRE), JAVA_HOME].join('\n'),
        note: `Debian OpenJDK 17 under the ${v} tag${alpine}`,
      };
    case 'none':
      if (img.flavor !== 'distroless') return { skip: `no recipe for ${img.ref}` };
      return img.ref.includes('/cc-')
        ? { key: 'distroless-cc', dockerfile: distroless('cc', undefined, ['FROM base AS collect']) }
        : { key: 'distroless-static', dockerfile: distroless('static', undefined, ['FROM base AS collect']) };
  }
}

/** Full Dockerfile text: the shared base stage (rootfs + host CA) then the recipe. */
export function dockerfileText(recipe: Recipe, baseTag: string): string {
  const body = recipe.dockerfile.startsWith('FROM base AS collect') ? recipe.dockerfile : `FROM base\n${recipe.dockerfile}`;
  return `FROM ${baseTag} AS base\n${trustHost}\n\n${body}\n`;
}
