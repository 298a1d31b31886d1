import type { Language } from '../types';

export type Flavor = 'debian' | 'alpine' | 'distroless' | 'scratch';
export type Toolchain = 'node' | 'python' | 'go' | 'rust' | 'jdk' | 'jre' | 'maven' | 'gradle' | 'nginx' | 'none';

export interface CatalogImage {
  ref: string;
  language: Language;
  role: 'build' | 'runtime';
  flavor: Flavor;
  toolchain: Toolchain;
  /** Language runtime version the tag carries ("22", "3.12"), or the distro release for version-less images. */
  version: string;
  /** Whether /bin/sh exists (RUN, shell-form commands, useradd). */
  shell: boolean;
}

export interface ImageSet {
  build: CatalogImage;
  runtime: CatalogImage;
  [extra: string]: CatalogImage;
}
