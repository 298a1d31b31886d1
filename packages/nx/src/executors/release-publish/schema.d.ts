import type { ReleaseOptions } from '@docker-ms/core';

export type ReleaseExecutorSchema = Partial<ReleaseOptions> & { repository: string };
