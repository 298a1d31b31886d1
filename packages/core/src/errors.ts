/**
 * A problem with what the user gave (options, files, flags, the machine), as opposed to a bug: one line per
 * problem, each naming what is wrong and what fixes it. Callers print `problems` and exit non-zero.
 */
export class DockerMsError extends Error {
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.name = new.target.name;
    this.problems = list;
  }
}
