import { modelOf, type DockerfileSource } from './parse';

export interface StageInfo {
  /** Name after AS as written, or null for an unnamed stage. */
  name: string | null;
  index: number;
  /** Image text after FROM (a base image, `scratch`, or an earlier stage's name). */
  image: string;
  /** 1-based line of the FROM instruction. */
  line: number;
}

/** The build stages of a Dockerfile, in order. */
export function listStages(dockerfile: DockerfileSource): StageInfo[] {
  const model = modelOf(dockerfile);
  return model.stages.map(({ name, index, image, line }) => ({ name, index, image, line }));
}
