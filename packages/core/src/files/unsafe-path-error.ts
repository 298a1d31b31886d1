import { DockerMsError } from '../errors';

/** A path docker-ms refuses to write (a symbolic link, a folder, a device). The message is one line naming it. */
export class UnsafePathError extends DockerMsError {}
