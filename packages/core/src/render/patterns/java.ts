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
  /** Spring Boot's layered jar, extracted in the build stage and copied layer by layer; null copies the jar. */
  layers: BootLayers | null;
}

export interface BootLayers {
  /** Extracts /out/app.jar's layers into /out/layers/<layer>/. */
  extract: string;
  /** Spring Boot's default layers, in the order the runtime copies them (least changing first). */
  names: string[];
  /** The class that starts the exploded jar. */
  launcher: string;
}

const BOOT_LAYERS = ['dependencies', 'spring-boot-loader', 'snapshot-dependencies', 'application'];

/**
 * Spring Boot jars are layered from 2.4 (2.3 only when configured): 3.3+ extract with the tools jar mode and
 * --launcher (an exploded jar), older ones with layertools; the launcher moved to ...loader.launch in 3.2.
 * The user's own start (entry, startCommand) names the jar, so it keeps the jar.
 */
function bootLayers(o: OptionsFor<'java'>): BootLayers | null {
  if (!o.springBootVersion || o.layeredJar === false || o.entry || o.startCommand) return null;
  const [major, minor] = o.springBootVersion.split('.').map(Number);
  const atLeast = (ma: number, mi: number) => major > ma || (major === ma && minor >= mi);
  if (!atLeast(2, 4)) return null;
  return {
    extract: atLeast(3, 3)
      ? 'java -Djarmode=tools -jar /out/app.jar extract --layers --launcher --destination /out/layers'
      : 'java -Djarmode=layertools -jar /out/app.jar extract --destination /out/layers',
    names: BOOT_LAYERS,
    launcher: atLeast(3, 2) ? 'org.springframework.boot.loader.launch.JarLauncher' : 'org.springframework.boot.loader.JarLauncher',
  };
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
  const layers = bootLayers(o);
  const run = layers
    ? ['java', '-XX:MaxRAMPercentage=75', '-cp', '/app', layers.launcher]
    : o.entry ? ['java', '-XX:MaxRAMPercentage=75', '-cp', jar, o.entry] : ['java', '-XX:MaxRAMPercentage=75', '-jar', jar];
  const entrypoint = o.startCommand ? splitCommand(o.startCommand) : run;
  return {
    ...base,
    jarDir,
    buildCmd,
    depsCmd,
    caches: gradle ? ['/root/.gradle'] : ['/root/.m2'],
    javaSecrets: gradle ? [] : ['maven_settings'],
    layers,
    healthcheck: healthcheckCommand(o, null),
    entrypoint,
    cmd: null,
  };
}
