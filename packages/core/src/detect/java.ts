import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LanguageDetector, Probe } from './detector';
import { joinPath } from './file-reader';
import { dig, firstLine, isRecord, managedVersions, MANAGER_TOOL_NAMES, str, type ProjectFiles } from './project-files';
import { javaMajor } from './version-range';
import { ManifestError } from './manifest-error';

const GRADLE_FILES = ['build.gradle.kts', 'build.gradle'];
const SETTINGS_FILES = ['settings.gradle.kts', 'settings.gradle'];

type Pom = Record<string, unknown>;

function probe(files: ProjectFiles): Probe {
  const signals = files.filesIn(files.dir, ['pom.xml', ...GRADLE_FILES, ...SETTINGS_FILES]);
  return signals.length ? { strength: 3, signals } : { strength: 0, signals: [] };
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

function readPom(files: ProjectFiles, path: string, evidence: string[]): Pom | null {
  const text = files.fs.read(path);
  if (text === null) return null;
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ManifestError(`${path}:${valid.err.line}:${valid.err.col}: ${valid.err.msg}`);
  try {
    const project = dig(xml.parse(text), 'project');
    if (isRecord(project)) return project;
    evidence.push(`${files.label(path)}: no <project> element; ignored`);
  } catch (e) {
    evidence.push(`${files.label(path)}: could not parse (${firstLine(e)})`);
  }
  return null;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** ${name} references resolved against properties (a few levels deep); unresolved ones stay as they are. */
function resolve(value: string, props: Record<string, string>): string {
  let out = value;
  for (let i = 0; i < 5 && /\$\{[^}]+\}/.test(out); i++) out = out.replace(/\$\{([^}]+)\}/g, (m, k: string) => props[k] ?? m);
  return out;
}

interface MavenFacts {
  version: string | null;
  entry: string | null;
  /** The Spring Boot version the build uses (its jar is layered from 2.4), or null. */
  springBoot?: string | null;
}

const BOOT_VERSION = /^\d+\.\d+(?:\.\d+)?(?:[-.][\w.-]+)?$/;

/**
 * Spring Boot's version in a pom: the starter parent's, else the spring-boot-dependencies BOM imported in
 * dependencyManagement, else the spring-boot-maven-plugin's (properties resolved).
 */
function pomBootVersion(pom: Pom, props: Record<string, string>): { what: string; value: string } | null {
  const managed = asList(dig(pom, 'dependencyManagement', 'dependencies', 'dependency'))
    .find((d) => str(dig(d, 'groupId')) === 'org.springframework.boot' && str(dig(d, 'artifactId')) === 'spring-boot-dependencies');
  const plugin = [...asList(dig(pom, 'build', 'plugins', 'plugin')), ...asList(dig(pom, 'build', 'pluginManagement', 'plugins', 'plugin'))]
    .find((p) => str(dig(p, 'artifactId')) === 'spring-boot-maven-plugin' && str(dig(p, 'version')));
  const parent = str(dig(pom, 'parent', 'groupId')) === 'org.springframework.boot' && str(dig(pom, 'parent', 'artifactId')) === 'spring-boot-starter-parent';
  const candidates: Array<[string, string | undefined]> = [
    ['Spring Boot parent', parent ? str(dig(pom, 'parent', 'version')) : undefined],
    ['spring-boot-dependencies BOM', str(dig(managed, 'version'))],
    ['spring-boot-maven-plugin', str(dig(plugin, 'version'))],
  ];
  for (const [what, raw] of candidates) {
    const value = raw ? resolve(raw, props) : undefined;
    if (value && BOOT_VERSION.test(value)) return { what, value };
  }
  return null;
}

function maven(files: ProjectFiles, evidence: string[]): MavenFacts {
  const path = files.path('pom.xml');
  const pom = readPom(files, path, evidence);
  if (!pom) return { version: null, entry: null };
  // Properties of the poms above the project (parents in a reactor), nearer ones win.
  const props: Record<string, string> = {};
  for (const dir of [...files.dirs].reverse()) {
    const p = dir === files.dir ? pom : readPom(files, joinPath(dir, 'pom.xml'), []);
    const pomProps = dig(p, 'properties');
    if (isRecord(pomProps)) for (const [k, v] of Object.entries(pomProps)) if (str(v) !== undefined) props[k] = str(v)!;
  }
  const artifactId = str(pom.artifactId);
  const groupId = str(pom.groupId) ?? str(dig(pom, 'parent', 'groupId'));
  const version = str(pom.version) ?? str(dig(pom, 'parent', 'version'));
  if (artifactId) props['project.artifactId'] = artifactId;
  if (groupId) props['project.groupId'] = groupId;
  if (version) props['project.version'] = version;

  const parentGroup = str(dig(pom, 'parent', 'groupId'));
  const parentArtifact = str(dig(pom, 'parent', 'artifactId'));
  const bootParent = parentGroup === 'org.springframework.boot' && parentArtifact === 'spring-boot-starter-parent';
  const bootVersion = bootParent ? (str(dig(pom, 'parent', 'version')) ?? '') : null;
  const bootPlugin = asList(dig(pom, 'build', 'plugins', 'plugin')).some((p) => str(dig(p, 'artifactId')) === 'spring-boot-maven-plugin');
  if (bootParent) evidence.push(`pom.xml: Spring Boot parent ${bootVersion || '(no version)'}`);
  else if (bootPlugin) evidence.push('pom.xml: spring-boot-maven-plugin');

  const compiler = asList(dig(pom, 'build', 'plugins', 'plugin')).find((p) => str(dig(p, 'artifactId')) === 'maven-compiler-plugin');
  const candidates: Array<[string, string | undefined]> = [
    ['maven.compiler.release', props['maven.compiler.release']],
    ['maven-compiler-plugin <release>', str(dig(compiler, 'configuration', 'release'))],
    ['maven.compiler.target', props['maven.compiler.target']],
    ['maven-compiler-plugin <target>', str(dig(compiler, 'configuration', 'target'))],
    ['maven.compiler.source', props['maven.compiler.source']],
    ['java.version', props['java.version']],
  ];
  let javaVersion: string | null = null;
  for (const [what, raw] of candidates) {
    if (!raw) continue;
    const value = resolve(raw, props);
    const major = /\$\{/.test(value) ? null : javaMajor(value);
    if (!major) {
      evidence.push(`pom.xml: ${what} "${raw}" could not be resolved; ignored`);
      continue;
    }
    evidence.push(`pom.xml: ${what} ${value} → ${major}`);
    javaVersion = major;
    break;
  }
  if (!javaVersion && bootVersion) {
    // spring-boot-starter-parent sets java.version: 17 from Boot 3, 1.8 before.
    const bootMajor = Number(/^(\d+)/.exec(bootVersion)?.[1]);
    if (bootMajor >= 2) {
      javaVersion = bootMajor >= 3 ? '17' : '8';
      evidence.push(`pom.xml: Spring Boot ${bootVersion} parent's default java.version → ${javaVersion}`);
    }
  }

  if (str(pom.packaging) === 'pom') {
    evidence.push('pom.xml: packaging pom — an aggregator, not an application; no entry');
    return { version: javaVersion, entry: null };
  }
  const finalName = str(dig(pom, 'build', 'finalName'));
  const jar = finalName ? resolve(finalName, props) : artifactId;
  if (jar) evidence.push(`pom.xml: ${finalName ? 'build.finalName' : 'artifactId'} → target/${jar}*.jar`);
  if (bootParent || bootPlugin) {
    evidence.push('pom.xml: Spring Boot jar starts itself → no main class (java -jar)');
    const boot = pomBootVersion(pom, props);
    if (boot) evidence.push(`pom.xml: ${boot.what} → Spring Boot ${boot.value}`);
    return { version: javaVersion, entry: null, springBoot: boot?.value ?? null };
  }
  const mainClass = pomMainClass(pom, props);
  if (mainClass) evidence.push(`pom.xml: ${mainClass.what} → entry ${mainClass.value}`);
  else evidence.push('pom.xml: no mainClass configured → no entry (java -jar)');
  return { version: javaVersion, entry: mainClass?.value ?? null };
}

/** A main class declared for the jar manifest, exec plugin, Spring Boot plugin or the start-class property. */
function pomMainClass(pom: Pom, props: Record<string, string>): { what: string; value: string } | null {
  if (props['start-class']) return { what: 'start-class', value: resolve(props['start-class'], props) };
  const plugins = [...asList(dig(pom, 'build', 'plugins', 'plugin')), ...asList(dig(pom, 'build', 'pluginManagement', 'plugins', 'plugin'))];
  for (const plugin of plugins) {
    const config = dig(plugin, 'configuration');
    const value = str(dig(config, 'archive', 'manifest', 'mainClass')) ?? str(dig(config, 'mainClass'));
    if (value) return { what: `${str(dig(plugin, 'artifactId')) ?? 'plugin'} mainClass`, value: resolve(value, props) };
  }
  return null;
}

/** JDK version from Gradle build script text (Groovy or Kotlin DSL). */
export function gradleJavaVersion(text: string): { what: string; version: string } | null {
  const code = text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const patterns: Array<[string, RegExp]> = [
    ['toolchain languageVersion', /JavaLanguageVersion\.of\(\s*["']?(\d+)["']?\s*\)/],
    ['jvmToolchain', /jvmToolchain\(\s*(\d+)\s*\)/],
    ['targetCompatibility', /targetCompatibility\s*=\s*(?:JavaVersion\.(?:VERSION_)?([\d_]+)|JavaVersion\.toVersion\(\s*["']?([\d.]+)["']?\s*\)|["']?([\d.]+)["']?)/],
    ['sourceCompatibility', /sourceCompatibility\s*=\s*(?:JavaVersion\.(?:VERSION_)?([\d_]+)|JavaVersion\.toVersion\(\s*["']?([\d.]+)["']?\s*\)|["']?([\d.]+)["']?)/],
    ['options.release', /options\.release(?:\.set\(\s*|\s*=\s*)(\d+)/],
  ];
  for (const [what, re] of patterns) {
    const m = re.exec(code);
    const raw = m?.slice(1).find((g) => g !== undefined);
    const major = raw ? javaMajor(raw.replace(/_/g, '.')) : null;
    if (major) return { what, version: major };
  }
  return null;
}

/**
 * Spring Boot's version in a Gradle build: the plugin's (`id 'org.springframework.boot' version '3.3.4'`, Kotlin
 * `id("org.springframework.boot") version "3.3.4"`), the buildscript classpath's spring-boot-gradle-plugin, or the
 * version catalog's entry for the plugin (`version.ref` resolved).
 */
export function gradleBootVersion(build: string, catalog: string | null): { what: string; value: string } | null {
  const plugin = /id\s*\(?\s*["']org\.springframework\.boot["']\s*\)?\s+version\s*\(?\s*["']([^"']+)["']/.exec(build)?.[1]
    ?? /spring-boot-gradle-plugin:([^"'\s)]+)["']/.exec(build)?.[1];
  if (plugin && BOOT_VERSION.test(plugin)) return { what: 'Spring Boot Gradle plugin', value: plugin };
  if (!catalog) return null;
  const entry = /^\s*([\w.-]+)\s*=\s*\{[^}\n]*id\s*=\s*["']org\.springframework\.boot["'][^}\n]*\}/m.exec(catalog);
  // applied only when the build names the entry: alias(libs.plugins.spring.boot) for the key spring-boot
  if (!entry || !build.includes(`libs.plugins.${entry[1].replace(/[-_]/g, '.')}`)) return null;
  const direct = /version\s*=\s*["']([^"']+)["']/.exec(entry[0])?.[1];
  const ref = /version\.ref\s*=\s*["']([^"']+)["']/.exec(entry[0])?.[1];
  const value = direct ?? (ref ? new RegExp(`^\\s*${ref.replace(/[.-]/g, '\\$&')}\\s*=\\s*["']([^"']+)["']`, 'm').exec(catalog)?.[1] : undefined);
  return value && BOOT_VERSION.test(value) ? { what: 'gradle/libs.versions.toml: org.springframework.boot plugin', value } : null;
}

function gradle(files: ProjectFiles, evidence: string[]): MavenFacts {
  let version: string | null = null;
  for (const dir of files.dirs) {
    const build = files.findUp(GRADLE_FILES, [dir]);
    if (!build) continue;
    const text = files.fs.read(build.path) ?? '';
    const found = gradleJavaVersion(text);
    if (found) {
      evidence.push(`${files.label(build.path)}: ${found.what} ${found.version} → ${found.version}`);
      version = found.version;
      break;
    }
  }
  const settings = files.findUp(SETTINGS_FILES, [files.dir]);
  const rootName = settings ? /rootProject\.name\s*=\s*["']([^"']+)["']/.exec(files.fs.read(settings.path) ?? '')?.[1] : undefined;
  const jar = rootName ?? files.name;
  evidence.push(`${rootName ? `${settings!.name}: rootProject.name` : 'project folder name'} → build/libs/${jar}*.jar`);
  const own = files.findUp(GRADLE_FILES, [files.dir]);
  const text = own ? (files.fs.read(own.path) ?? '').replace(/\/\/.*$/gm, '') : '';
  const catalog = files.findUp(['gradle/libs.versions.toml']);
  const boot = gradleBootVersion(text, catalog ? files.fs.read(catalog.path) : null);
  if (/org\.springframework\.boot/.test(text) || boot) {
    evidence.push(`${own!.name}: Spring Boot jar starts itself → no main class (java -jar)`);
    if (boot) evidence.push(`${boot.what} → Spring Boot ${boot.value}`);
    return { version, entry: null, springBoot: boot?.value ?? null };
  }
  const mainClass = /mainClass(?:Name)?(?:\.set\(\s*|\s*=\s*|\s*\(\s*|\s+)["']([\w.$]+)["']/.exec(text)?.[1];
  if (mainClass) evidence.push(`${own!.name}: mainClass → entry ${mainClass}`);
  return { version, entry: mainClass ?? null };
}

function versionFiles(files: ProjectFiles, evidence: string[]): string | null {
  for (const dir of files.dirs) {
    const sources: Array<[string, string | null | undefined]> = [];
    const jv = files.fs.read(joinPath(dir, '.java-version'));
    if (jv !== null) sources.push(['.java-version', jv.trim().split('\n')[0]]);
    for (const m of managedVersions(files, dir, MANAGER_TOOL_NAMES.java, evidence)) sources.push([m.path.slice(dir === '' ? 0 : dir.length + 1), m.spec]);
    const sdk = files.fs.read(joinPath(dir, '.sdkmanrc'));
    if (sdk !== null) sources.push(['.sdkmanrc', /^\s*java\s*=\s*(\S+)/m.exec(sdk)?.[1]]);
    const sp = files.fs.read(joinPath(dir, 'system.properties'));
    if (sp !== null) sources.push(['system.properties', /^\s*java\.runtime\.version\s*=\s*(\S+)/m.exec(sp)?.[1]]);
    for (const [file, spec] of sources) {
      const major = spec ? javaMajor(spec) : null;
      if (!spec || !major) continue;
      evidence.push(`${files.label(joinPath(dir, file))}: java ${spec} → ${major}`);
      return major;
    }
  }
  return null;
}

function wrapperVersion(files: ProjectFiles, propsPath: string): string | null {
  const text = files.fs.read(propsPath) ?? '';
  return /distributionUrl=.*?(?:apache-maven|gradle)-([\d.]+)-/.exec(text)?.[1] ?? null;
}

export const javaDetector: LanguageDetector = {
  language: 'java',
  checks: ['pom.xml', ...GRADLE_FILES, ...SETTINGS_FILES],
  probe,
  details(files) {
    const evidence: string[] = [];
    const hasPom = files.has('pom.xml');
    const hasGradle = GRADLE_FILES.some((f) => files.has(f)) || SETTINGS_FILES.some((f) => files.has(f));
    const mvnw = files.findUp(['mvnw']);
    const gradlew = files.findUp(['gradlew']);
    let manager: 'maven' | 'gradle';
    if (hasPom && hasGradle) {
      manager = gradlew && !mvnw ? 'gradle' : 'maven';
      evidence.push(`pom.xml and a Gradle build both present → ${manager}${manager === 'gradle' ? ' (only a Gradle wrapper)' : ''}`);
    } else if (hasPom || hasGradle) {
      manager = hasPom ? 'maven' : 'gradle';
      evidence.push(`${hasPom ? 'pom.xml' : files.filesIn(files.dir, [...GRADLE_FILES, ...SETTINGS_FILES])[0]} → ${manager}`);
    } else {
      manager = gradlew && !mvnw ? 'gradle' : 'maven';
      evidence.push(`no pom.xml or Gradle build in the project → ${manager}`);
    }
    const wrapper = manager === 'maven' ? mvnw : gradlew;
    if (wrapper) {
      const propsPath = joinPath(wrapper.dir, manager === 'maven' ? '.mvn/wrapper/maven-wrapper.properties' : 'gradle/wrapper/gradle-wrapper.properties');
      const v = wrapperVersion(files, propsPath);
      evidence.push(`${files.label(wrapper.path)}: ${manager === 'maven' ? 'Maven' : 'Gradle'} wrapper${v ? ` ${v}` : ''}`);
    }
    const facts = manager === 'maven' ? maven(files, evidence) : gradle(files, evidence);
    const runtime = facts.version ?? versionFiles(files, evidence);
    return { language: 'java', packageManager: manager, runtimeVersion: runtime, entry: facts.entry, ...(facts.springBoot ? { springBootVersion: facts.springBoot } : {}), evidence };
  },
};
