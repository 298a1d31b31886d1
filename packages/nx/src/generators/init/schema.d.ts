export interface InitGeneratorSchema {
  /** Name of the inferred build target; default `docker-build`. */
  buildTargetName?: string;
  skipFormat?: boolean;
}
