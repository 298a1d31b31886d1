import { sanitizeImageName, validateTag } from './tag';

describe('validateTag', () => {
  it.each([
    'app',
    'app:1.0',
    'my-app:dev',
    'team/app:v1.2.3-rc.1',
    'registry.example.com/team/app:1',
    'localhost:5000/app:latest',
    'localhost/app',
    '127.0.0.1:5000/a/b/c:x_y',
    'ghcr.io/org/app@sha256:' + 'a'.repeat(64),
    'app:1@sha256:' + 'b'.repeat(64),
    'a__b.c-d---e:' + 'x'.repeat(128),
    'Registry.Example.com/app:1',
  ])('accepts %s', (tag) => {
    expect(validateTag(tag)).toBeNull();
  });

  it.each([
    ['a;rm -rf /', `tag "a;rm -rf /" contains whitespace; image references cannot`],
    ['a;rm', `tag "a;rm" contains ';'; image references use only letters, digits and . _ - / : @`],
    ['app:1 2', 'tag "app:1 2" contains whitespace; image references cannot'],
    ['app\n:1', 'tag "app\\n:1" contains whitespace; image references cannot'],
    ['MyApp:1', `tag "MyApp:1": repository names must be lowercase ('MyApp' → 'myapp')`],
    ['team/MyApp', `tag "team/MyApp": repository names must be lowercase ('MyApp' → 'myapp')`],
    ['app:.bad', `tag "app:.bad" has an invalid tag '.bad' (letters, digits, _ . -, not starting with . or -, at most 128 characters)`],
    ['app:' + 'x'.repeat(129), expect.stringContaining('has an invalid tag')],
    ['-app', `tag "-app" has an invalid repository component '-app' (lowercase letters and digits, separated by . _ __ or -)`],
    ['team//app', expect.stringContaining("invalid repository component ''")],
    ['app@sha256:xyz', `tag "app@sha256:xyz" has an invalid digest 'sha256:xyz' (expected e.g. sha256:<64 hex digits>)`],
    ['bad_host:5000/app', `tag "bad_host:5000/app" has an invalid registry host 'bad_host:5000'`],
    ['', 'tag "" is empty'],
    ['$(whoami)', `tag "$(whoami)" contains '$'; image references use only letters, digits and . _ - / : @`],
  ])('rejects %j with one readable line', (tag, message) => {
    const problem = validateTag(tag);
    expect(problem).toEqual(message);
    expect(problem).not.toContain('\n');
  });
});

describe('sanitizeImageName', () => {
  it('lowercases and replaces what Docker rejects', () => {
    expect(sanitizeImageName('My App')).toBe('my-app');
    expect(sanitizeImageName('@scope/Api')).toBe('scope/api');
    expect(sanitizeImageName('__x..y__')).toBe('x-y');
    expect(sanitizeImageName('!!!')).toBe('app');
    expect(validateTag(`${sanitizeImageName('Weird  Name!!')}:latest`)).toBeNull();
  });
});
