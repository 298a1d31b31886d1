import { DEFAULT_VERSIONS } from '../catalog';
import { currentVersion } from './current-versions';
import { javaMajor, reduceVersionRange, truncateVersion } from './version-range';

// Fixed "current" versions so these rules do not move when the catalog's defaults do.
const NODE = [22];
const PY = [3, 12];

describe('reduceVersionRange, major granularity (node)', () => {
  it.each([
    ['20', '20'],
    ['v20.11.1', '20'],
    ['20.x', '20'],
    ['^18.17', '18'],
    ['~20.1', '20'],
    ['>=20', '22'],
    ['>= 20.0.0', '22'],
    ['>18', '22'],
    ['>=24', '24'],
    ['>=18 <21', '20'],
    ['<21', '20'],
    ['<=20', '20'],
    ['<20.5', '20'],
    ['18 - 20', '20'],
    ['^18 || ^20', '20'],
    ['^18 || >=20', '22'],
    ['^22.0.0', '22'],
    ['*', null],
    ['x', null],
    ['>=22 <22', null], // empty
  ])('%j → %j', (spec, version) => {
    expect(reduceVersionRange(spec, NODE, 1).version).toBe(version);
  });

  it('says why', () => {
    expect(reduceVersionRange('>=20', NODE, 1).reason).toBe('lower bound only; the default satisfies it');
    expect(reduceVersionRange('>=24', NODE, 1).reason).toBe('the lower bound, newer than the default');
    expect(reduceVersionRange('>=18 <21', NODE, 1).reason).toBe('the newest version the range allows');
    expect(reduceVersionRange('20', NODE, 1).reason).toBe('the only version the range allows');
    expect(reduceVersionRange('lts/iron', NODE, 1)).toEqual({ version: null, reason: 'not a version range I understand' });
  });
});

describe('reduceVersionRange, major.minor granularity (python, rust)', () => {
  it.each([
    ['3.11.4', '3.11'],
    ['3.11', '3.11'],
    ['3', '3.12'],
    ['>=3.11', '3.12'],
    ['>=3.8', '3.12'],
    ['>=3.13', '3.13'],
    ['>3.12', '3.13'],
    ['~=3.11', '3.12'],
    ['~=3.11.2', '3.11'],
    ['==3.11.*', '3.11'],
    ['>=3.9,<3.12', '3.11'],
    ['>=3.10, <3.13', '3.12'],
    ['>=3.8,<4', '3.12'],
    ['>=3.9,!=3.10.*', '3.12'],
    ['^3.10', '3.12'],
    ['~3.10', '3.10'],
    ['>=3.10,<3.12 || >=3.13', '3.13'],
    ['3.13.0rc1', '3.13'],
  ])('%j → %j', (spec, version) => {
    expect(reduceVersionRange(spec, PY, 2).version).toBe(version);
  });
});

it.each([
  ['go1.22.5', 2, '1.22'],
  ['1.22', 2, '1.22'],
  ['1', 2, null],
  ['v20.1.0', 1, '20'],
  ['nightly', 1, null],
] as const)('truncateVersion(%j, %d) → %j', (text, g, out) => {
  expect(truncateVersion(text, g)).toBe(out);
});

it.each([
  ['1.8', '8'],
  ['1.8.0_392', '8'],
  ['17', '17'],
  ['17.0.2', '17'],
  ['21.0.2-tem', '21'],
  ['temurin-21.0.1+12', '21'],
  ['openjdk64-11.0.2', '11'],
  ['VERSION_17', null],
  ['java', null],
])('javaMajor(%j) → %j', (text, out) => {
  expect(javaMajor(text)).toBe(out);
});

it('current versions come from the catalog defaults', () => {
  expect(currentVersion('node')).toEqual([Number(DEFAULT_VERSIONS.node)]);
  expect(currentVersion('python').join('.')).toBe(DEFAULT_VERSIONS.python);
  expect(currentVersion('rust').join('.')).toBe(DEFAULT_VERSIONS.rust);
});
