import { closestNames, didYouMean } from './closest-names';

describe('closestNames', () => {
  const names = ['api', 'web', 'api-e2e', 'worker', 'billing-service'];
  it('finds typos and partial names, closest first', () => {
    expect(closestNames('apii', names)).toEqual(['api']);
    expect(closestNames('ap', names)).toEqual(['api', 'api-e2e']);
    expect(closestNames('wrker', names)).toEqual(['worker']);
    expect(closestNames('billing', names)).toEqual(['billing-service']);
  });
  it('returns nothing for an unrelated name', () => {
    expect(closestNames('zzzzzz', names)).toEqual([]);
  });
});

describe('didYouMean (flags, enum values, stages)', () => {
  it('suggests the value a typo or a swapped pair of letters meant', () => {
    expect(didYouMean('pyhton', ['node', 'python', 'go', 'rust', 'java'])).toBe("; did you mean 'python'?");
    expect(didYouMean('biuld', ['build', 'runtime'])).toBe("; did you mean 'build'?");
    expect(didYouMean('tagg', ['tag', 'tags', 'target'])).toBe("; did you mean 'tag'?");
    expect(didYouMean('dockr', ['auto', 'docker', 'buildx', 'podman', 'buildah'])).toBe("; did you mean 'docker'?");
  });
  it('stays silent rather than suggest an unrelated short word', () => {
    expect(didYouMean('ruby', ['node', 'python', 'go', 'rust', 'java'])).toBe('');
    expect(didYouMean('pnpm', ['pip', 'poetry', 'uv'])).toBe('');
    expect(didYouMean(42, ['a'])).toBe('');
  });
});
