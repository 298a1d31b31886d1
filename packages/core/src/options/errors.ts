import { DockerMsError } from '../errors';

/** Bad options: one line per problem, each naming the option and what it accepts. */
export class OptionsError extends DockerMsError {}
