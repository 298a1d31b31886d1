/** Bad options: one line per problem, each naming the option and what it accepts. */
export class OptionsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'OptionsError';
    this.problems = problems;
  }
}
