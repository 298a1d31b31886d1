import { formatFinding, lintDockerfile, LINT_RULES } from './lint';

const lines = (...l: string[]) => l.join('\n') + '\n';

/** A well-formed multi-stage file: the baseline every rule must pass. */
const GOOD = lines(
  'FROM golang:1.26-trixie AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app',
  '',
  'FROM gcr.io/distroless/static-debian13:nonroot AS runtime',
  'COPY --from=build /out/app /app',
  'EXPOSE 8080/tcp',
  'ENV PORT=8080',
  'LABEL org.opencontainers.image.title=app',
  'USER 65532',
  'ENTRYPOINT ["/app"]',
);

function hits(text: string, rule: string) {
  return lintDockerfile(text).filter((f) => f.rule === rule);
}

describe('lintDockerfile', () => {
  it('reports nothing on a clean multi-stage file', () => {
    expect(lintDockerfile(GOOD)).toEqual([]);
  });

  it('formats findings as line: rule: message', () => {
    const [finding] = lintDockerfile(lines('FROM node:26 AS runtime', 'MAINTAINER me', 'USER 1000'));
    expect(formatFinding(finding)).toBe('2: MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label; use LABEL org.opencontainers.image.authors=…');
  });

  it('lets options turn a rule off or change its severity, and rejects unknown rule names', () => {
    const text = lines('FROM node AS runtime', 'USER 1000');
    expect(lintDockerfile(text, { rules: { FromLatest: 'off' } })).toEqual([]);
    expect(lintDockerfile(text, { rules: { FromLatest: 'warning' } })[0].severity).toBe('warning');
    expect(() => lintDockerfile(text, { rules: { NoSuchRule: 'off' } })).toThrow(/unknown lint rule NoSuchRule/);
  });

  describe('CopyFromUnknownStage', () => {
    it('flags a stage name that does not exist, listing the earlier stages', () => {
      const text = lines('FROM node:22 AS build', 'FROM node:22 AS runtime', 'COPY --from=biuld /a /a', 'USER 1000');
      const [f] = hits(text, 'CopyFromUnknownStage');
      expect(f).toMatchObject({ line: 3, severity: 'error' });
      expect(f.message).toBe('COPY --from=biuld names no stage (earlier stages: build) and is not an image reference');
    });
    it('flags a later stage, its own stage and an index that is not earlier', () => {
      const text = lines('FROM node:22 AS a', 'COPY --from=b /x /x', 'COPY --from=A /x /x', 'COPY --from=0 /x /x', 'FROM node:22 AS b', 'USER 1');
      expect(hits(text, 'CopyFromUnknownStage').map((f) => f.line)).toEqual([2, 3, 4]);
      expect(hits(text, 'CopyFromUnknownStage')[0].message).toMatch(/names a later stage/);
    });
    it('checks RUN --mount from= the same way', () => {
      const text = lines('FROM node:22 AS deps', 'FROM node:22 AS runtime', 'RUN --mount=type=bind,from=dep,target=/d --mount=type=bind,from=deps,target=/e ls', 'USER 1');
      expect(hits(text, 'CopyFromUnknownStage')).toMatchObject([{ line: 3, message: 'RUN --mount from=dep names no stage (earlier stages: deps) and is not an image reference' }]);
    });
    it('accepts earlier names (any case), earlier indexes and image references', () => {
      const text = lines(
        'FROM node:22 AS Build', 'FROM node:22 AS runtime',
        'COPY --from=build /a /a', 'COPY --from=0 /a /a', 'COPY --from=busybox:1.36 /bin/sh /sh',
        'COPY --from=ghcr.io/x/y /a /a', 'COPY --from=$STAGE /a /a', 'USER 1000',
      );
      expect(hits(text, 'CopyFromUnknownStage')).toEqual([]);
    });
  });

  describe('StaticBinaryOnScratch', () => {
    const scratch = (build: string[], stage = 'FROM golang:1.26-trixie AS build') =>
      lines(stage, ...build, 'FROM scratch AS runtime', 'COPY --from=build /out/app /app', 'USER 65534', 'ENTRYPOINT ["/app"]');
    it('flags go build without CGO_ENABLED=0', () => {
      const [f] = hits(scratch(['RUN go build -o /out/app .']), 'StaticBinaryOnScratch');
      expect(f).toMatchObject({ line: 4, severity: 'error' });
      expect(f.message).toBe('copies a dynamically linked binary onto scratch (no libc): stage build runs go build without CGO_ENABLED=0');
    });
    it('flags cargo build without a musl target on a glibc builder', () => {
      const text = scratch(['RUN cargo build --release'], 'FROM rust:1-slim-trixie AS build');
      expect(hits(text, 'StaticBinaryOnScratch')[0].message).toMatch(/cargo build without a musl target/);
    });
    it('accepts CGO_ENABLED=0 in RUN or ENV (also of a parent stage), musl targets and alpine rust', () => {
      expect(hits(scratch(['RUN CGO_ENABLED=0 go build -o /out/app .']), 'StaticBinaryOnScratch')).toEqual([]);
      expect(hits(scratch(['ENV CGO_ENABLED=0', 'RUN go build -o /out/app .']), 'StaticBinaryOnScratch')).toEqual([]);
      const parent = lines(
        'FROM golang:1.22 AS base', 'ENV CGO_ENABLED=0', 'FROM base AS build', 'RUN go build -o /out/app .',
        'FROM scratch', 'COPY --from=build /out/app /app', 'USER 65534',
      );
      expect(hits(parent, 'StaticBinaryOnScratch')).toEqual([]);
      expect(hits(scratch(['RUN cargo build --release --target x86_64-unknown-linux-musl'], 'FROM rust:1.83 AS build'), 'StaticBinaryOnScratch')).toEqual([]);
      expect(hits(scratch(['RUN cargo build --release'], 'FROM rust:1.75-alpine AS build'), 'StaticBinaryOnScratch')).toEqual([]);
    });
    it('applies to distroless/static too, also behind a mirror', () => {
      const text = (image: string) => lines('FROM golang:1.22 AS build', 'RUN go build -o /app .', `FROM ${image}`, 'COPY --from=build /app /app', 'USER 65532');
      expect(hits(text('gcr.io/distroless/static-debian12:nonroot'), 'StaticBinaryOnScratch')).toHaveLength(1);
      expect(hits(text('mirror.example.com/gcr.io/distroless/static:nonroot'), 'StaticBinaryOnScratch')).toHaveLength(1);
      expect(hits(text('gcr.io/distroless/base-debian12:nonroot'), 'StaticBinaryOnScratch')).toEqual([]);
    });
    it('does not apply to non-scratch runtimes', () => {
      const text = lines('FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM debian:12-slim', 'COPY --from=build /app /app', 'USER 1000');
      expect(hits(text, 'StaticBinaryOnScratch')).toEqual([]);
    });
  });

  describe('RootUser', () => {
    it('flags a final stage without USER', () => {
      const [f] = hits(lines('FROM node:22 AS build', 'USER 1000', 'FROM node:22-slim AS runtime', 'CMD ["node"]'), 'RootUser');
      expect(f).toMatchObject({ line: 3, severity: 'error' });
      expect(f.message).toMatch(/sets no USER/);
    });
    it('flags USER root, 0 and 0:0 as the last USER', () => {
      for (const user of ['root', '0', '0:0', 'root:root']) {
        expect(hits(lines('FROM node:22', 'USER 1000', `USER ${user}`), 'RootUser')).toHaveLength(1);
      }
    });
    it('accepts a non-root last USER, also inherited from a parent stage', () => {
      expect(hits(lines('FROM node:22', 'USER root', 'RUN x', 'USER 65532'), 'RootUser')).toEqual([]);
      expect(hits(lines('FROM node:22 AS base', 'USER node', 'FROM base AS runtime', 'CMD ["node"]'), 'RootUser')).toEqual([]);
    });
    it('does not trust image tags such as :nonroot (generated files always set USER)', () => {
      expect(hits(lines('FROM gcr.io/distroless/static-debian12:nonroot'), 'RootUser')).toHaveLength(1);
    });
  });

  describe('RedundantTargetPlatform and FromPlatformFlagConstDisallowed (BuildKit semantics and messages)', () => {
    it('flags --platform=$TARGETPLATFORM in both spellings, not other variables', () => {
      const text = lines(
        'FROM --platform=$TARGETPLATFORM node:26 AS a', 'FROM --platform=${TARGETPLATFORM} node:26 AS b',
        'FROM --platform=$BUILDPLATFORM node:26 AS c', 'FROM --platform=${TARGETOS}/${TARGETARCH} node:26 AS d', 'USER 1',
      );
      expect(hits(text, 'RedundantTargetPlatform').map((f) => `${f.line} ${f.message}`)).toEqual([
        '1 Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
        '2 Setting platform to predefined ${TARGETPLATFORM} in FROM is redundant as this is the default behavior',
      ]);
      expect(hits(text, 'FromPlatformFlagConstDisallowed')).toEqual([]);
    });
    it('flags a constant --platform unless the stage name mentions its os or architecture', () => {
      const text = lines(
        'FROM --platform=linux/amd64 node:26 AS build', 'FROM --platform=linux/arm64 node:26 AS build-arm64',
        'FROM --platform=linux/amd64 node:26 AS linux-build', 'FROM --platform=not/a/valid/one node:26 AS x', 'USER 1',
      );
      expect(hits(text, 'FromPlatformFlagConstDisallowed').map((f) => `${f.line} ${f.message}`)).toEqual([
        '1 FROM --platform flag should not use constant value "linux/amd64"',
      ]);
    });
    // BuildKit FromPlatformFlagConstDisallowed (dockerfile2llb reportConstPlatformDisallowed): the stage name it compares
    // is the lowercased one its FROM parser keeps; RedundantTargetPlatform: one matched variable, TARGETPLATFORM, whose
    // expansion equals the target platform, so ${TARGETPLATFORM:-x} counts and ${TARGETPLATFORM:+x} does not
    it('BuildKit semantics: mixed-case stage names, default forms of $TARGETPLATFORM', () => {
      expect(hits(lines('FROM --platform=linux/arm64 node:26 AS Build-ARM64', 'USER 1'), 'FromPlatformFlagConstDisallowed')).toEqual([]);
      const text = lines('FROM --platform=${TARGETPLATFORM:-linux/amd64} node:26 AS a', 'FROM --platform=${TARGETPLATFORM:+linux/amd64} node:26 AS b', 'USER 1');
      expect(hits(text, 'RedundantTargetPlatform').map((f) => f.line)).toEqual([1]);
    });
  });

  describe('EndOfLifeBaseImage', () => {
    it('warns on a runtime line or distroless Debian 12 image past its end of life and names the replacement', () => {
      const text = lines(
        'FROM node:18-bookworm-slim AS a', 'FROM mirror.example.com/golang:1.22-alpine AS b', 'FROM rust:1.83-slim-bookworm AS c',
        'FROM gcr.io/distroless/nodejs20-debian12:nonroot AS d', 'FROM gradle:8.10-jdk21 AS e', 'FROM node:26-trixie-slim AS f',
        'FROM rust:1-slim-trixie AS g', 'FROM gcr.io/distroless/static-debian13:nonroot AS h', 'FROM scratch AS i', 'FROM f AS j', 'USER 1',
      );
      expect(hits(text, 'EndOfLifeBaseImage').map((f) => `${f.line} ${f.severity} ${f.message}`)).toEqual([
        '1 warning node:18-bookworm-slim: node 18 reached end of life on 2025-04-30; use node:26-trixie-slim',
        '2 warning mirror.example.com/golang:1.22-alpine: go 1.22 reached end of life on 2025-02-11; use golang:1.26-alpine',
        '3 warning rust:1.83-slim-bookworm: rust 1.83 reached end of life on 2025-01-09; use rust:1-slim-trixie',
        '4 warning gcr.io/distroless/nodejs20-debian12:nonroot reached end of life on 2026-01-31 (distroless Debian 12); use gcr.io/distroless/nodejs26-debian13:nonroot',
      ]);
    });
  });

  describe('FromLatest', () => {
    it('flags untagged and :latest images', () => {
      const text = lines('FROM node AS a', 'FROM docker.io/library/node:latest AS b', 'FROM localhost:5000/app', 'USER 1');
      const found = hits(text, 'FromLatest');
      expect(found.map((f) => f.line)).toEqual([1, 2, 3]);
      expect(found[0]).toMatchObject({ severity: 'error', message: 'FROM node has no tag, which means :latest; pin a version tag or digest' });
    });
    it('accepts tags, digests, scratch, stage names and variables', () => {
      const text = lines(
        'ARG IMG=node:22', 'FROM node:22 AS a', 'FROM node@sha256:' + 'a'.repeat(64) + ' AS b', 'FROM scratch AS c',
        'FROM a AS d', 'FROM ${IMG} AS e', 'FROM localhost:5000/app:1.0', 'USER 1',
      );
      expect(hits(text, 'FromLatest')).toEqual([]);
    });
  });

  describe('FromNotLiteral', () => {
    it('flags a variable in FROM', () => {
      expect(hits(lines('ARG V=22', 'FROM node:${V}', 'USER 1'), 'FromNotLiteral')).toMatchObject([{ line: 2, severity: 'warning' }]);
    });
    it('accepts literal images', () => {
      expect(hits(GOOD, 'FromNotLiteral')).toEqual([]);
    });
  });

  describe('FromAsCasing', () => {
    it('flags FROM with lowercase as and from with uppercase AS', () => {
      expect(hits(lines('FROM node:22 as build', 'from node:22 AS runtime', 'USER 1'), 'FromAsCasing').map((f) => f.line)).toEqual([1, 2]);
    });
    it('accepts matching casing', () => {
      expect(hits(lines('FROM node:22 AS build', 'from node:22 as runtime', 'USER 1'), 'FromAsCasing')).toEqual([]);
    });
  });

  describe('StageNameCasing', () => {
    it('flags uppercase stage names', () => {
      expect(hits(lines('FROM node:22 AS Build', 'USER 1'), 'StageNameCasing')).toMatchObject([{ line: 1, message: "Stage name 'Build' should be lowercase" }]);
    });
    it('accepts lowercase names', () => {
      expect(hits(GOOD, 'StageNameCasing')).toEqual([]);
    });
  });

  describe('DuplicateStageName', () => {
    it('flags a repeated name regardless of case', () => {
      expect(hits(lines('FROM node:22 AS build', 'FROM node:22 AS BUILD', 'USER 1'), 'DuplicateStageName'))
        .toMatchObject([{ line: 2, severity: 'error', message: 'Duplicate stage name "build", stage names should be unique; the first is on line 1' }]);
    });
    it('accepts unique names', () => {
      expect(hits(GOOD, 'DuplicateStageName')).toEqual([]);
    });
  });

  describe('ReservedStageName', () => {
    it('flags scratch and context as stage names', () => {
      expect(hits(lines('FROM node:22 AS scratch', 'FROM node:22 AS context', 'USER 1'), 'ReservedStageName').map((f) => f.line)).toEqual([1, 2]);
    });
    it('accepts other names', () => {
      expect(hits(GOOD, 'ReservedStageName')).toEqual([]);
    });
  });

  describe('UndefinedArgInFrom', () => {
    it('flags a FROM variable no global ARG declares', () => {
      expect(hits(lines('FROM node:${NODE_VERSION}', 'USER 1'), 'UndefinedArgInFrom')).toMatchObject([{ line: 1, message: expect.stringContaining("'NODE_VERSION'") }]);
    });
    it('accepts global ARGs and BuildKit platform ARGs', () => {
      expect(hits(lines('ARG NODE_VERSION=22', 'FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}', 'USER 1'), 'UndefinedArgInFrom')).toEqual([]);
    });
    // BuildKit UndefinedArgInFrom (docs.docker.com/go/dockerfile/rule/undefined-arg-in-from): "FROM argument 'VARIANT' is not
    // declared", on the FROM line; it "tries to detect miss-spelled built-in build arguments, like BUILDPLATFORM"
    it('BuildKit UndefinedArgInFrom: its wording, the FROM line, and a hint for a misspelt built-in platform ARG', () => {
      expect(hits(lines('FROM node:22${VARIANT} AS jsbuilder', 'USER 1'), 'UndefinedArgInFrom')).toEqual([
        expect.objectContaining({ line: 1, message: "FROM argument 'VARIANT' is not declared" }),
      ]);
      expect(hits(lines('ARG V=1', '', 'FROM --platform=$BUILDPLATFROM node:22', 'USER 1'), 'UndefinedArgInFrom')).toEqual([
        expect.objectContaining({ line: 3, message: "FROM argument 'BUILDPLATFROM' is not declared (did you mean BUILDPLATFORM?)" }),
      ]);
      // ${NAME:-default} and ${NAME-default} still use NAME: undeclared, it is reported like BuildKit's unmatched variables
      expect(hits(lines('FROM alpine:${TAG:-3.21}', 'USER 1'), 'UndefinedArgInFrom')).toEqual([expect.objectContaining({ message: "FROM argument 'TAG' is not declared" })]);
      expect(hits(lines('ARG TAG', 'FROM alpine:${TAG-3.21}', 'USER 1'), 'UndefinedArgInFrom')).toEqual([]);
    });
  });

  // BuildKit InvalidDefaultArgInFrom (docs.docker.com/go/dockerfile/rule/invalid-default-arg-in-from): the FROM expanded
  // with the global ARGs' defaults only (no --build-arg) must be a valid image reference
  describe('InvalidDefaultArgInFrom', () => {
    it("BuildKit's examples: an ARG without default leaves an empty tag; a default or ${TAG:-…} fixes it", () => {
      expect(hits(lines('ARG TAG', 'FROM busybox:${TAG}', 'USER 1'), 'InvalidDefaultArgInFrom')).toEqual([
        expect.objectContaining({ line: 2, message: expect.stringMatching(/^Default value for ARG busybox:\$\{TAG\} results in empty or invalid base image name/) }),
      ]);
      expect(hits(lines('ARG TAG=latest', 'FROM busybox:${TAG}', 'USER 1'), 'InvalidDefaultArgInFrom')).toEqual([]);
      expect(hits(lines('ARG TAG', 'FROM busybox:${TAG:-latest}', 'USER 1'), 'InvalidDefaultArgInFrom')).toEqual([]);
    });
    it('an empty image, an upper-case repository, and ARG defaults built from earlier ARGs', () => {
      expect(hits(lines('ARG IMAGE', 'FROM $IMAGE', 'USER 1'), 'InvalidDefaultArgInFrom').map((f) => f.line)).toEqual([2]);
      expect(hits(lines('ARG REPO=Node', 'FROM ${REPO}:24', 'USER 1'), 'InvalidDefaultArgInFrom').map((f) => f.line)).toEqual([2]);
      expect(hits(lines('ARG V=24', 'ARG IMG=node:${V}-trixie-slim', 'FROM ${IMG}', 'USER 1'), 'InvalidDefaultArgInFrom')).toEqual([]);
      expect(hits(lines('ARG REG=127.0.0.1:5000', 'FROM ${REG}/team/node:24@sha256:' + 'a'.repeat(64), 'USER 1'), 'InvalidDefaultArgInFrom')).toEqual([]);
      // platform ARGs have values; ${X:+word} is the word only when X is set
      expect(hits(lines('FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6-${TARGETARCH}', 'USER 1'), 'InvalidDefaultArgInFrom')).toEqual([]);
      expect(hits(lines('ARG SUFFIX', 'FROM node:24${SUFFIX:+-slim}', 'USER 1'), 'InvalidDefaultArgInFrom')).toEqual([]);
    });
  });

  // BuildKit SecretsUsedInArgOrEnv: the key, or its first or last `_` word, names a secret, unless a word says public/file/version
  describe('SecretsUsedInArgOrEnv', () => {
    it("flags ARG and ENV keys the way BuildKit's pattern does", () => {
      const text = lines('ARG NPM_TOKEN', 'FROM node:24', 'ENV DATABASE_PASSWORD=x AUTH=y', 'ENV api_key=1', 'USER 1');
      expect(hits(text, 'SecretsUsedInArgOrEnv').map((f) => `${f.line} ${f.message.split(';')[0]}`)).toEqual([
        '1 Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN")',
        '3 Do not use ARG or ENV instructions for sensitive data (ENV "DATABASE_PASSWORD")',
        '3 Do not use ARG or ENV instructions for sensitive data (ENV "AUTH")',
        '4 Do not use ARG or ENV instructions for sensitive data (ENV "api_key")',
      ]);
    });
    it('leaves alone words inside a name, and public/file/version keys', () => {
      const text = lines('FROM node:24', 'ENV KEYBOARD=us MONKEY_BUSINESS=1 TOKENIZER=x', 'ARG NEXT_PUBLIC_API_KEY', 'ENV GPG_KEY_FILE=/k SECRET_VERSION=2', 'USER 1');
      expect(hits(text, 'SecretsUsedInArgOrEnv')).toEqual([]);
    });
  });

  describe('JSONArgsRecommended', () => {
    it('flags shell-form CMD and ENTRYPOINT', () => {
      expect(hits(lines('FROM node:22', 'USER 1', 'ENTRYPOINT node server.js', 'CMD --port 80'), 'JSONArgsRecommended').map((f) => f.line)).toEqual([3, 4]);
    });
    it('accepts exec form, and shell form after an explicit SHELL', () => {
      expect(hits(lines('FROM node:22', 'USER 1', 'CMD ["node", "server.js"]'), 'JSONArgsRecommended')).toEqual([]);
      expect(hits(lines('FROM node:22', 'SHELL ["/bin/bash", "-c"]', 'USER 1', 'CMD node server.js'), 'JSONArgsRecommended')).toEqual([]);
    });
  });

  describe('MaintainerDeprecated', () => {
    it('flags MAINTAINER', () => {
      expect(hits(lines('FROM node:22', 'MAINTAINER a@b.c', 'USER 1'), 'MaintainerDeprecated')).toHaveLength(1);
    });
    it('accepts an authors label', () => {
      expect(hits(lines('FROM node:22', 'LABEL org.opencontainers.image.authors=a@b.c', 'USER 1'), 'MaintainerDeprecated')).toEqual([]);
    });
  });

  describe('LegacyKeyValueFormat', () => {
    it('flags ENV and LABEL in key value form', () => {
      expect(hits(lines('FROM node:22', 'ENV NODE_ENV production', 'LABEL owner team', 'USER 1'), 'LegacyKeyValueFormat').map((f) => f.line)).toEqual([2, 3]);
    });
    it('accepts key=value', () => {
      expect(hits(lines('FROM node:22', 'ENV NODE_ENV=production A="b c"', 'LABEL owner=team', 'ARG X', 'USER 1'), 'LegacyKeyValueFormat')).toEqual([]);
    });
  });

  describe('NoEmptyContinuation', () => {
    it('flags an instruction with empty lines inside, on its last line, once', () => {
      expect(hits(lines('FROM node:22', 'RUN echo a && \\', '', '    echo b && \\', '', '    echo c', 'USER 1'), 'NoEmptyContinuation')).toMatchObject([
        { line: 6, message: 'Empty continuation line; remove the blank lines inside RUN (line 2)' },
      ]);
    });
    it('accepts continuations and comment lines inside them', () => {
      expect(hits(lines('FROM node:22', 'RUN echo a && \\', '# note', '    echo b', '', 'USER 1'), 'NoEmptyContinuation')).toEqual([]);
    });
  });

  describe('ConsistentInstructionCasing', () => {
    it('flags instructions that differ from the majority casing', () => {
      expect(hits(lines('FROM node:22', 'run echo', 'Copy a b', 'USER 1'), 'ConsistentInstructionCasing').map((f) => f.line)).toEqual([2, 3]);
      expect(hits(lines('from node:22', 'run echo', 'USER 1'), 'ConsistentInstructionCasing').map((f) => f.line)).toEqual([3]);
    });
    it('accepts one casing throughout', () => {
      expect(hits(lines('from node:22', 'run echo', 'user 1'), 'ConsistentInstructionCasing')).toEqual([]);
    });
  });

  describe('MultipleInstructionsDisallowed', () => {
    it('flags all but the last CMD, ENTRYPOINT or HEALTHCHECK of a stage', () => {
      const text = lines('FROM node:22', 'CMD ["a"]', 'CMD ["b"]', 'HEALTHCHECK CMD ["x"]', 'HEALTHCHECK NONE', 'USER 1');
      expect(hits(text, 'MultipleInstructionsDisallowed').map((f) => f.line)).toEqual([2, 4]);
    });
    it('accepts one per stage, even across stages', () => {
      expect(hits(lines('FROM node:22 AS a', 'CMD ["a"]', 'FROM node:22 AS b', 'CMD ["b"]', 'USER 1'), 'MultipleInstructionsDisallowed')).toEqual([]);
    });
  });

  describe('WorkdirRelativePath', () => {
    it('flags a relative WORKDIR with no absolute one before it', () => {
      expect(hits(lines('FROM node:22', 'WORKDIR app', 'USER 1'), 'WorkdirRelativePath')).toMatchObject([{ line: 2 }]);
    });
    it('accepts relative after absolute, also from a parent stage', () => {
      expect(hits(lines('FROM node:22', 'WORKDIR /srv', 'WORKDIR app', 'USER 1'), 'WorkdirRelativePath')).toEqual([]);
      expect(hits(lines('FROM node:22 AS a', 'WORKDIR /srv', 'FROM a', 'WORKDIR app', 'USER 1'), 'WorkdirRelativePath')).toEqual([]);
    });
  });

  describe('ExposeProtoCasing', () => {
    it('flags an uppercase protocol', () => {
      expect(hits(lines('FROM node:22', 'EXPOSE 80/TCP', 'USER 1'), 'ExposeProtoCasing')).toMatchObject([{ line: 2, message: expect.stringContaining('80/tcp') }]);
    });
    it('accepts lowercase or no protocol', () => {
      expect(hits(lines('FROM node:22', 'EXPOSE 80/udp 443', 'USER 1'), 'ExposeProtoCasing')).toEqual([]);
    });
  });

  describe('ExposeInvalidFormat', () => {
    it('flags IPs and host-port mappings', () => {
      expect(hits(lines('FROM node:22', 'EXPOSE 127.0.0.1:80:80 8080:80', 'USER 1'), 'ExposeInvalidFormat')).toHaveLength(2);
    });
    it('accepts container ports and ranges', () => {
      expect(hits(lines('FROM node:22', 'EXPOSE 80 8000-8010/tcp', 'USER 1'), 'ExposeInvalidFormat')).toEqual([]);
    });
  });

  describe('UndefinedVar', () => {
    it('flags a global ARG used in a stage without redeclaring it', () => {
      const [f] = hits(lines('ARG APP=api', 'FROM node:22', 'COPY dist/$APP /srv', 'USER 1'), 'UndefinedVar');
      expect(f).toMatchObject({ line: 3, message: "Usage of undefined variable '$APP'; it is a global ARG: redeclare it with ARG APP inside this stage" });
    });
    it('flags undeclared variables on scratch', () => {
      expect(hits(lines('FROM scratch', 'COPY app /$DIR/app', 'USER 1'), 'UndefinedVar')).toHaveLength(1);
    });
    it('counts ${NAME:-default} forms as uses and suggests a close declared name, as BuildKit does', () => {
      const text = lines('FROM scratch', 'ARG APP_DIR=/srv', 'COPY app ${APP_DIRR:-/srv}/app', 'USER 1');
      expect(hits(text, 'UndefinedVar')).toMatchObject([{ line: 3, message: "Usage of undefined variable '$APP_DIRR' (did you mean $APP_DIR?); declare it with ARG APP_DIRR or ENV APP_DIRR=… before this line" }]);
      expect(hits(lines('ARG NODE_VERSION=26', 'FROM node:${NODE_VERSON}', 'USER 1'), 'UndefinedArgInFrom')).toMatchObject([
        { line: 2, message: "FROM argument 'NODE_VERSON' is not declared (did you mean NODE_VERSION?)" },
      ]);
    });
    // BuildKit UndefinedVar (docs.docker.com/go/dockerfile/rule/undefined-var): ${NAME-default} uses NAME, like ${NAME:-default}
    it('BuildKit UndefinedVar: ${NAME-default} is a use of NAME', () => {
      expect(hits(lines('FROM scratch', 'ARG DIR', 'COPY app ${DIR-/srv}/app', 'USER 1'), 'UndefinedVar')).toEqual([]);
      expect(hits(lines('FROM scratch', 'COPY app ${DIR-/srv}/app', 'USER 1'), 'UndefinedVar')).toMatchObject([{ line: 2, message: expect.stringMatching(/^Usage of undefined variable '\$DIR'; /) }]);
    });
    it('accepts declared, inherited, defaulted and base-image variables', () => {
      const text = lines(
        'ARG APP=api', 'FROM ghcr.io/acme/base:22 AS base', 'ENV HOME_DIR=/srv', 'FROM base', 'ARG APP', 'COPY dist/$APP $HOME_DIR/',
        'ENV PATH=$PATH:/x', 'WORKDIR ${ROOT:-/srv}', 'USER 1',
      );
      expect(hits(text, 'UndefinedVar')).toEqual([]);
    });
  });

  describe('NoBuildStage', () => {
    it('flags a file without FROM and instructions other than ARG before FROM', () => {
      expect(hits(lines('RUN echo hi'), 'NoBuildStage')).toMatchObject([{ line: 1, severity: 'error', message: expect.stringContaining('no FROM') }]);
      expect(hits(lines('ENV A=1', 'FROM node:22', 'USER 1'), 'NoBuildStage')).toMatchObject([{ line: 1, message: 'ENV before the first FROM; only ARG may come before FROM' }]);
    });
    it('accepts global ARGs before FROM', () => {
      expect(hits(lines('ARG V=22', 'FROM node:22', 'USER 1'), 'NoBuildStage')).toEqual([]);
    });
  });

  describe('UnknownInstruction', () => {
    it('flags a misspelt instruction', () => {
      expect(hits(lines('FROM node:22', 'RUNN npm ci', 'USER 1'), 'UnknownInstruction')).toMatchObject([{ line: 2, severity: 'error', message: 'unknown instruction RUNN' }]);
    });
    it('accepts every Docker instruction', () => {
      const text = lines(
        'ARG A=1', 'FROM node:22 AS a', 'RUN x', 'CMD ["x"]', 'LABEL a=b', 'EXPOSE 80', 'ENV B=1', 'ADD a /a', 'COPY a /a',
        'ENTRYPOINT ["x"]', 'VOLUME /v', 'WORKDIR /w', 'ONBUILD RUN x', 'STOPSIGNAL SIGTERM', 'HEALTHCHECK NONE',
        'SHELL ["/bin/sh", "-c"]', 'MAINTAINER m', 'USER 1',
      );
      expect(hits(text, 'UnknownInstruction')).toEqual([]);
    });
  });

  describe('SyntaxDirective', () => {
    it('flags a # syntax= directive', () => {
      expect(hits(lines('# syntax=docker/dockerfile:1', 'FROM node:22', 'USER 1'), 'SyntaxDirective'))
        .toMatchObject([{ line: 1, severity: 'warning', message: expect.stringContaining('pulls docker/dockerfile:1 at build time') }]);
    });
    it('accepts other directives and comments that only look like one', () => {
      expect(hits(lines('# escape=`', 'FROM node:22', '# syntax=docker/dockerfile:1', 'USER 1'), 'SyntaxDirective')).toEqual([]);
    });
  });

  it('has a test above for every registered rule', () => {
    const tested = [
      'NoBuildStage', 'UnknownInstruction', 'SyntaxDirective', 'LongLine' /* bounded-lines.spec.ts */,
      'CopyFromUnknownStage', 'StaticBinaryOnScratch', 'RootUser', 'FromLatest', 'EndOfLifeBaseImage', 'RedundantTargetPlatform', 'FromPlatformFlagConstDisallowed', 'FromNotLiteral', 'FromAsCasing',
      'StageNameCasing', 'DuplicateStageName', 'ReservedStageName', 'UndefinedArgInFrom', 'JSONArgsRecommended',
      'MaintainerDeprecated', 'LegacyKeyValueFormat', 'NoEmptyContinuation', 'ConsistentInstructionCasing',
      'MultipleInstructionsDisallowed', 'WorkdirRelativePath', 'ExposeProtoCasing', 'ExposeInvalidFormat', 'UndefinedVar', 'InvalidDefaultArgInFrom', 'SecretsUsedInArgOrEnv',
    ];
    expect(LINT_RULES.map((r) => r.name).sort()).toEqual(tested.sort());
  });
});

// BuildKit's semantics beyond its own tests, read from its sources (moby/buildkit frontend/dockerfile: instructions/parse.go,
// dockerfile2llb/convert.go, validations.go and convert_expose.go, parser/parser.go, shell/lex.go)
describe('BuildKit semantics of its check rules', () => {
  const found = (text: string, rule: string) => hits(text, rule).map((f) => `${f.line} ${f.message.split('; ')[0]}`);

  it('FromAsCasing: a mixed-case From is left to ConsistentInstructionCasing; from … As is a mismatch', () => {
    expect(found(lines('From node:22 as build', 'from node:22 As b2', 'USER 1'), 'FromAsCasing')).toEqual(["2 'As' and 'from' keywords' casing do not match"]);
  });

  it('DuplicateStageName and ReservedStageName name the stage lowercased, as BuildKit keeps it', () => {
    expect(found(lines('FROM node:22 AS Build', 'FROM node:22 AS BUILD', 'FROM node:22 AS Scratch', 'USER 1'), 'DuplicateStageName')).toEqual([
      '2 Duplicate stage name "build", stage names should be unique',
    ]);
    expect(found(lines('FROM node:22 AS Scratch', 'USER 1'), 'ReservedStageName')).toEqual(['1 Stage name should not use the same name as reserved stage "scratch"']);
  });

  it('ConsistentInstructionCasing: a tie is uppercase; global ARGs before the first FROM are neither counted nor checked', () => {
    expect(found(lines('from node:22', 'RUN x', 'USER 1', 'cmd ["x"]'), 'ConsistentInstructionCasing')).toEqual([
      "1 Command 'from' should match the case of the command majority (uppercase)",
      "4 Command 'cmd' should match the case of the command majority (uppercase)",
    ]);
    expect(found(lines('from node:22', 'RUN x'), 'ConsistentInstructionCasing')).toEqual(["1 Command 'from' should match the case of the command majority (uppercase)"]);
    expect(found(lines('arg V=1', 'arg W=2', 'FROM node:22', 'USER 1'), 'ConsistentInstructionCasing')).toEqual([]);
  });

  it('NoEmptyContinuation: once per instruction, on its last line; comment lines, heredoc bodies and the escape directive', () => {
    expect(found(lines('FROM node:22', 'RUN a \\', '', '  # note', '', '  b', 'USER 1'), 'NoEmptyContinuation')).toEqual(['6 Empty continuation line']);
    expect(found(lines('FROM node:22', 'RUN <<EOF', 'echo a', '', 'echo b', 'EOF', 'USER 1'), 'NoEmptyContinuation')).toEqual([]);
    expect(found(lines('# escape=`', 'FROM node:22', 'RUN a `', '', '  b', 'RUN c \\', '', 'USER 1'), 'NoEmptyContinuation')).toEqual(['5 Empty continuation line']);
    // an escaped escape character does not continue the line
    expect(found(lines('FROM node:22', 'RUN a \\\\', '', 'USER 1'), 'NoEmptyContinuation')).toEqual([]);
  });

  it('JSONArgsRecommended: exec form only for a JSON array of strings, named as written; SHELL only counts before it', () => {
    const text = lines('FROM node:22', "CMD ['node', 'a.js']", 'USER 1', 'cmd node a.js', 'SHELL ["/bin/bash", "-c"]', 'ENTRYPOINT node a.js');
    expect(found(text, 'JSONArgsRecommended')).toEqual([
      '2 JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
      '4 JSON arguments recommended for cmd to prevent unintended behavior related to OS signals',
    ]);
  });

  it('MultipleInstructionsDisallowed: every earlier one is reported, named as the later one is written', () => {
    expect(found(lines('FROM node:22', 'CMD ["a"]', 'cmd ["b"]', 'CMD ["c"]', 'USER 1'), 'MultipleInstructionsDisallowed')).toEqual([
      '2 Multiple cmd instructions should not be used in the same stage because only the last one will be used',
      '3 Multiple CMD instructions should not be used in the same stage because only the last one will be used',
    ]);
  });

  it('LegacyKeyValueFormat: named as written, in any stage', () => {
    expect(found(lines('from node:22', 'env NODE_ENV production', 'user 1'), 'LegacyKeyValueFormat')).toEqual([
      '2 "env key=value" should be used instead of legacy "env key value" format',
    ]);
  });

  it('WorkdirRelativePath: only the first WORKDIR of the stage chain, judged after expansion', () => {
    const first = (...body: string[]) => found(lines('FROM scratch AS a', ...body, 'USER 1'), 'WorkdirRelativePath');
    expect(first('WORKDIR app', 'WORKDIR sub')).toEqual(['2 Relative workdir "app" can have unexpected results if the base image changes']);
    expect(first('WORKDIR /srv', 'WORKDIR app')).toEqual([]);
    expect(first('WORKDIR "/srv"')).toEqual([]);
    expect(first('ARG DIR=/app', 'WORKDIR $DIR')).toEqual([]);
    expect(first('ARG DIR=app', 'WORKDIR ${DIR}/x')).toEqual(['3 Relative workdir "app/x" can have unexpected results if the base image changes']);
    // unset on scratch: $X/app is /app, ${X}app is app
    expect(first('WORKDIR $X/app')).toEqual([]);
    expect(first('WORKDIR ${X}app')).toEqual(['2 Relative workdir "app" can have unexpected results if the base image changes']);
    // a variable an unknown base image may set, or a known base image's ENV (its value is unknown here): not judged
    expect(found(lines('FROM ghcr.io/acme/base:1', 'WORKDIR ${APP_HOME}app', 'USER 1'), 'WorkdirRelativePath')).toEqual([]);
    expect(found(lines('FROM golang:1.26', 'WORKDIR ${GOPATH}src', 'USER 1'), 'WorkdirRelativePath')).toEqual([]);
    expect(found(lines('FROM node:22', 'WORKDIR ${APP_HOME}app', 'USER 1'), 'WorkdirRelativePath')).toEqual([
      '2 Relative workdir "app" can have unexpected results if the base image changes',
    ]);
    expect(found(lines('FROM node:22 AS a', 'WORKDIR app', 'FROM a AS b', 'WORKDIR sub', 'USER 1'), 'WorkdirRelativePath')).toEqual([
      '2 Relative workdir "app" can have unexpected results if the base image changes',
    ]);
  });

  it('ExposeProtoCasing and ExposeInvalidFormat: ports after variable expansion; an unknown protocol is a build error instead', () => {
    const text = lines('FROM scratch', 'ARG P=80/TCP', 'EXPOSE $P 81/TCPX 0.0.0.0:82:82 :83 84:84/TCPX', 'USER 1');
    expect(found(text, 'ExposeProtoCasing')).toEqual(["3 Defined protocol '80/TCP' in EXPOSE instruction should be lowercase"]);
    expect(found(text, 'ExposeInvalidFormat')).toEqual(["3 EXPOSE instruction should not define an IP address or host-port mapping, found '0.0.0.0:82:82'"]);
  });

  it('UndefinedVar: the words BuildKit expands, in its order, with its quoting', () => {
    const onScratch = (...body: string[]) => found(lines('FROM scratch', ...body, 'USER 1'), 'UndefinedVar');
    // each ARG sees the ones before it; ENV sees only the environment before the instruction
    expect(onScratch('ARG A=1 B=$A')).toEqual([]);
    expect(onScratch('ENV A=1 B=$A')).toEqual(["2 Usage of undefined variable '$A'"]);
    // EXPOSE, CMD and RUN's command are not checked; RUN --mount options, COPY --chown and ${A:-$B}'s default are
    // (the default is read first, as BuildKit's lexer does)
    expect(onScratch('EXPOSE $PORT', 'CMD ["$X"]', 'RUN echo $Y')).toEqual([]);
    expect(onScratch('RUN --mount=type=cache,target=$CACHE true')).toEqual(["2 Usage of undefined variable '$CACHE'"]);
    expect(onScratch('COPY --chown=$OWNER a /a', 'COPY a ${A:-$B}/')).toEqual([
      "2 Usage of undefined variable '$OWNER'", "3 Usage of undefined variable '$B'", "3 Usage of undefined variable '$A'",
    ]);
    // a COPY heredoc body is expanded when its delimiter is not quoted, with quotes read literally; RUN's never
    expect(onScratch('COPY <<EOF /a', "$A '$B'", 'EOF', 'COPY <<"EOT" /b', '$C', 'EOT', 'RUN <<EOF', 'echo $D', 'EOF')).toEqual([
      "2 Usage of undefined variable '$A'", "2 Usage of undefined variable '$B'",
    ]);
    // single quotes and the escape character keep $ literal
    expect(onScratch("COPY a '/$LITERAL'", 'COPY a /\\$ALSO')).toEqual([]);
    // the platform ARGs exist in a stage only once it declares them; an ARG without value is declared
    expect(onScratch('COPY bin/$TARGETARCH /x')).toEqual(["2 Usage of undefined variable '$TARGETARCH'"]);
    expect(onScratch('ARG TARGETARCH', 'ARG VERSION', 'COPY bin/$TARGETARCH/$VERSION /x')).toEqual([]);
    // BuildKit's hint: fewer than three edits from a name of the stage's environment
    expect(onScratch('ARG NODE_VERSION=26', 'ENV V=$NODE_VERSON W=$NODE_VER')).toEqual([
      "3 Usage of undefined variable '$NODE_VERSON' (did you mean $NODE_VERSION?)", "3 Usage of undefined variable '$NODE_VER'",
    ]);
  });

  it("UndefinedVar on an official image: its ENV counts as defined, anything else is reported as BuildKit does", () => {
    const text = lines('FROM docker.io/library/node:26-trixie-slim AS build', 'COPY a /$NODE_VERSION/ /${NODE_VERSON}/ ${ROOT:-/srv}/', 'FROM build', 'ENV X=$YARN_VERSION$MAVEN_CONFIG', 'USER 1');
    expect(found(text, 'UndefinedVar')).toEqual([
      "2 Usage of undefined variable '$NODE_VERSON' (did you mean $NODE_VERSION?)", "2 Usage of undefined variable '$ROOT'", "4 Usage of undefined variable '$MAVEN_CONFIG'",
    ]);
    // the same image under another organisation is another image: its ENV is not known
    expect(found(lines('FROM bitnami/node:22', 'COPY a ${ROOT:-/srv}/', 'USER 1'), 'UndefinedVar')).toEqual([]);
  });

  it('UndefinedVar on a base image whose ENV is unknown: a near-miss of a declared name or a name the file declares as an ARG elsewhere', () => {
    const text = lines('ARG GLOBAL=1', 'FROM ghcr.io/acme/base:1 AS a', 'ARG LATER_ARG=1', 'FROM ghcr.io/acme/base:1', 'ARG APP_DIR=/srv', 'COPY a $APP_DIRR/ $GLOBAL/ $LATER_ARG/ $NODE_VERSION/ $PAHT/', 'USER 1');
    expect(found(text, 'UndefinedVar')).toEqual([
      "6 Usage of undefined variable '$APP_DIRR' (did you mean $APP_DIR?)", "6 Usage of undefined variable '$GLOBAL'", "6 Usage of undefined variable '$LATER_ARG'",
    ]);
    expect(hits(text, 'UndefinedVar')[1].message).toBe("Usage of undefined variable '$GLOBAL'; it is a global ARG: redeclare it with ARG GLOBAL inside this stage");
  });
});

// Ported from moby/buildkit frontend/dockerfile/dockerfile_check_test.go (each case names its test function): the
// same Dockerfile text (BuildKit's start with a blank line, so the line numbers are BuildKit's), and every finding of
// the BuildKit rules we implement, as `line Rule: BuildKit's message` (our fix hint after "; " is cut off).
const BUILDKIT_RULES = new Set([
  'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName', 'ReservedStageName',
  'JSONArgsRecommended', 'MaintainerDeprecated', 'UndefinedArgInFrom', 'WorkdirRelativePath', 'UndefinedVar', 'MultipleInstructionsDisallowed',
  'LegacyKeyValueFormat', 'RedundantTargetPlatform', 'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed',
  'ExposeProtoCasing', 'ExposeInvalidFormat',
]);

function buildkitFindings(text: string): string[] {
  return lintDockerfile(text)
    .filter((f) => BUILDKIT_RULES.has(f.rule))
    .map((f) => `${f.line} ${f.rule}: ${f.message.split('; ')[0]}`);
}

const multiple = (name: string, line: number) =>
  `${line} MultipleInstructionsDisallowed: Multiple ${name} instructions should not be used in the same stage because only the last one will be used`;
const casing = (line: number, cmd: string, want: string) =>
  `${line} ConsistentInstructionCasing: Command '${cmd}' should match the case of the command majority (${want})`;
const json = (line: number, name: string) => `${line} JSONArgsRecommended: JSON arguments recommended for ${name} to prevent unintended behavior related to OS signals`;
const legacy = (line: number, name: string) => `${line} LegacyKeyValueFormat: "${name} key=value" should be used instead of legacy "${name} key value" format`;

const BUILDKIT_CASES: Array<[string, string, string[]]> = [
  // testRuleCheckOption: the file's `# check=` directive (its error=true cases: see the next describe)
  ['testRuleCheckOption', '#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n', []],
  ['testRuleCheckOption', '#check=skip=ConsistentInstructionCasing,FromAsCasing\nFROM scratch as base\ncopy Dockerfile .\n', []],
  ['testRuleCheckOption', '#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n', ["2 FromAsCasing: 'as' and 'FROM' keywords' casing do not match"]],
  ['testStageName', `
# warning: stage name should be lowercase
#
FROM scratch AS BadStageName

# warning: 'as' should match 'FROM' cmd casing.
#
FROM scratch as base2

FROM scratch AS base3
`, ["4 StageNameCasing: Stage name 'BadStageName' should be lowercase", "8 FromAsCasing: 'as' and 'FROM' keywords' casing do not match"]],
  ['testStageName', `
# warning: 'AS' should match 'from' cmd casing.
#
from scratch AS base

from scratch as base2
`, ["4 FromAsCasing: 'AS' and 'from' keywords' casing do not match"]],
  ['testNoEmptyContinuation', `
FROM scratch
# warning: empty continuation line
COPY Dockerfile \\

.
COPY Dockerfile \\
.
`, ['6 NoEmptyContinuation: Empty continuation line']],
  ['testConsistentInstructionCasing', `
# warning: 'FROM' should be either lowercased or uppercased
#
From scratch as base
FROM scratch AS base2
`, [casing(4, 'From', 'uppercase')]],
  ['testConsistentInstructionCasing', `
FROM scratch
# warning: 'copy' should match command majority's casing (uppercase)
copy Dockerfile /foo
COPY Dockerfile /bar
`, [casing(4, 'copy', 'uppercase')]],
  ['testConsistentInstructionCasing', `
# warning: 'frOM' should be either lowercased or uppercased
#
frOM scratch as base
from scratch as base2
`, [casing(4, 'frOM', 'lowercase')]],
  ['testConsistentInstructionCasing', `
from scratch
# warning: 'COPY' should match command majority's casing (lowercase)
COPY Dockerfile /foo
copy Dockerfile /bar
`, [casing(4, 'COPY', 'lowercase')]],
  ['testConsistentInstructionCasing', `
# warning: 'from' should match command majority's casing (uppercase)
#
from scratch
COPY Dockerfile /foo
COPY Dockerfile /bar
COPY Dockerfile /baz
`, [casing(4, 'from', 'uppercase')]],
  ['testConsistentInstructionCasing', `
# warning: 'FROM' should match command majority's casing (lowercase)
#
FROM scratch
copy Dockerfile /foo
copy Dockerfile /bar
copy Dockerfile /baz
`, [casing(4, 'FROM', 'lowercase')]],
  ['testConsistentInstructionCasing', '\nfrom scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n', []],
  ['testConsistentInstructionCasing', '\nFROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n', []],
  ['testConsistentInstructionCasing', "\nFROM alpine\nRUN <<'EOT'\nenv\nEOT\n", []],
  ['testDuplicateStageName', '\nFROM scratch AS b\nFROM scratch AS b\n', ['3 DuplicateStageName: Duplicate stage name "b", stage names should be unique']],
  ['testDuplicateStageName', '\nFROM scratch AS b1\nFROM scratch AS b2\n', []],
  ['testReservedStageName', '\nFROM scratch AS scratch\nFROM scratch AS context\n', [
    '2 ReservedStageName: Stage name should not use the same name as reserved stage "scratch"',
    '3 ReservedStageName: Stage name should not use the same name as reserved stage "context"',
  ]],
  ['testReservedStageName', '\nFROM scratch\nFROM scratch AS a\n', []],
  ['testJSONArgsRecommended', '\nFROM scratch\nCMD mycommand\n', [json(3, 'CMD')]],
  ['testJSONArgsRecommended', '\nFROM scratch\nENTRYPOINT mycommand\n', [json(3, 'ENTRYPOINT')]],
  ['testJSONArgsRecommended', '\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nCMD mycommand\n', []],
  ['testJSONArgsRecommended', '\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nENTRYPOINT mycommand\n', []],
  ['testJSONArgsRecommended', '\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nCMD mycommand\n', []],
  ['testJSONArgsRecommended', '\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nENTRYPOINT mycommand\n', []],
  ['testMaintainerDeprecated', '\nFROM scratch\nMAINTAINER me@example.org\n', ['3 MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label']],
  ['testMaintainerDeprecated', '\nFROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n', []],
  ['testMaintainerDeprecated', '\nFROM scratch\n# check=skip=JSONArgsRecommended\nCMD mycommand\n', []],
  ['testMaintainerDeprecated', '\nFROM scratch\n# check=skip=JSONArgsRecommended\nENTRYPOINT mycommand\n', []],
  ['testMaintainerDeprecated', '\nFROM scratch\n# check=skip=MaintainerDeprecated\nMAINTAINER me@example.org\n', []],
  // BuildKit stops at the unknown instruction (a build error); the warnings before it are the same
  ['testWarningsBeforeError', '\nFROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD\n', [
    "2 StageNameCasing: Stage name 'BadStageName' should be lowercase",
    '3 MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label',
  ]],
  ['testWorkdirRelativePath', '\nFROM scratch\nWORKDIR app/\n', ['3 WorkdirRelativePath: Relative workdir "app/" can have unexpected results if the base image changes']],
  ['testWorkdirRelativePath', '\nFROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n', []],
  ['testWorkdirRelativePath', '\nFROM scratch\n# check=skip=WorkdirRelativePath\nWORKDIR app/\n', []],
  ['testUnmatchedVars', '\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n', []],
  ['testUnmatchedVars', '\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n', []],
  ['testUnmatchedVars', '\nFROM alpine\nRUN echo $PATH\n', []],
  ['testUnmatchedVars', '\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n', ["3 UndefinedVar: Usage of undefined variable '$foo'"]],
  ['testUnmatchedVars', '\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n\t', [
    "6 UndefinedVar: Usage of undefined variable '$DIR_ASSET' (did you mean $DIR_ASSETS?)",
  ]],
  ['testUnmatchedVars', '\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n\t\t', ["3 UndefinedVar: Usage of undefined variable '$PAHT' (did you mean $PATH?)"]],
  ['testUnmatchedVars (on scratch, where both agree)', '\nFROM scratch\nENV PATH=$PAHT:/tmp/bin\n\t\t', [
    "3 UndefinedVar: Usage of undefined variable '$PAHT' (did you mean $PATH?)",
  ]],
  ['testMultipleInstructionsDisallowed', `
FROM scratch
ENTRYPOINT ["/myapp"]
ENTRYPOINT ["/myotherapp"]
CMD ["/myapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myapp"]
HEALTHCHECK CMD ["/myotherapp"]
`, [multiple('ENTRYPOINT', 3), multiple('CMD', 5), multiple('HEALTHCHECK', 7)]],
  ['testMultipleInstructionsDisallowed', `
FROM scratch
ENTRYPOINT ["/myapp"]
CMD ["/myapp"]
HEALTHCHECK CMD ["/myapp"]
COPY <<EOF /a.txt
Hello, World!
EOF
ENTRYPOINT ["/myotherapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myotherapp"]
`, [multiple('ENTRYPOINT', 3), multiple('CMD', 4), multiple('HEALTHCHECK', 5)]],
  ['testMultipleInstructionsDisallowed', `
FROM scratch AS a
ENTRYPOINT ["/myapp"]
CMD ["/myapp"]
HEALTHCHECK CMD ["/myapp"]

FROM a AS b
ENTRYPOINT ["/myotherapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myotherapp"]
`, []],
  ['testLegacyKeyValueFormat', '\nFROM scratch\nENV testkey value\nLABEL key value\n', [legacy(3, 'ENV'), legacy(4, 'LABEL')]],
  ['testLegacyKeyValueFormat', '\nFROM scratch\nENV testkey=value\nLABEL key=value\n', []],
  ['testLegacyKeyValueFormat', '\nFROM scratch\n# check=skip=LegacyKeyValueFormat\nENV testkey value\n# check=skip=LegacyKeyValueFormat\nLABEL key value\n', []],
  // BuildKit's test reads these from a stage the build does not reach (its UnmarshalWarnings); `docker build --check`
  // checks every stage, on the lines of the file
  ['testLegacyKeyValueFormat', '\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\nFROM a AS c\n', [legacy(5, 'ENV'), legacy(6, 'LABEL')]],
  ['testExposeProtoCasing', '\nFROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n', [
    "3 ExposeProtoCasing: Defined protocol '80/TcP' in EXPOSE instruction should be lowercase",
    "3 ExposeProtoCasing: Defined protocol '8080/TCP' in EXPOSE instruction should be lowercase",
  ]],
  ['testExposeInvalidFormat', '\nFROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n', [
    "3 ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:80:80'",
    "3 ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port mapping, found '[::1]:8080:8080'",
    "3 ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port mapping, found '5000:5000'",
  ]],
];

describe("BuildKit's own check tests (dockerfile_check_test.go)", () => {
  it.each(BUILDKIT_CASES)('%s (case %#)', (_test, text, expected) => {
    expect(buildkitFindings(text)).toEqual(expected);
  });

  // testRuleCheckOption: with error=true BuildKit fails the build on what its checks report; here they become errors
  it('testRuleCheckOption: error=true makes what BuildKit reports an error, skip still applies, the rules option still wins', () => {
    const text = '#check=skip=ConsistentInstructionCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\nUSER 1\n';
    expect(lintDockerfile(text).filter((f) => BUILDKIT_RULES.has(f.rule)).map((f) => `${f.line} ${f.rule} ${f.severity}`)).toEqual(['2 FromAsCasing error']);
    expect(lintDockerfile(text, { rules: { FromAsCasing: 'warning' } }).find((f) => f.rule === 'FromAsCasing')?.severity).toBe('warning');
    expect(buildkitFindings('#check=skip=all;error=true\nFROM scratch as base\ncopy Dockerfile .\n')).toEqual([]);
  });

  it("a `# check=skip=` comment silences only BuildKit's rules, only on its instruction, and not the file-wide ones", () => {
    const text = lines(
      'FROM scratch', '# check=skip=MaintainerDeprecated,RootUser', '', '# another comment', 'MAINTAINER a', 'MAINTAINER b',
      '#', '# check=skip=all', 'run true', 'CMD ["a"]', '# check=skip=MultipleInstructionsDisallowed', 'CMD ["b"]',
    );
    // (BuildKit reports the earlier CMD while it dispatches the later one, so the later one's comment counts)
    expect(lintDockerfile(text).map((f) => `${f.line} ${f.rule}`)).toEqual([
      '1 RootUser', '6 MaintainerDeprecated', '9 ConsistentInstructionCasing',
    ]);
    // an empty `#` line starts the comments over; the check settings come only from the comments since the last instruction
    expect(hits(lines('FROM scratch', '# check=skip=MaintainerDeprecated', '#', 'MAINTAINER a', 'USER 1'), 'MaintainerDeprecated')).toHaveLength(1);
  });
});

// The examples of BuildKit's rule pages (moby/buildkit frontend/dockerfile/linter/docs/<Rule>.md, published at
// docs.docker.com/go/dockerfile/rule/): the bad one reports what the page shows, the good ones nothing
const BUILDKIT_DOC_EXAMPLES: Array<[string, string, string[]]> = [
  ['StageNameCasing', 'FROM alpine AS BuilderBase\n', ["1 StageNameCasing: Stage name 'BuilderBase' should be lowercase"]],
  ['StageNameCasing', 'FROM alpine AS builder-base\n', []],
  ['FromAsCasing', 'FROM debian:latest as builder\n', ["1 FromAsCasing: 'as' and 'FROM' keywords' casing do not match"]],
  ['FromAsCasing', 'FROM debian:latest AS deb-builder\n', []],
  ['FromAsCasing', 'from debian:latest as deb-builder\n', []],
  ['DuplicateStageName', 'FROM debian:latest AS builder\nRUN apt-get update; apt-get install -y curl\n\nFROM golang:latest AS builder\n', [
    '4 DuplicateStageName: Duplicate stage name "builder", stage names should be unique',
  ]],
  ['DuplicateStageName', 'FROM debian:latest AS deb-builder\nRUN apt-get update; apt-get install -y curl\n\nFROM golang:latest AS go-builder\n', []],
  ['ReservedStageName', 'FROM alpine AS scratch\nFROM alpine AS context\n', [
    '1 ReservedStageName: Stage name should not use the same name as reserved stage "scratch"',
    '2 ReservedStageName: Stage name should not use the same name as reserved stage "context"',
  ]],
  ['ReservedStageName', 'FROM alpine AS builder\n', []],
  // (the page's MAINTAINER example has no FROM; with one it is on line 2)
  ['MaintainerDeprecated', 'FROM alpine\nMAINTAINER moby@example.com\n', ['2 MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label']],
  ['MaintainerDeprecated', 'FROM alpine\nLABEL org.opencontainers.image.authors="moby@example.com"\n', []],
  ['JSONArgsRecommended', 'FROM alpine\nENTRYPOINT my-program start\n# entrypoint becomes: /bin/sh -c my-program start\n', [json(2, 'ENTRYPOINT')]],
  ['JSONArgsRecommended', 'FROM alpine\nENTRYPOINT ["my-program", "start"]\n# entrypoint becomes: my-program start\n', []],
  ['JSONArgsRecommended', 'FROM alpine\nRUN apk add bash\nCOPY --chmod=755 <<EOT /entrypoint.sh\n#!/usr/bin/env bash\nset -e\nmy-background-process &\nmy-program start\nEOT\nENTRYPOINT ["/entrypoint.sh"]\n', []],
  ['JSONArgsRecommended', 'FROM alpine\nRUN apk add bash\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT echo "hello world"\n', []],
  ['ConsistentInstructionCasing', 'From alpine\nRun echo hello > /greeting.txt\nEntRYpOiNT ["cat", "/greeting.txt"]\n', [
    casing(1, 'From', 'uppercase'), casing(2, 'Run', 'uppercase'), casing(3, 'EntRYpOiNT', 'uppercase'),
  ]],
  ['ConsistentInstructionCasing', 'FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n', []],
  ['ConsistentInstructionCasing', 'from alpine\nrun echo hello > /greeting.txt\nentrypoint ["cat", "/greeting.txt"]\n', []],
  ['MultipleInstructionsDisallowed', 'FROM alpine\nENTRYPOINT ["echo", "Hello, Norway!"]\nENTRYPOINT ["echo", "Hello, Sweden!"]\n# Only "Hello, Sweden!" will be printed\n', [multiple('ENTRYPOINT', 2)]],
  ['MultipleInstructionsDisallowed', 'FROM alpine\nENTRYPOINT ["echo", "Hello, Norway!\\nHello, Sweden!"]\n', []],
  ['MultipleInstructionsDisallowed', 'FROM python:alpine\nRUN apk add curl\nHEALTHCHECK --interval=1s --timeout=3s \\\n  CMD ["curl", "-f", "http://localhost:8080"]\nCMD ["python", "-m", "http.server", "8080"]\n', []],
  ['NoEmptyContinuation', 'FROM alpine\nRUN apk add \\\n\n    gnupg \\\n\n    curl\n', ['6 NoEmptyContinuation: Empty continuation line']],
  ['NoEmptyContinuation', 'FROM alpine\nEXPOSE \\\n\n80\n', ['4 NoEmptyContinuation: Empty continuation line']],
  ['NoEmptyContinuation', 'FROM alpine\nEXPOSE \\\n# Port\n80\n', []],
  ['WorkdirRelativePath', 'FROM nginx AS web\nWORKDIR usr/share/nginx/html\nCOPY public .\n', [
    '2 WorkdirRelativePath: Relative workdir "usr/share/nginx/html" can have unexpected results if the base image changes',
  ]],
  ['WorkdirRelativePath', 'FROM nginx AS web\nWORKDIR /usr/share/nginx/html\nCOPY public .\n', []],
  ['UndefinedVar', 'FROM alpine AS base\nCOPY $foo .\n', ["2 UndefinedVar: Usage of undefined variable '$foo'"]],
  ['UndefinedVar', 'FROM alpine AS base\nARG foo\nCOPY $foo .\n', []],
  ['UndefinedVar', 'FROM alpine AS base\nARG VERSION=$foo\n', ["2 UndefinedVar: Usage of undefined variable '$foo'"]],
  ['UndefinedVar', 'FROM python AS base\nARG VERSION=$PYTHON_VERSION\n', []],
  ['UndefinedVar', 'FROM alpine\nENV PATH=$PAHT:/app/bin\n', ["2 UndefinedVar: Usage of undefined variable '$PAHT' (did you mean $PATH?)"]],
  ['ExposeInvalidFormat', 'FROM alpine\nEXPOSE 127.0.0.1:80:80\n', ["2 ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:80:80'"]],
  ['ExposeInvalidFormat', 'FROM alpine\nEXPOSE 80:80\n', ["2 ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port mapping, found '80:80'"]],
  ['ExposeInvalidFormat', 'FROM alpine\nEXPOSE 80\n', []],
  ['ExposeProtoCasing', 'FROM alpine\nEXPOSE 80/TcP\n', ["2 ExposeProtoCasing: Defined protocol '80/TcP' in EXPOSE instruction should be lowercase"]],
  ['ExposeProtoCasing', 'FROM alpine\nEXPOSE 80/tcp\n', []],
];

describe("BuildKit's rule pages (linter/docs/*.md)", () => {
  it.each(BUILDKIT_DOC_EXAMPLES)('%s (case %#)', (_rule, text, expected) => {
    expect(buildkitFindings(text)).toEqual(expected);
  });
});
