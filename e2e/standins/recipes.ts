// Stand-in recipes: a Dockerfile per kind of catalog image, built FROM a local Debian 13 (trixie)
// slim rootfs — the Debian release the real images use. Each recipe copies from its official
// image's Dockerfile the facts a generated Dockerfile relies on (tools on the same paths, ENV,
// users and uids, WORKDIR, ENTRYPOINT/CMD, what is absent). Version gaps are listed in `note`;
// e2e/README.md has the full table of remaining differences.
import type { CatalogImage } from '../../packages/core/src/catalog';

export interface Recipe {
  /** One stand-in image per key; every catalog ref with that key is a tag of it. */
  key: string;
  dockerfile: string;
  /** npm packages unpacked into the context under usr-local/ (node runtimes only). */
  node?: { major: string };
  /** Host folders copied into the context (a newer toolchain than Debian's): context name → host path. */
  host?: Record<string, string>;
  /** Files written into the context (configuration the real image ships): name → text. */
  files?: Record<string, string>;
  note?: string;
}

/** Marks our own images, and carries the recipe hash that makes a re-run a no-op. */
export const LABEL = 'dev.docker-ms.standin';

/** Toolchains of this machine that are newer than Debian 13's (ENVIRONMENT.md: polyglot machines). */
export const HOST = {
  go: '/usr/local/go',
  rust: `${process.env.HOME ?? '/root'}/.rustup/toolchains/stable-x86_64-unknown-linux-gnu`,
  temurin25: '/usr/lib/jvm/temurin-25-jdk-amd64',
};

const apt = (...packages: string[]) =>
  'RUN apt-get update -qq \\\n' +
  ` && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')} >/dev/null \\\n` +
  ' && apt-get clean && rm -rf /var/lib/apt/lists/*';

// The host's CA bundle (TLS to the registries is intercepted here) plus the extra certificates,
// so that a later update-ca-certificates inside the image keeps them.
const trustHost = [
  'COPY local-ca/ /usr/local/share/ca-certificates/',
  'COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
  'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
].join('\n');

// golang:*-trixie and rust:*-trixie build on buildpack-deps (gcc, libc headers, git); listed first so both share the layer.
const CC = ['gcc', 'libc6-dev', 'git'];

// eclipse-temurin: the Temurin JDK in /opt/java/openjdk, JAVA_HOME and PATH pointing at it.
const TEMURIN = [
  'COPY temurin/ /opt/java/openjdk/',
  'ENV JAVA_HOME=/opt/java/openjdk LANG=C.UTF-8 LANGUAGE=en_US:en LC_ALL=C.UTF-8',
  'ENV PATH=/opt/java/openjdk/bin:$PATH',
  'RUN java -version',
].join('\n');
// The JRE images are a jlink'ed subset; the stand-in ships the whole JDK under the jre tag (documented).

function nodeImage(major: string): string {
  // node:<25 ships corepack and yarn 1.22 in /usr/local/bin; node:25+ ships neither (docker-node 26/trixie-slim/Dockerfile)
  const extras = Number(major) >= 25 ? '' : ' && corepack --version && yarn --version';
  return [
    apt('libatomic1'),
    'COPY usr-local/ /usr/local/',
    'RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\',
    ` && ln -s /usr/local/bin/node /usr/local/bin/nodejs && node --version && npm --version${extras}`,
    'CMD ["node"]',
  ].join('\n');
}

function distroless(kind: 'static' | 'cc' | 'nodejs' | 'java', entrypoint: string[] | undefined, setup: string[], env = ''): string {
  return [
    ...setup,
    'COPY collect-distroless.sh /collect-distroless.sh',
    `RUN sh /collect-distroless.sh ${kind}`,
    'FROM scratch',
    'COPY --from=collect /out/ /',
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' + env,
    'USER 65532:65532',
    'WORKDIR /home/nonroot',
    ...(entrypoint ? [`ENTRYPOINT ${JSON.stringify(entrypoint)}`] : []),
  ].join('\n');
}

// nginxinc/nginx-unprivileged (stable/debian/Dockerfile): nginx.org's nginx.conf after the image's edits — no
// `user`, pid in /tmp, the temp paths in /tmp — and its default.conf listening on 8080.
const NGINX_CONF = [
  'worker_processes  auto;',
  '',
  'error_log  /var/log/nginx/error.log notice;',
  'pid        /tmp/nginx.pid;',
  '',
  'events {',
  '    worker_connections  1024;',
  '}',
  '',
  'http {',
  '    proxy_temp_path /tmp/proxy_temp;',
  '    client_body_temp_path /tmp/client_temp;',
  '    fastcgi_temp_path /tmp/fastcgi_temp;',
  '    uwsgi_temp_path /tmp/uwsgi_temp;',
  '    scgi_temp_path /tmp/scgi_temp;',
  '',
  '    include       /etc/nginx/mime.types;',
  '    default_type  application/octet-stream;',
  '',
  '    log_format  main  \'$remote_addr - $remote_user [$time_local] "$request" \'',
  '                      \'$status $body_bytes_sent "$http_referer" \'',
  '                      \'"$http_user_agent" "$http_x_forwarded_for"\';',
  '',
  '    access_log  /var/log/nginx/access.log  main;',
  '    sendfile        on;',
  '    keepalive_timeout  65;',
  '',
  '    include /etc/nginx/conf.d/*.conf;',
  '}',
  '',
].join('\n');
const NGINX_DEFAULT_CONF = [
  'server {',
  '    listen       8080;',
  '    server_name  localhost;',
  '',
  '    location / {',
  '        root   /usr/share/nginx/html;',
  '        index  index.html index.htm;',
  '    }',
  '',
  '    error_page   500 502 503 504  /50x.html;',
  '    location = /50x.html {',
  '        root   /usr/share/nginx/html;',
  '    }',
  '}',
  '',
].join('\n');

function nginxUnprivileged(): Recipe {
  return {
    key: 'nginx-unprivileged',
    files: {
      'nginx.conf': NGINX_CONF,
      'default.conf': NGINX_DEFAULT_CONF,
      'index.html': '<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n',
      '50x.html': '<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>An error occurred.</h1></body></html>\n',
    },
    dockerfile: [
      // the nginx user and group first (uid/gid 101), as the real image does before installing nginx
      'RUN groupadd --system --gid 101 nginx \\',
      ' && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx',
      // the real image installs nginx.org's nginx, gettext-base and curl
      apt('nginx', 'gettext-base', 'curl'),
      // Debian's own site layout out; nginx.org's files in
      'RUN rm -rf /etc/nginx/sites-enabled /etc/nginx/sites-available /etc/nginx/modules-enabled /var/www/html \\',
      ' && mkdir -p /etc/nginx/conf.d /usr/share/nginx/html /var/cache/nginx /docker-entrypoint.d',
      'COPY nginx.conf /etc/nginx/nginx.conf',
      'COPY default.conf /etc/nginx/conf.d/default.conf',
      'COPY index.html 50x.html /usr/share/nginx/html/',
      // logs to the container's output; the nginx user owns the cache and the config (group 0 writable)
      'RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log \\',
      ' && chown -R 101:0 /var/cache/nginx /etc/nginx && chmod -R g+w /var/cache/nginx /etc/nginx \\',
      // nginx -t as root leaves its pid file and temp folders in /tmp (root's and nobody's): not in the real image
      ' && nginx -t && rm -rf /tmp/nginx.pid /tmp/*_temp',
      'EXPOSE 8080',
      'STOPSIGNAL SIGQUIT',
      'USER 101',
      'CMD ["nginx", "-g", "daemon off;"]',
    ].join('\n'),
    note: 'Debian 13 nginx 1.26 under the 1.30 tag; no docker-entrypoint.sh and its hooks',
  };
}

/** The recipe for one catalog image, or a reason to skip it (scratch needs none; gradle cannot be fetched). */
export function recipeFor(img: CatalogImage): Recipe | { skip: string } {
  const v = img.version;
  if (img.flavor === 'scratch') return { skip: 'scratch is built into Docker' };
  const alpine = img.flavor === 'alpine' ? ' (alpine tag: Debian-based stand-in, glibc not musl)' : '';
  switch (img.toolchain) {
    case 'nginx':
      return nginxUnprivileged();
    case 'node':
      if (img.flavor === 'distroless') {
        return {
          key: `distroless-nodejs${v}`,
          node: { major: v },
          dockerfile: distroless('nodejs', ['/nodejs/bin/node'], ['FROM base AS collect', apt('libatomic1', 'tzdata'), 'COPY usr-local/bin/node /usr/local/bin/node']),
        };
      }
      return { key: `node${v}`, node: { major: v }, dockerfile: nodeImage(v), note: alpine.trim() || undefined };
    case 'python':
      return {
        key: 'python',
        dockerfile: [
          // python:*-slim: no gcc (removed after building CPython), pip usable outside a venv
          apt('python3', 'python3-venv', 'python3-pip'),
          'RUN ln -s /usr/bin/python3 /usr/local/bin/python3 && ln -s python3 /usr/local/bin/python \\',
          ' && ln -s /usr/bin/pip3 /usr/local/bin/pip3 && ln -s pip3 /usr/local/bin/pip \\',
          ' && rm -f /usr/lib/python3*/EXTERNALLY-MANAGED \\',
          ' && ! command -v gcc',
          `ENV LANG=C.UTF-8 PYTHON_VERSION=3.13`,
          // Poetry downloads through requests, which trusts certifi's bundle rather than SSL_CERT_FILE
          'ENV REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt',
          'CMD ["python3"]',
        ].join('\n'),
        note: `Debian 13 python3.13 under the ${v} tag (no CPython ${v} build reachable from this machine)${alpine}`,
      };
    case 'go':
      return {
        key: 'golang',
        host: { go: HOST.go },
        dockerfile: [
          apt(...CC),
          'COPY go/ /usr/local/go/',
          'ENV GOTOOLCHAIN=local GOPATH=/go PATH=/go/bin:/usr/local/go/bin:$PATH',
          'RUN mkdir -p /go/src /go/bin && chmod -R 1777 /go && go version',
          'WORKDIR /go',
        ].join('\n'),
        note: `the machine's Go 1.26 (${HOST.go}) under the ${v} tag${alpine}`,
      };
    case 'rust':
      return {
        key: 'rust',
        host: { rust: HOST.rust },
        dockerfile: [
          apt(...CC),
          'COPY rust/ /usr/local/rustup/toolchains/stable-x86_64-unknown-linux-gnu/',
          'ENV RUSTUP_HOME=/usr/local/rustup CARGO_HOME=/usr/local/cargo PATH=/usr/local/cargo/bin:$PATH',
          'RUN mkdir -p /usr/local/cargo/bin \\',
          ' && for b in cargo rustc rustdoc; do ln -s /usr/local/rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/$b /usr/local/cargo/bin/$b; done \\',
          ' && chmod -R a+w /usr/local/cargo && cargo --version',
        ].join('\n'),
        note:
          `the machine's rustup stable (1.95) under the ${v} tag` +
          (img.flavor === 'alpine' ? '; no musl target installed on the machine (real rust:alpine builds x86_64-unknown-linux-musl)' : ''),
      };
    case 'maven':
      return {
        key: 'maven',
        host: { temurin: HOST.temurin25 },
        dockerfile: [
          TEMURIN,
          // Debian's maven package pulls in Debian's default JRE, whose postinst needs the man folder the slim rootfs drops
          'RUN mkdir -p /usr/share/man/man1',
          apt('maven'),
          // maven:* images: MAVEN_HOME, and MAVEN_CONFIG=/root/.m2 (old mvnw scripts pass it on as a goal)
          'ENV MAVEN_HOME=/usr/share/maven MAVEN_CONFIG=/root/.m2',
          // Temurin's cacerts is the machine's link to /etc/ssl/certs/java/cacerts: Debian's ca-certificates-java fills it (with the host CA)
          'RUN test -s /etc/ssl/certs/java/cacerts && mvn --version',
          'CMD ["mvn"]',
        ].join('\n'),
        note: `Temurin 25 JDK + Debian 13 Maven 3.9.9 (Maven Central) under the ${v} tag${alpine}`,
      };
    case 'gradle':
      return { skip: 'Gradle 9 cannot be fetched here (Debian has Gradle 4.4; services.gradle.org is unreachable)' };
    case 'jdk':
    case 'jre':
      if (img.flavor === 'distroless') {
        return {
          key: `distroless-java${v}`,
          dockerfile: distroless('java', ['/usr/bin/java', '-jar'], ['FROM base AS collect', 'RUN mkdir -p /usr/share/man/man1', apt(`openjdk-${v}-jre-headless`, 'tzdata')], ' JAVA_VERSION=' + v + ' LANG=C.UTF-8'),
          note: `Debian 13 OpenJDK ${v} JRE (distroless java${v}-debian13 ships the same Debian package)`,
        };
      }
      return {
        key: 'temurin',
        host: { temurin: HOST.temurin25 },
        dockerfile: TEMURIN,
        note: `Temurin 25 JDK under the ${img.ref} tag${alpine}`,
      };
    case 'none':
      if (img.flavor !== 'distroless') return { skip: `no recipe for ${img.ref}` };
      return img.ref.includes('/cc-')
        ? { key: 'distroless-cc', dockerfile: distroless('cc', undefined, ['FROM base AS collect', apt('tzdata')]) }
        : { key: 'distroless-static', dockerfile: distroless('static', undefined, ['FROM base AS collect', apt('tzdata')]) };
  }
}

/** Full Dockerfile text: the shared base stage (rootfs + host CA) then the recipe. */
export function dockerfileText(recipe: Recipe, baseTag: string): string {
  const body = recipe.dockerfile.startsWith('FROM base AS collect') ? recipe.dockerfile : `FROM base\n${recipe.dockerfile}`;
  return `FROM ${baseTag} AS base\n${trustHost}\n\n${body}\n`;
}
