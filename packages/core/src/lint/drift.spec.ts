import type { Detection } from '../types';
import { driftFindings, imageRuntime, versionSource } from './drift';

function detection(language: Detection['language'], runtimeVersion: string | null, evidence: string[]): Detection {
  return { language, packageManager: 'npm', runtimeVersion, entry: null, evidence };
}

const node20 = detection('node', '20', ['.nvmrc: "20" → 20 (exact)']);

describe('driftFindings', () => {
  it('reports a FROM tag that differs from .nvmrc, naming both values and both files', () => {
    const text = 'FROM node:22-bookworm-slim AS build\nRUN npm ci\nFROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime\n';
    const findings = driftFindings(text, node20, 'apps/api/Dockerfile');
    expect(findings).toEqual([
      {
        line: 1,
        rule: 'runtime-drift',
        severity: 'error',
        message: 'node 22 in apps/api/Dockerfile (FROM node:22-bookworm-slim) differs from node 20 in .nvmrc ("20"); make them agree',
      },
      expect.objectContaining({ line: 3, message: expect.stringContaining('FROM gcr.io/distroless/nodejs22-debian12:nonroot') }),
    ]);
  });

  it('is quiet when the Dockerfile agrees with the repository', () => {
    const text = 'FROM node:20-bookworm-slim AS build\nFROM gcr.io/distroless/nodejs20-debian12:nonroot AS runtime\n';
    expect(driftFindings(text, node20)).toEqual([]);
  });

  it('is quiet when the repository pins no version', () => {
    expect(driftFindings('FROM node:18-alpine\n', detection('node', null, []))).toEqual([]);
  });

  it('compares python at major.minor and names requires-python', () => {
    const py = detection('python', '3.11', ['pyproject.toml: requires-python ">=3.11,<3.12" → 3.11 (upper bound)']);
    const findings = driftFindings('FROM python:3.12-slim-bookworm AS runtime\n', py);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe(
      'python 3.12 in Dockerfile (FROM python:3.12-slim-bookworm) differs from python 3.11 in pyproject.toml (requires-python ">=3.11,<3.12"); make them agree',
    );
    expect(driftFindings('FROM python:3.11.9-slim AS runtime\n', py)).toEqual([]);
  });

  it('reads version build args and reports at the ARG line, not again at the FROM that uses it', () => {
    const go = detection('go', '1.22', ['go.mod: go "1.22" → 1.22 (go directive)']);
    const text = 'ARG GO_VERSION=1.21\nFROM golang:${GO_VERSION}-bookworm AS build\nFROM gcr.io/distroless/static-debian12:nonroot AS runtime\n';
    expect(driftFindings(text, go)).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('go 1.21 in Dockerfile (ARG GO_VERSION=1.21) differs from go 1.22 in go.mod') }),
    ]);
  });

  it('resolves other global args in FROM before comparing', () => {
    const rust = detection('rust', '1.83', ['rust-toolchain.toml: channel "1.83.0" → 1.83 (channel)']);
    const text = 'ARG BASE=rust:1.80-slim-bookworm\nFROM ${BASE} AS build\nFROM gcr.io/distroless/cc-debian12:nonroot AS runtime\n';
    expect(driftFindings(text, rust).map((f) => [f.line, f.message.split(' differs')[0]])).toEqual([
      [2, 'rust 1.80 in Dockerfile (FROM rust:1.80-slim-bookworm)'],
    ]);
  });

  it('checks java through the JDK in maven images and the distroless JRE', () => {
    const java = detection('java', '17', ['pom.xml: maven.compiler.release "17" → 17 (release)']);
    const text = 'FROM maven:3.9-eclipse-temurin-21 AS build\nFROM gcr.io/distroless/java21-debian12:nonroot AS runtime\n';
    expect(driftFindings(text, java).map((f) => f.line)).toEqual([1, 2]);
  });

  it('ignores images of other languages and earlier stages', () => {
    const text = 'FROM python:3.12-slim AS tools\nFROM node:20-bookworm-slim AS build\nFROM build AS runtime\n';
    expect(driftFindings(text, node20)).toEqual([]);
  });
});

describe('imageRuntime / versionSource', () => {
  it('reads versions of refs outside the catalog by image name', () => {
    expect(imageRuntime('node:22.11.0-alpine3.20')).toEqual({ language: 'node', version: '22.11.0' });
    expect(imageRuntime('registry.example.com/library/python:3.13-slim')).toEqual({ language: 'python', version: '3.13' });
    expect(imageRuntime('gcr.io/distroless/static-debian12:nonroot')).toBeNull();
    expect(imageRuntime('alpine:3.20')).toBeNull();
  });

  it('falls back to a generic name when the evidence does not say', () => {
    expect(versionSource(detection('node', '20', []))).toBe("the project's version file");
  });
});
