import { detectProject } from './detect-project';
import { memoryFileReader } from './file-reader';
import { gradleJavaVersion } from './java';

const APP = 'apps/orders';

function detect(files: Record<string, string>, project = APP) {
  return detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files) });
}

const pom = ({ parent = '', properties = '', build = '', packaging = '' } = {}): string => `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  ${parent}
  <groupId>com.example</groupId>
  <artifactId>orders</artifactId>
  <version>1.2.0</version>
  ${packaging}
  <properties>${properties}</properties>
  <dependencies>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>2.17.0</version></dependency>
  </dependencies>
  ${build}
</project>
`;

const BOOT_PARENT = (v: string) =>
  `<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>${v}</version><relativePath/></parent>`;

describe('java: maven', () => {
  it.each([
    ['maven.compiler.release', pom({ properties: '<maven.compiler.release>21</maven.compiler.release>' }), '21', 'pom.xml: maven.compiler.release 21 → 21'],
    ['maven.compiler.source/target 1.8', pom({ properties: '<maven.compiler.source>1.8</maven.compiler.source><maven.compiler.target>1.8</maven.compiler.target>' }), '8', 'pom.xml: maven.compiler.target 1.8 → 8'],
    ['java.version with a Spring Boot parent', pom({ parent: BOOT_PARENT('3.3.4'), properties: '<java.version>17</java.version>' }), '17', 'pom.xml: java.version 17 → 17'],
    ['release referencing a property', pom({ properties: '<jdk>21</jdk><maven.compiler.release>${jdk}</maven.compiler.release>' }), '21', 'pom.xml: maven.compiler.release 21 → 21'],
    ['compiler plugin <release>', pom({ build: '<build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version><configuration><release>17</release></configuration></plugin></plugins></build>' }), '17', 'pom.xml: maven-compiler-plugin <release> 17 → 17'],
    ['Spring Boot 3 parent default java.version', pom({ parent: BOOT_PARENT('3.2.1') }), '17', "pom.xml: Spring Boot 3.2.1 parent's default java.version → 17"],
  ])('%s', (_name, xml, version, evidence) => {
    const d = detect({ [`${APP}/pom.xml`]: xml });
    expect(d).toMatchObject({ language: 'java', packageManager: 'maven', runtimeVersion: version });
    expect(d.evidence).toContain(evidence);
  });

  it('Spring Boot: evidence names the parent, no main class (java -jar)', () => {
    const d = detect({ [`${APP}/pom.xml`]: pom({ parent: BOOT_PARENT('3.3.4'), properties: '<java.version>21</java.version>' }) });
    expect(d.entry).toBeNull();
    expect(d.evidence).toContain('pom.xml: Spring Boot parent 3.3.4');
    expect(d.evidence).toContain('pom.xml: artifactId → target/orders*.jar');
    expect(d.evidence).toContain('pom.xml: Spring Boot jar starts itself → no main class (java -jar)');
  });

  it.each([
    ['the starter parent', pom({ parent: BOOT_PARENT('3.5.16') }), '3.5.16', 'pom.xml: Spring Boot parent → Spring Boot 3.5.16'],
    [
      'the BOM imported through a property',
      pom({
        properties: '<spring-boot.version>3.2.5</spring-boot.version>',
        build: `<dependencyManagement><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId>
          <version>\${spring-boot.version}</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
          <build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>`,
      }),
      '3.2.5',
      'pom.xml: spring-boot-dependencies BOM → Spring Boot 3.2.5',
    ],
    [
      'the plugin version',
      pom({ build: '<build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId><version>2.7.18</version></plugin></plugins></build>' }),
      '2.7.18',
      'pom.xml: spring-boot-maven-plugin → Spring Boot 2.7.18',
    ],
  ])('Spring Boot version from %s', (_name, xml, version, evidence) => {
    const d = detect({ [`${APP}/pom.xml`]: xml });
    expect(d.springBootVersion).toBe(version);
    expect(d.evidence).toContain(evidence);
  });

  it('no Spring Boot version: a plain jar, or an unresolved property', () => {
    expect(detect({ [`${APP}/pom.xml`]: pom() }).springBootVersion).toBeUndefined();
    const unresolved = pom({ build: '<build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId><version>${boot}</version></plugin></plugins></build>' });
    expect(detect({ [`${APP}/pom.xml`]: unresolved }).springBootVersion).toBeUndefined();
  });

  it('a module reads properties of the reactor pom above it; mvnw and its version are noted', () => {
    const d = detect({
      'pom.xml': pom({ packaging: '<packaging>pom</packaging>', properties: '<java.version>21</java.version>' }),
      mvnw: '#!/bin/sh\n',
      '.mvn/wrapper/maven-wrapper.properties': 'distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.9/apache-maven-3.9.9-bin.zip\n',
      [`${APP}/pom.xml`]: pom(),
    });
    expect(d.runtimeVersion).toBe('21');
    expect(d.packageManager).toBe('maven');
    expect(d.evidence).toContain('mvnw (workspace root): Maven wrapper 3.9.9');
  });

  it('a main class from the jar plugin manifest is the entry; finalName names the jar', () => {
    const build = `<build><finalName>\${project.artifactId}-app</finalName><plugins><plugin><artifactId>maven-jar-plugin</artifactId>
      <configuration><archive><manifest><mainClass>com.example.orders.Main</mainClass></manifest></archive></configuration></plugin></plugins></build>`;
    const d = detect({ [`${APP}/pom.xml`]: pom({ build, properties: '<maven.compiler.release>21</maven.compiler.release>' }) });
    expect(d.entry).toBe('com.example.orders.Main');
    expect(d.evidence).toContain('pom.xml: build.finalName → target/orders-app*.jar');
  });

  it('packaging pom is an aggregator: no entry', () => {
    const d = detect({ [`${APP}/pom.xml`]: pom({ packaging: '<packaging>pom</packaging>' }) });
    expect(d.entry).toBeNull();
    expect(d.evidence).toContain('pom.xml: packaging pom — an aggregator, not an application; no entry');
  });

  it('a broken pom.xml stops detection with the file, the position and the parse error', () => {
    expect(() => detect({ [`${APP}/pom.xml`]: '<project>\n  <artifactId>x</artifactId\n</project>\n' })).toThrow(
      `${APP}/pom.xml:2:16: Closing tag 'artifactId' can't have attributes or invalid starting.`,
    );
  });
});

describe('java: gradle', () => {
  it.each([
    ['Kotlin DSL toolchain', 'build.gradle.kts', 'java {\n    toolchain {\n        languageVersion = JavaLanguageVersion.of(21)\n    }\n}\n', '21'],
    ['Groovy toolchain .set()', 'build.gradle', "java {\n  toolchain {\n    languageVersion.set(JavaLanguageVersion.of(17))\n  }\n}\n", '17'],
    ['sourceCompatibility JavaVersion.VERSION_17', 'build.gradle', "sourceCompatibility = JavaVersion.VERSION_17\n", '17'],
    ['sourceCompatibility = \'11\'', 'build.gradle', "plugins { id 'java' }\nsourceCompatibility = '11'\n", '11'],
    ['VERSION_1_8', 'build.gradle', 'targetCompatibility = JavaVersion.VERSION_1_8\n', '8'],
    ['kotlin jvmToolchain', 'build.gradle.kts', 'kotlin {\n    jvmToolchain(21)\n}\n', '21'],
  ])('%s', (_name, file, text, version) => {
    const d = detect({ [`${APP}/${file}`]: text, [`${APP}/settings.gradle`]: "rootProject.name = 'orders-svc'\n" });
    expect(d).toMatchObject({ language: 'java', packageManager: 'gradle', runtimeVersion: version });
    expect(d.evidence).toContain('settings.gradle: rootProject.name → build/libs/orders-svc*.jar');
  });

  it('commented-out settings are not read', () => {
    expect(gradleJavaVersion('// languageVersion = JavaLanguageVersion.of(11)\nsourceCompatibility = 17\n')).toEqual({ what: 'sourceCompatibility', version: '17' });
  });

  it('a subproject inherits the toolchain from the root build; gradlew version is noted', () => {
    const d = detect({
      'settings.gradle.kts': 'rootProject.name = "shop"\ninclude("apps:orders")\n',
      'build.gradle.kts': 'subprojects {\n  java { toolchain { languageVersion = JavaLanguageVersion.of(21) } }\n}\n',
      gradlew: '#!/bin/sh\n',
      'gradle/wrapper/gradle-wrapper.properties': 'distributionUrl=https\\://services.gradle.org/distributions/gradle-8.10.2-bin.zip\n',
      [`${APP}/build.gradle.kts`]: 'plugins { application }\napplication {\n    mainClass.set("com.example.orders.AppKt")\n}\n',
    });
    expect(d.runtimeVersion).toBe('21');
    expect(d.entry).toBe('com.example.orders.AppKt');
    expect(d.evidence).toContain('gradlew (workspace root): Gradle wrapper 8.10.2');
    expect(d.evidence).toContain('build.gradle.kts (workspace root): toolchain languageVersion 21 → 21');
    expect(d.evidence).toContain('project folder name → build/libs/orders*.jar');
  });

  it.each([
    ['Kotlin assignment', 'build.gradle.kts', 'application {\n    mainClass = "com.example.Main"\n}\n'],
    ['Groovy call without parentheses', 'build.gradle', "application {\n    mainClass 'com.example.Main'\n}\n"],
    ['Groovy mainClassName', 'build.gradle', "apply plugin: 'application'\nmainClassName = 'com.example.Main'\n"],
  ])('application main class: %s', (_name, file, text) => {
    expect(detect({ [`${APP}/${file}`]: text }).entry).toBe('com.example.Main');
  });

  it('Spring Boot plugin: no main class', () => {
    const d = detect({ [`${APP}/build.gradle`]: "plugins {\n  id 'org.springframework.boot' version '3.3.4'\n}\nmainClassName = 'x.Y'\n" });
    expect(d.entry).toBeNull();
  });

  it.each([
    ['Groovy plugins block', { 'build.gradle': "plugins {\n  id 'java'\n  id 'org.springframework.boot' version '3.3.4'\n}\n" }, '3.3.4'],
    ['Kotlin plugins block', { 'build.gradle.kts': 'plugins {\n  id("org.springframework.boot") version "4.0.7"\n}\n' }, '4.0.7'],
    ['buildscript classpath', { 'build.gradle': "buildscript {\n  dependencies { classpath('org.springframework.boot:spring-boot-gradle-plugin:2.7.18') }\n}\napply plugin: 'org.springframework.boot'\n" }, '2.7.18'],
    [
      'version catalog with version.ref',
      {
        'build.gradle.kts': 'plugins {\n  alias(libs.plugins.spring.boot)\n}\n',
        'gradle/libs.versions.toml': '[versions]\nspringBoot = "3.4.1"\n\n[plugins]\nspring-boot = { id = "org.springframework.boot", version.ref = "springBoot" }\n',
      },
      '3.4.1',
    ],
  ])('Spring Boot version: %s', (_name, files, version) => {
    const d = detect(Object.fromEntries(Object.entries(files).map(([f, t]) => [`${APP}/${f}`, t])));
    expect(d.springBootVersion).toBe(version);
  });

  it('pom.xml and build.gradle both, only a Gradle wrapper → gradle', () => {
    const d = detect({ [`${APP}/pom.xml`]: pom(), [`${APP}/build.gradle`]: '', [`${APP}/gradlew`]: '' });
    expect(d.packageManager).toBe('gradle');
    expect(d.evidence).toContain('pom.xml and a Gradle build both present → gradle (only a Gradle wrapper)');
  });
});

describe('java: version files', () => {
  it.each([
    ['.java-version', { [`${APP}/.java-version`]: '17.0.2\n' }, '17', '.java-version: java 17.0.2 → 17'],
    ['.tool-versions at the root', { '.tool-versions': 'java temurin-21.0.1+12\n' }, '21', '.tool-versions (workspace root): java temurin-21.0.1+12 → 21'],
    ['.sdkmanrc', { [`${APP}/.sdkmanrc`]: 'java=21.0.2-tem\n' }, '21', '.sdkmanrc: java 21.0.2-tem → 21'],
    ['system.properties', { [`${APP}/system.properties`]: 'java.runtime.version=11\n' }, '11', 'system.properties: java 11 → 11'],
  ])('%s when the build names no version', (_name, extra, version, evidence) => {
    const d = detect({ [`${APP}/pom.xml`]: pom(), ...extra });
    expect(d.runtimeVersion).toBe(version);
    expect(d.evidence).toContain(evidence);
  });

  it('the build file wins over .java-version', () => {
    const d = detect({ [`${APP}/pom.xml`]: pom({ properties: '<maven.compiler.release>21</maven.compiler.release>' }), [`${APP}/.java-version`]: '17' });
    expect(d.runtimeVersion).toBe('21');
  });
});
