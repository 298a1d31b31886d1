#!/usr/bin/env node
console.log("site");
