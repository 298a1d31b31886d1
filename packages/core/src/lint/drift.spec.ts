import type { Detection } from '../types';
import { driftFindings, imageRuntime, repoVersion } from './drift';

function detection(language: Detection['language'], runtimeVersion: string | null, evidence: string[]): Detection {
  return { language, packageManager: 'npm', runtimeVersion, entry: null, listen: { port: null, portEnv: null, hostEnv: null, warnings: [] }, evidence };
}

// Evidence lines in the shapes core's detectors write them.
const nvmrc20 = detection('node', '20', ['.nvmrc: "20" → 20 (the only version the range allows)']);

describe('driftFindings', () => {
  it('reports a FROM tag that differs from .nvmrc, naming both values and both files', () => {
    const text = 'FROM node:22-bookworm-slim AS build\nRUN npm ci\nFROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime\n';
    expect(driftFindings(text, nvmrc20, 'apps/api/Dockerfile')).toEqual([
      {
        line: 1,
        rule: 'runtime-drift',
        severity: 'error',
        message: 'node 22 in apps/api/Dockerfile (FROM node:22-bookworm-slim) differs from node 20 in .nvmrc ("20"); make them agree',
      },
      expect.objectContaining({ line: 3, message: expect.stringContaining('(FROM gcr.io/distroless/nodejs22-debian12:nonroot) differs') }),
    ]);
  });

  it('is quiet when the Dockerfile agrees with the repository', () => {
    const text = 'FROM node:20-bookworm-slim AS build\nFROM gcr.io/distroless/nodejs20-debian12:nonroot AS runtime\n';
    expect(driftFindings(text, nvmrc20)).toEqual([]);
  });

  it('is quiet when the repository pins no version', () => {
    expect(driftFindings('FROM node:18-alpine\n', detection('node', null, []))).toEqual([]);
  });

  it('reads engines.node as a range: any version inside it is fine', () => {
    const engines = detection('node', '22', ['package.json: engines.node ">=20" → 22 (lower bound only; the default satisfies it)']);
    expect(driftFindings('FROM node:20-bookworm-slim AS runtime\n', engines)).toEqual([]);
    expect(driftFindings('FROM node:24-bookworm-slim AS runtime\n', engines)).toEqual([]);
    expect(driftFindings('FROM node:18-bookworm-slim AS runtime\n', engines)).toEqual([
      expect.objectContaining({ message: 'node 18 in Dockerfile (FROM node:18-bookworm-slim) is outside the range in package.json (engines.node ">=20"); make them agree' }),
    ]);
  });

  it('reads requires-python as a range at major.minor', () => {
    const py = detection('python', '3.11', ['pyproject.toml: requires-python ">=3.9,<3.12" → 3.11 (the newest version the range allows)']);
    expect(driftFindings('FROM python:3.10-slim AS runtime\n', py)).toEqual([]);
    const findings = driftFindings('FROM python:3.12-slim-bookworm AS runtime\n', py);
    expect(findings.map((f) => f.message)).toEqual([
      'python 3.12 in Dockerfile (FROM python:3.12-slim-bookworm) is outside the range in pyproject.toml (requires-python ">=3.9,<3.12"); make them agree',
    ]);
  });

  it('pins python exactly from .python-version, ignoring the patch level', () => {
    const py = detection('python', '3.11', ['.python-version: "3.11.9" → 3.11 (the only version the range allows)']);
    expect(driftFindings('FROM python:3.11.4-slim AS runtime\n', py)).toEqual([]);
    expect(driftFindings('FROM python:3.12-slim AS runtime\n', py)).toHaveLength(1);
  });

  it("reads go.mod's go line as a minimum and reports at the ARG line holding the value", () => {
    const go = detection('go', '1.22', ['go.mod: module example.com/svc', 'go.mod: go 1.22 → 1.22']);
    expect(driftFindings('FROM golang:1.23-bookworm AS build\n', go)).toEqual([]);
    const text = 'ARG GO_VERSION=1.21\nFROM golang:${GO_VERSION}-bookworm AS build\nFROM gcr.io/distroless/static-debian12:nonroot AS runtime\n';
    expect(driftFindings(text, go)).toEqual([
      expect.objectContaining({ line: 1, message: 'go 1.21 in Dockerfile (ARG GO_VERSION=1.21) is older than go 1.22 required by go.mod (go 1.22); make them agree' }),
    ]);
  });

  it('pins rust from rust-toolchain.toml and resolves global args in FROM', () => {
    const rust = detection('rust', '1.83', ['rust-toolchain.toml: channel 1.83.0 → 1.83']);
    const text = 'ARG BASE=rust:1.80-slim-bookworm\nFROM ${BASE} AS build\nFROM gcr.io/distroless/cc-debian12:nonroot AS runtime\n';
    expect(driftFindings(text, rust).map((f) => [f.line, f.message])).toEqual([
      [2, 'rust 1.80 in Dockerfile (FROM rust:1.80-slim-bookworm) differs from rust 1.83 in rust-toolchain.toml (channel 1.83.0); make them agree'],
    ]);
  });

  it("treats Cargo's rust-version as a minimum", () => {
    const msrv = detection('rust', '1.83', ['Cargo.toml: package.rust-version 1.70 → 1.83 (minimum supported; lower bound only; the default satisfies it)']);
    expect(driftFindings('FROM rust:1.75-slim-bookworm AS build\n', msrv)).toEqual([]);
    expect(driftFindings('FROM rust:1.65-slim-bookworm AS build\n', msrv)[0].message).toBe(
      'rust 1.65 in Dockerfile (FROM rust:1.65-slim-bookworm) is older than rust 1.70 required by Cargo.toml (package.rust-version 1.70); make them agree',
    );
  });

  it('checks java through the JDK in maven images and the distroless JRE', () => {
    const java = detection('java', '17', ['pom.xml: maven.compiler.release 17 → 17']);
    const text = 'FROM maven:3.9-eclipse-temurin-21 AS build\nFROM gcr.io/distroless/java21-debian12:nonroot AS runtime\n';
    expect(driftFindings(text, java).map((f) => f.line)).toEqual([1, 2]);
    expect(driftFindings(text.replace(/21/g, '17'), java)).toEqual([]);
  });

  it('ignores images of other languages and earlier stages', () => {
    const text = 'FROM python:3.12-slim AS tools\nFROM node:20-bookworm-slim AS build\nFROM build AS runtime\n';
    expect(driftFindings(text, nvmrc20)).toEqual([]);
  });
});

describe('imageRuntime / repoVersion', () => {
  it('reads versions of refs outside the catalog by image name', () => {
    expect(imageRuntime('node:22.11.0-alpine3.20')).toEqual({ language: 'node', version: '22.11.0' });
    expect(imageRuntime('registry.example.com/library/python:3.13-slim')).toEqual({ language: 'python', version: '3.13' });
    expect(imageRuntime('gcr.io/distroless/static-debian12:nonroot')).toBeNull();
    expect(imageRuntime('alpine:3.20')).toBeNull();
  });

  it('falls back to an exact pin with a generic name when the evidence does not say', () => {
    expect(repoVersion(detection('node', '20', []))).toEqual({ source: "the project's version file", kind: 'exact', version: '20', spec: null });
    expect(repoVersion(detection('node', null, []))).toBeNull();
  });
});
