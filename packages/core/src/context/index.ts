export { contextClosure, ROOT_FILES, type ContextClosure, type ContextClosureInput } from './closure';
export { contextDockerignore, parseContextDockerignore, type ContextIgnoreInput } from './dockerignore';
export { graphDependencyRoots, type ProjectGraphLike } from './project-graph';
export {
  everyMemberManifest, installNeedsEveryMember, listWorkspacePackages, localDependencyRoots, packageRuntimePaths, workspaceGlobs, workspacePackages, type NamedWorkspacePackage, type WorkspacePackage,
} from './workspace-packages';
export { localPathDependencies } from './path-dependencies';
export { dockerignoreMatcher, contextFiles } from './matcher';
