// @docker-ms/turbo. The module itself is the plop pack — `plop.load("@docker-ms/turbo")` imports it and
// calls its default export, which for CommonJS is module.exports — with the rest of the API on it.
import { dockerMsPlopPack } from './plop/pack';
import * as api from './api';

export = Object.assign(dockerMsPlopPack, api);
