import path from 'node:path';
import type { OptionsFor } from '../../options';
import { OptionsError } from '../../options/errors';
import { secretPath, type SecretId } from '../../secrets';
import { baseTemplateData, healthcheckCommand, splitCommand, type BaseTemplateData } from '../template-data';

export interface JavaTemplateData extends BaseTemplateData {
  /** Folder (inside the project) where the build leaves its jar. */
  jarDir: string;
  /** Shell command that builds the jar (wrapper when the project has one). */
  buildCmd: string;
  /** Maven: the command that resolves plugins and dependencies from pom.xml alone (its own cached layer); null for Gradle. */
  depsCmd: string | null;
  caches: string[];
  javaSecrets: SecretId[];
}

export function javaTemplateData(o: OptionsFor<'java'>): JavaTemplateData {
  const base = baseTemplateData(o);
  const gradle = o.packageManager === 'gradle';
  let jarDir = gradle ? 'build/libs' : 'target';
  if (o.outputPath) {
    jarDir = path.posix.relative(o.projectRoot === '.' ? '' : o.projectRoot, o.outputPath) || '.';
    if (jarDir.startsWith('..')) {
      throw new OptionsError([`outputPath: for java it must be inside projectRoot "${o.projectRoot}" (got "${o.outputPath}")`]);
    }
  }
  // Maven credentials: the maven_settings secret as the user settings (-s) when it was given; the image's global settings still apply
  const settings = o.cacheMounts ? `settings=; if [ -f ${secretPath('maven_settings')} ]; then settings="-s ${secretPath('maven_settings')}"; fi; ` : '';
  const mvnFlags = o.cacheMounts ? '-B $settings -DskipTests' : '-B -DskipTests';
  // maven images set MAVEN_CONFIG=/root/.m2; wrapper scripts before 3.3 pass it to Maven as a goal
  const mvn = (goal: string) => `if [ -x ./mvnw ]; then MAVEN_CONFIG= ./mvnw ${mvnFlags} ${goal}; else mvn ${mvnFlags} ${goal}; fi`;
  const buildCmd =
    o.buildCommand ??
    (gradle ? 'if [ -x ./gradlew ]; then ./gradlew --no-daemon assemble -x test; else gradle --no-daemon assemble -x test; fi' : `${settings}${mvn('package')}`);
  // A multi-module build needs every module's pom.xml, which this step does not copy: it leaves the download to the build step.
  const depsCmd = gradle
    ? null
    : `${settings}if grep -qs '<modules>' pom.xml; then echo 'pom.xml lists modules: dependencies resolve in the build step'; else ${mvn('dependency:go-offline')}; fi`;
  const jar = '/app/app.jar';
  const run = o.entry ? ['java', '-XX:MaxRAMPercentage=75', '-cp', jar, o.entry] : ['java', '-XX:MaxRAMPercentage=75', '-jar', jar];
  const entrypoint = o.startCommand ? splitCommand(o.startCommand) : run;
  return {
    ...base,
    jarDir,
    buildCmd,
    depsCmd,
    caches: gradle ? ['/root/.gradle'] : ['/root/.m2'],
    javaSecrets: gradle ? [] : ['maven_settings'],
    healthcheck: healthcheckCommand(o, null),
    entrypoint,
    cmd: null,
  };
}
