import { closestNames } from './closest-names';

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
