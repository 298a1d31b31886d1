import { publicRepoUrl } from './git-labels';

describe('publicRepoUrl', () => {
  it.each([
    ['git@github.com:team/shop.git', 'https://github.com/team/shop'],
    ['https://user:s3cret@gitlab.example.com/group/app.git', 'https://gitlab.example.com/group/app'],
    ['ssh://git@host.example.com:2222/x/y.git', 'https://host.example.com/x/y'],
    ['https://github.com/team/shop/', 'https://github.com/team/shop'],
  ])('%s → %s (credentials never kept)', (remote, url) => {
    expect(publicRepoUrl(remote)).toBe(url);
  });

  it('gives null for local paths', () => {
    expect(publicRepoUrl('/srv/git/shop.git')).toBeNull();
    expect(publicRepoUrl('file:///srv/git/shop.git')).toBeNull();
  });
});
