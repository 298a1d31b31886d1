import fs from 'node:fs';
import path from 'node:path';
import { detectProject } from '../detect-project';
import { memoryFileReader } from '../file-reader';

const APP = 'apps/api';
const NX_NODE = path.join(__dirname, '__fixtures__/nx-node');

function detect(files: Record<string, string>, language?: 'node' | 'python' | 'go' | 'rust' | 'java') {
  const prefixed = Object.fromEntries(Object.entries(files).map(([k, v]) => [`${APP}/${k}`, v]));
  return detectProject(APP, { workspaceRoot: '/ws', fs: memoryFileReader(prefixed), ...(language ? { language } : {}) });
}

/** An Nx integrated node app: project.json + tsconfig.app.json + the generator's src/main.ts. */
function nxNodeApp(framework: string) {
  return detect({
    'project.json': '{"name":"api","projectType":"application"}',
    'tsconfig.app.json': '{"extends":"./tsconfig.json"}',
    'src/main.ts': fs.readFileSync(path.join(NX_NODE, `${framework}.main.ts.txt`), 'utf8'),
  });
}

describe('listen: apps from Nx generators (@nx/node, @nx/nest 23.2.1 templates)', () => {
  it.each(['express', 'koa', 'fastify'])('%s: PORT with default 3000, HOST with loopback default → PORT=3000, HOST=0.0.0.0', (framework) => {
    const d = nxNodeApp(framework);
    expect(d.listen).toEqual({ port: 3000, portEnv: 'PORT', hostEnv: ['HOST', '0.0.0.0'], warnings: [] });
    expect(d.evidence).toEqual(expect.arrayContaining([
      'src/main.ts: PORT defaults to 3000 (line 4) → port 3000 (EXPOSE 3000)',
      'src/main.ts: reads PORT (line 4) → ENV PORT=<port>',
      'src/main.ts: binds HOST, default "localhost" (line 3) → ENV HOST=0.0.0.0 (listen on every interface, not only inside the container)',
    ].map((line) => (framework === 'fastify' ? line.replace('line 4', 'line 5').replace('line 3', 'line 4') : line))));
  });

  it('nest: process.env.PORT || 3000 and app.listen(port) on every interface → PORT=3000, no HOST', () => {
    const d = nxNodeApp('nest');
    expect(d.listen).toEqual({ port: 3000, portEnv: 'PORT', hostEnv: null, warnings: [] });
  });

  it('none (console.log only): no port, and the evidence says what to pass', () => {
    const d = nxNodeApp('none');
    expect(d.listen).toEqual({ port: null, portEnv: null, hostEnv: null, warnings: [] });
    expect(d.evidence).toContain('port: none found (looked in src/main.ts); pass --port <port> so the image EXPOSEs it');
  });
});

describe('listen: node listen(…) forms', () => {
  const pkg = JSON.stringify({ name: 'api', dependencies: { express: '^4' }, main: 'server.js' });
  const run = (code: string, extra: Record<string, string> = {}) => detect({ 'package.json': pkg, 'server.js': code, ...extra }).listen;

  it.each([
    ['a literal port', "app.listen(8080, () => console.log('up'));", { port: 8080, portEnv: null }],
    ['a constant', 'const port = 4000;\napp.listen(port);', { port: 4000, portEnv: null }],
    ['PORT || literal', 'app.listen(process.env.PORT || 5000);', { port: 5000, portEnv: 'PORT' }],
    ["Number(PORT ?? '3001')", "const port = Number(process.env.PORT ?? '3001');\nserver.listen(port);", { port: 3001, portEnv: 'PORT' }],
    ["parseInt(process.env['PORT'] || '8081', 10)", "const port = parseInt(process.env['PORT'] || '8081', 10);\napp.listen(port);", { port: 8081, portEnv: 'PORT' }],
    ['destructured default', 'const { PORT = 7000 } = process.env;\napp.listen(PORT);', { port: 7000, portEnv: 'PORT' }],
    ['PORT without default: the node convention 3000', 'app.listen(process.env.PORT);', { port: 3000, portEnv: 'PORT' }],
    ['Bun.serve({ port })', 'Bun.serve({ port: 3300, fetch() { return new Response("hi"); } });', { port: 3300, portEnv: null }],
    ['Hono serve({ fetch, port })', "import { serve } from '@hono/node-server';\nserve({ fetch: app.fetch, port: 8787 });", { port: 8787, portEnv: null }],
  ])('%s', (_what, code, expected) => {
    expect(run(code)).toMatchObject({ ...expected, hostEnv: null, warnings: [] });
  });

  it('a DB_PORT default is not the app port', () => {
    expect(run("const db = process.env.DB_PORT || 5432;\napp.listen(3000);").port).toBe(3000);
  });

  it("listen(port, '127.0.0.1') with no env override is a warning", () => {
    const l = run("app.listen(3000, '127.0.0.1');");
    expect(l.port).toBe(3000);
    expect(l.warnings).toEqual([
      'server.js: .listen(…) binds "127.0.0.1" (line 1), and no environment variable changes it: the container will not answer from outside. Bind 0.0.0.0 (or read the host from an environment variable such as HOST)',
    ]);
  });

  it("Fastify's listen({ port }) without a host binds localhost: a warning", () => {
    const l = run("import Fastify from 'fastify';\nconst app = Fastify();\napp.listen({ port: 3000 });");
    expect(l.warnings[0]).toMatch(/^server\.js: Fastify's listen\(…\) without a host binds localhost \(line 3\)/);
  });

  it("Fastify's listen({ port, host: '0.0.0.0' }) is fine", () => {
    expect(run("import Fastify from 'fastify';\nconst app = Fastify();\napp.listen({ port: 3000, host: '0.0.0.0' });")).toEqual({ port: 3000, portEnv: null, hostEnv: null, warnings: [] });
  });

  it('ignores commented-out listen calls and test files', () => {
    const l = run('// app.listen(9999)\napp.listen(3000);', { 'server.spec.js': 'app.listen(1234)' });
    expect(l.port).toBe(3000);
  });
});

describe('listen: python', () => {
  it('FastAPI docs: uvicorn.run(app, host="0.0.0.0", port=8000) in __main__', () => {
    const d = detect({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'main.py': 'from fastapi import FastAPI\nimport uvicorn\n\napp = FastAPI()\n\n@app.get("/")\ndef root():\n    return {"message": "Hello World"}\n\nif __name__ == "__main__":\n    uvicorn.run(app, host="0.0.0.0", port=8000)\n',
    });
    expect(d.listen).toEqual({ port: 8000, portEnv: null, hostEnv: null, warnings: [] });
    expect(d.evidence).toContain('main.py: uvicorn.run(port=8000) (line 11) → port 8000 (EXPOSE 8000)');
  });

  it('uvicorn.run without host binds 127.0.0.1: a warning', () => {
    const d = detect({ 'requirements.txt': 'uvicorn\n', 'main.py': 'import uvicorn\nif __name__ == "__main__":\n    uvicorn.run("main:app", port=5001)\n' });
    expect(d.listen.port).toBe(5001);
    expect(d.listen.warnings[0]).toMatch(/^main\.py: uvicorn\.run\(…\) binds 127\.0\.0\.1 \(its default without host=\)/);
  });

  it('Flask quickstart app.run() → port 5000 and a loopback warning; host="0.0.0.0" with PORT from env is fine', () => {
    const quick = detect({ 'requirements.txt': 'flask\n', 'app.py': 'from flask import Flask\n\napp = Flask(__name__)\n\n@app.route("/")\ndef hello_world():\n    return "<p>Hello, World!</p>"\n\nif __name__ == "__main__":\n    app.run()\n' });
    expect(quick.listen.port).toBe(5000);
    expect(quick.listen.warnings).toHaveLength(1);
    const env = detect({ 'requirements.txt': 'flask\n', 'app.py': 'import os\nfrom flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8080)))\n' });
    expect(env.listen).toEqual({ port: 8080, portEnv: 'PORT', hostEnv: null, warnings: [] });
  });

  it.each([
    ['Procfile gunicorn without --bind: PORT makes it bind 0.0.0.0', { Procfile: 'web: gunicorn myproject.wsgi\n' }, ['gunicorn', 'myproject.wsgi'], { port: 8000, portEnv: 'PORT', hostEnv: null }],
    ['gunicorn --bind 0.0.0.0:8080', { Procfile: 'web: gunicorn -w 4 --bind 0.0.0.0:8080 app:app\n' }, ['gunicorn', '-w', '4', '--bind', '0.0.0.0:8080', 'app:app'], { port: 8080, portEnv: null, hostEnv: null }],
    ['uvicorn without --host: UVICORN_HOST', { 'package.json': '{"scripts":{"start":"uvicorn main:app --port 8001"}}' }, ['uvicorn', 'main:app', '--port', '8001'], { port: 8001, portEnv: null, hostEnv: ['UVICORN_HOST', '0.0.0.0'] }],
    ['poetry run uvicorn --host 0.0.0.0 (Nx serve target)', { 'project.json': '{"targets":{"serve":{"executor":"@nxlv/python:run-commands","options":{"command":"poetry run uvicorn app.main:app --host 0.0.0.0 --port 8000"}}}}' }, ['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000'], { port: 8000, portEnv: null, hostEnv: null }],
    ['flask run: FLASK_RUN_HOST and FLASK_RUN_PORT', { Procfile: 'web: flask --app hello run\n' }, ['flask', '--app', 'hello', 'run'], { port: 5000, portEnv: 'FLASK_RUN_PORT', hostEnv: ['FLASK_RUN_HOST', '0.0.0.0'] }],
    ['fastapi run (every interface by default)', { Procfile: 'web: fastapi run app/main.py --port 80\n' }, ['fastapi', 'run', 'app/main.py', '--port', '80'], { port: 80, portEnv: null, hostEnv: null }],
  ])('%s', (_what, files, argv, expected) => {
    const d = detect({ 'requirements.txt': 'x\n', 'main.py': 'app = None\n', ...files }, 'python');
    expect(d.startCommand).toEqual(argv);
    expect(d.listen).toEqual({ ...expected, warnings: [] });
  });

  it('FastAPI first steps (app = FastAPI(), nothing runs it) with fastapi[standard] → uvicorn main:app on 0.0.0.0:8000', () => {
    const main = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/")\nasync def root():\n    return {"message": "Hello World"}\n';
    const d = detect({ 'requirements.txt': 'fastapi[standard]>=0.115\n', 'main.py': main });
    expect(d.startCommand).toEqual(['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000']);
    expect(d.listen).toEqual({ port: 8000, portEnv: null, hostEnv: null, warnings: [] });
    // the bigger-applications layout: app/main.py, uvicorn in pyproject dependencies
    const big = detect({ 'pyproject.toml': '[project]\nname = "api"\nversion = "0.1.0"\ndependencies = ["fastapi>=0.115", "uvicorn[standard]>=0.30"]\n', 'app/__init__.py': '', 'app/main.py': main }, 'python');
    expect(big.startCommand).toEqual(['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000']);
    // without a server declared, nothing is invented
    expect(detect({ 'requirements.txt': 'fastapi\n', 'main.py': main }).startCommand).toBeUndefined();
  });

  it('a Flask app with gunicorn declared and no app.run → gunicorn --bind 0.0.0.0:8000 app:app', () => {
    const d = detect({ 'requirements.txt': 'Flask==3.0.3\ngunicorn==23.0.0\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef hello():\n    return "hi"\n' });
    expect(d.startCommand).toEqual(['gunicorn', '--bind', '0.0.0.0:8000', 'app:app']);
    expect(d.listen).toEqual({ port: 8000, portEnv: null, hostEnv: null, warnings: [] });
  });

  it("Django's manage.py runserver (127.0.0.1:8000 by default) is a loopback warning; 0.0.0.0:8000 is not", () => {
    const dev = detect({ 'requirements.txt': 'django\n', 'manage.py': '#!/usr/bin/env python\n', Procfile: 'web: python manage.py runserver\n' }, 'python');
    expect(dev.startCommand).toEqual(['python', 'manage.py', 'runserver']);
    expect(dev.listen.port).toBe(8000);
    expect(dev.listen.warnings[0]).toMatch(/runserver's default/);
    const open = detect({ 'requirements.txt': 'django\n', 'manage.py': '', Procfile: 'web: python manage.py runserver 0.0.0.0:8000\n' }, 'python');
    expect(open.listen).toMatchObject({ port: 8000, warnings: [] });
  });

  it('http.server: ThreadingHTTPServer(("0.0.0.0", port)) with PORT from os.environ', () => {
    const d = detect({ 'requirements.txt': '', 'main.py': 'import os\nfrom http.server import ThreadingHTTPServer\nport = int(os.environ.get("PORT", "8000"))\nserver = ThreadingHTTPServer(("0.0.0.0", port), H)\n' });
    expect(d.listen).toEqual({ port: 8000, portEnv: 'PORT', hostEnv: null, warnings: [] });
  });
});

describe('listen: go', () => {
  const gomod = 'module example.com/api\n\ngo 1.22\n';
  it('net/http docs: ListenAndServe(":8080", nil)', () => {
    const d = detect({ 'go.mod': gomod, 'main.go': 'package main\n\nimport "net/http"\n\nfunc main() {\n\tlog.Fatal(http.ListenAndServe(":8080", nil))\n}\n' });
    expect(d.listen).toEqual({ port: 8080, portEnv: null, hostEnv: null, warnings: [] });
  });

  it('PORT from os.Getenv with a fallback (Cloud Run sample)', () => {
    const d = detect({ 'go.mod': gomod, 'main.go': 'package main\n\nfunc main() {\n\tport := os.Getenv("PORT")\n\tif port == "" {\n\t\tport = "8081"\n\t}\n\thttp.ListenAndServe(":"+port, nil)\n}\n' });
    expect(d.listen).toEqual({ port: 8081, portEnv: 'PORT', hostEnv: null, warnings: [] });
  });

  it.each([
    ['gin quickstart r.Run() (PORT, else :8080)', 'import "github.com/gin-gonic/gin"\nfunc main() {\n\tr := gin.Default()\n\tr.Run()\n}\n', { port: 8080, portEnv: 'PORT' }],
    ['echo e.Start(":1323")', 'import "github.com/labstack/echo/v4"\nfunc main() {\n\te := echo.New()\n\te.Logger.Fatal(e.Start(":1323"))\n}\n', { port: 1323, portEnv: null }],
    ['fiber app.Listen(":3000")', 'import "github.com/gofiber/fiber/v2"\nfunc main() {\n\tapp := fiber.New()\n\tapp.Listen(":3000")\n}\n', { port: 3000, portEnv: null }],
    ['http.Server{Addr: ":9090"}', 'func main() {\n\tsrv := &http.Server{Addr: ":9090", Handler: mux}\n\tsrv.ListenAndServe()\n}\n', { port: 9090, portEnv: null }],
  ])('%s', (_what, code, expected) => {
    expect(detect({ 'go.mod': gomod, 'main.go': `package main\n\n${code}` }).listen).toMatchObject({ ...expected, warnings: [] });
  });

  it('ListenAndServe("localhost:8080") is a loopback warning', () => {
    const l = detect({ 'go.mod': gomod, 'main.go': 'package main\nfunc main() { http.ListenAndServe("localhost:8080", nil) }\n' }).listen;
    expect(l.port).toBe(8080);
    expect(l.warnings[0]).toMatch(/^main\.go: ListenAndServe\("localhost:8080"\) binds localhost/);
  });
});

describe('listen: rust', () => {
  const cargo = (deps = '') => `[package]\nname = "api"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${deps}`;
  it('actix-web getting started: bind(("127.0.0.1", 8080)) is a loopback warning', () => {
    const l = detect({ 'Cargo.toml': cargo('actix-web = "4"\n'), 'src/main.rs': '#[actix_web::main]\nasync fn main() -> std::io::Result<()> {\n    HttpServer::new(|| App::new().service(hello))\n        .bind(("127.0.0.1", 8080))?\n        .run()\n        .await\n}\n' }).listen;
    expect(l.port).toBe(8080);
    expect(l.warnings[0]).toMatch(/^src\/main\.rs: bind\(\("127\.0\.0\.1", …\)\) binds 127\.0\.0\.1 \(line 4\)/);
  });

  it('axum hello world: TcpListener::bind("0.0.0.0:3000")', () => {
    const l = detect({ 'Cargo.toml': cargo('axum = "0.8"\n'), 'src/main.rs': '#[tokio::main]\nasync fn main() {\n    let app = Router::new().route("/", get(|| async { "Hello, World!" }));\n    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();\n    axum::serve(listener, app).await.unwrap();\n}\n' }).listen;
    expect(l).toEqual({ port: 3000, portEnv: null, hostEnv: null, warnings: [] });
  });

  it('SocketAddr::from(([127, 0, 0, 1], 3000)) is a loopback warning', () => {
    const l = detect({ 'Cargo.toml': cargo(), 'src/main.rs': 'fn main() { let addr = SocketAddr::from(([127, 0, 0, 1], 3000)); }\n' }).listen;
    expect(l.port).toBe(3000);
    expect(l.warnings).toHaveLength(1);
  });

  it('PORT from env::var with unwrap_or_else and format!("0.0.0.0:{port}")', () => {
    const l = detect({ 'Cargo.toml': cargo(), 'src/main.rs': 'fn main() {\n    let port = env::var("PORT").unwrap_or_else(|_| "8080".to_string());\n    let listener = TcpListener::bind(format!("0.0.0.0:{port}")).unwrap();\n}\n' }).listen;
    expect(l).toEqual({ port: 8080, portEnv: 'PORT', hostEnv: null, warnings: [] });
  });

  it('Rocket (127.0.0.1:8000 by default) → ROCKET_ADDRESS=0.0.0.0, ROCKET_PORT; Rocket.toml port wins', () => {
    const code = '#[launch]\nfn rocket() -> _ { rocket::build().mount("/", routes![index]) }\n';
    expect(detect({ 'Cargo.toml': cargo('rocket = "0.5.1"\n'), 'src/main.rs': code }).listen).toEqual({ port: 8000, portEnv: 'ROCKET_PORT', hostEnv: ['ROCKET_ADDRESS', '0.0.0.0'], warnings: [] });
    expect(detect({ 'Cargo.toml': cargo('rocket = "0.5.1"\n'), 'Rocket.toml': '[default]\nport = 8001\naddress = "0.0.0.0"\n', 'src/main.rs': code }).listen).toEqual({ port: 8001, portEnv: 'ROCKET_PORT', hostEnv: null, warnings: [] });
  });
});

describe('listen: java', () => {
  const boot = '<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.4</version></parent><artifactId>api</artifactId></project>';
  it.each([
    ['no server.port: 8080, SERVER_PORT', {}, { port: 8080, portEnv: 'SERVER_PORT', hostEnv: null }],
    ['application.properties server.port=8081', { 'src/main/resources/application.properties': 'spring.application.name=api\nserver.port=8081\n' }, { port: 8081, portEnv: 'SERVER_PORT', hostEnv: null }],
    ['application.yml server: port: 9000', { 'src/main/resources/application.yml': 'spring:\n  application:\n    name: api\nserver:\n  port: 9000\n' }, { port: 9000, portEnv: 'SERVER_PORT', hostEnv: null }],
    ['server.port=${PORT:8080}', { 'src/main/resources/application.properties': 'server.port=${PORT:8080}\n' }, { port: 8080, portEnv: 'PORT', hostEnv: null }],
    ['server.address=127.0.0.1 → SERVER_ADDRESS=0.0.0.0', { 'src/main/resources/application.properties': 'server.address=127.0.0.1\n' }, { port: 8080, portEnv: 'SERVER_PORT', hostEnv: ['SERVER_ADDRESS', '0.0.0.0'] }],
  ])('Spring Boot: %s', (_what, files, expected) => {
    expect(detect({ 'pom.xml': boot, ...files }).listen).toEqual({ ...expected, warnings: [] });
  });

  it('JDK HttpServer with PORT from System.getenv().getOrDefault', () => {
    const code = 'class Main { public static void main(String[] a) throws Exception {\n int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));\n HttpServer s = HttpServer.create(new InetSocketAddress(port), 0);\n} }\n';
    expect(detect({ 'pom.xml': '<project><artifactId>a</artifactId></project>', 'src/main/java/Main.java': code }).listen).toEqual({ port: 8080, portEnv: 'PORT', hostEnv: null, warnings: [] });
  });
});
