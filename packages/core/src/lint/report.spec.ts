import { formatLintResults, lintExitCode } from './report';

const results = [
  {
    path: 'apps/api/Dockerfile',
    findings: [
      { line: 3, rule: 'runtime-drift', severity: 'error' as const, message: 'node 22 … differs' },
      { line: 9, rule: 'JSONArgsRecommended', severity: 'warning' as const, message: 'use JSON form' },
    ],
  },
  { path: 'apps/web/Dockerfile', findings: [] },
];

describe('lint report', () => {
  it('prints compiler-style lines and a summary', () => {
    expect(formatLintResults(results).split('\n')).toEqual([
      'apps/api/Dockerfile:3 runtime-drift node 22 … differs',
      'apps/api/Dockerfile:9 JSONArgsRecommended use JSON form (warning)',
      '1 error, 1 warning in 2 Dockerfiles',
    ]);
    expect(formatLintResults([{ path: 'Dockerfile', findings: [] }])).toBe('1 Dockerfile checked, no problems');
  });

  it('prints one JSON document with counts', () => {
    const parsed = JSON.parse(formatLintResults(results, 'json'));
    expect(parsed.errors).toBe(1);
    expect(parsed.warnings).toBe(1);
    expect(parsed.files[0]).toEqual(results[0]);
  });

  it('fails only on errors', () => {
    expect(lintExitCode(results)).toBe(1);
    expect(lintExitCode([{ path: 'Dockerfile', findings: [results[0].findings[1]] }])).toBe(0);
  });
});
